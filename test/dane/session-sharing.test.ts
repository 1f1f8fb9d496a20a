/**
 * How one call shares out what it may do over the MX hosts (issue #12): the SMTP sessions of the
 * budget go to every host in turn (first addresses first), so that a host with many addresses
 * cannot leave another host unchecked; and what was left out is said (addressesNotTried,
 * hostsNotChecked), never silently dropped.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { verifyDane, type DaneOptions } from '../../src/dane/verify.ts';
import { resultToJson } from '../../src/cli/report.ts';

describe('dane/verify: sessions and hosts shared out within one call', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        // Each host: its mail server's address, then two more where nothing listens (refused).
        'two.example.': { records: ['@ MX 10 mx1', '@ MX 20 mx2', 'mx1 A 127.0.0.61', 'mx1 A 127.0.0.62', 'mx2 A 127.0.0.63', 'mx2 A 127.0.0.64'] },
        'many.example.': { records: Array.from({ length: 12 }, (_, i) => [`@ MX ${i} h${i}`, `h${i} A 127.0.0.1`, `_25._tcp.h${i} TLSA 3 1 1 ${'cd'.repeat(32)}`]).flat() },
      },
      mailServers: { 'mx1.two.example.': {}, 'mx2.two.example.': {} },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000 };
  });
  after(async () => world?.close());

  it('with sessions for every address: each host tries all three (its server authenticates, the others are refused)', async () => {
    const r = await verifyDane('two.example.', opts);
    expect(r.hosts.map((h) => h.addresses.length)).to.deep.equal([3, 3]);
    expect(r.hosts.every((h) => h.addressesNotTried === undefined)).to.equal(true);
    expect(r.budget.used.smtpSessions).to.equal(6);
  });

  it('maxSmtpSessions 2: one session per host (its first address), not two for the first host; the rest are said not tried', async () => {
    const r = await verifyDane('two.example.', { ...opts, budget: { maxSmtpSessions: 2 } });
    // Each host's first address is one where nothing listens (the zone's own records come first).
    expect(r.hosts.map((h) => h.addresses.map((a) => a.address))).to.deep.equal(r.hosts.map((h) => [h.policy.addresses[0]]));
    expect(r.hosts.map((h) => h.addressesNotTried)).to.deep.equal([2, 2]);
    expect(r.hosts[0]!.reason).to.contain("(2 more addresses not tried: 2 past the call's 2 SMTP sessions (maxSmtpSessions))");
    expect(r.budget.used.smtpSessions).to.equal(2);
    expect(r.budget.exhausted?.bound).to.equal('maxSmtpSessions');
    const j = resultToJson(r) as { hosts: { addressesNotTried?: number }[] };
    expect(j.hosts.map((h) => h.addressesNotTried)).to.deep.equal([2, 2]);
  });

  it('maxSmtpSessions 5: in turns, the first host gets its third address (its server, authenticated), the second host two', async () => {
    const r = await verifyDane('two.example.', { ...opts, budget: { maxSmtpSessions: 5 } });
    expect(r.hosts.map((h) => h.addresses.map((a) => a.address))).to.deep.equal(r.hosts.map((h, i) => h.policy.addresses.slice(0, i === 0 ? 3 : 2)));
    expect(r.hosts[0]!.addresses.map((a) => a.outcome).sort()).to.deep.equal(['authenticated', 'error', 'error']);
    expect(r.hosts.map((h) => h.addressesNotTried)).to.deep.equal([undefined, 1]);
  });

  it('12 MX hosts: the 10 most preferred are checked, and the summary and JSON say 2 were not', async () => {
    const r = await verifyDane('many.example.', { ...opts, connect: false });
    expect(r.hosts).to.have.length(10);
    expect(r.policy.hostsNotChecked).to.equal(2);
    expect(r.summary).to.match(/; 2 more MX hosts not checked$/);
    expect(resultToJson(r).hostsNotChecked).to.equal(2);
    const few = await verifyDane('two.example.', { ...opts, connect: false });
    expect(few.policy.hostsNotChecked).to.equal(undefined);
    expect(resultToJson(few)).to.not.have.property('hostsNotChecked');
  });
});
