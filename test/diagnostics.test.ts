/**
 * node:diagnostics_channel messages (issue #14, item 5): a subscriber sees each DNS question, each
 * validated lookup, each SMTP session and each TLSA match of a verifyDane call, with the fields
 * documented in src/diagnostics.ts; without subscribers nothing is published.
 */
import { expect } from 'chai';
import { subscribe, unsubscribe, channel } from 'node:diagnostics_channel';
import { createTestWorld, type TestWorld } from '../src/testing/world.ts';
import { verifyDane } from '../src/dane/verify.ts';
import { DIAGNOSTICS_CHANNELS, type DnsQueryMessage, type LookupMessage, type MatchMessage, type SmtpSessionMessage } from '../src/index.ts';
import { RRType } from '../src/dns/iana/rr-types.ts';

describe('diagnostics_channel messages', function () {
  this.timeout(60_000);
  let world: TestWorld;

  before(async () => {
    world = await createTestWorld({
      zones: { 'example.': {}, 'ok.example.': { records: ['@ MX 10 mx1', '@ MX 20 mx2'] } },
      mailServers: { 'mx1.ok.example.': {}, 'mx2.ok.example.': { tlsa: [`3 1 1 ${'ab'.repeat(32)}`] } },
    });
  });
  after(async () => world?.close());

  it('a verifyDane call: questions, lookups, two sessions, a match and a mismatch', async () => {
    const seen: Record<string, unknown[]> = {};
    const handlers = Object.fromEntries(Object.values(DIAGNOSTICS_CHANNELS).map((name) => [name, (m: unknown) => (seen[name] ??= []).push(m)]));
    for (const [name, h] of Object.entries(handlers)) subscribe(name, h);
    try {
      const r = await verifyDane('ok.example.', { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, shareValidator: false, timeoutMs: 5000 });
      expect(r.exitCode).to.equal(1);
    } finally {
      for (const [name, h] of Object.entries(handlers)) unsubscribe(name, h);
    }
    const queries = seen[DIAGNOSTICS_CHANNELS.dnsQuery] as DnsQueryMessage[];
    expect(queries.some((q) => q.name === 'ok.example.' && q.type === RRType.MX && q.ok)).to.equal(true);
    const lookups = seen[DIAGNOSTICS_CHANNELS.lookup] as LookupMessage[];
    expect(lookups.find((l) => l.name === 'ok.example.' && l.type === RRType.MX)?.status).to.equal('secure');
    const sessions = seen[DIAGNOSTICS_CHANNELS.smtpSession] as SmtpSessionMessage[];
    expect(sessions.map((s) => [s.servername, s.ok]).sort()).to.deep.equal([['mx1.ok.example.', true], ['mx2.ok.example.', true]]);
    const matches = seen[DIAGNOSTICS_CHANNELS.match] as MatchMessage[];
    expect(matches.map((m) => [m.host, m.ok, m.usage ?? m.code]).sort()).to.deep.equal([['mx1.ok.example.', true, 'DANE-EE'], ['mx2.ok.example.', false, 'no-match']]);
  });

  it('without subscribers the channels have none (nothing is built)', () => {
    for (const name of Object.values(DIAGNOSTICS_CHANNELS)) expect(channel(name).hasSubscribers, name).to.equal(false);
  });
});
