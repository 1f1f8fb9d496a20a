/**
 * DANE beside MTA-STS (RFC 8461 §2) in verifyDane and the domain check: where a secure TLSA RRset
 * exists DANE decides, and an MTA-STS policy that would refuse the host changes nothing; MTA-STS
 * decides only hosts without DANE; a bogus TLSA lookup keeps the host unusable whatever MTA-STS
 * says; without the option the result is what it always was. Real servers on loopback: the
 * world's DNS, SMTP and MTA-STS HTTPS servers.
 */
import { expect } from 'chai';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestWorld } from '../../src/testing/world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { runCli } from '../../src/cli/run.ts';
import { verifyDane, type DaneOptions } from '../../src/dane/verify.ts';
import { governHost } from '../../src/dane/mta-sts-precedence.ts';

const ENFORCE_ELSEWHERE = 'version: STSv1\nmode: enforce\nmx: only.elsewhere.example\nmax_age: 86400\n';
const ENFORCE_PLAIN = 'version: STSv1\nmode: enforce\nmx: *.plain\nmax_age: 86400\n';

describe('dane/mta-sts-precedence: which mechanism governs each MX host (RFC 8461 §2)', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let dir: string;
  let net: string[];
  let opts: DaneOptions;

  before(async () => {
    ({ world, dir, net } = await cliWorld({
      zones: {
        'example.': {},
        // DANE host; the MTA-STS policy names another host: it must not matter.
        'dane.example.': { records: ['@ MX 10 mx'] },
        // Two hosts without DANE (unsigned zone), one listed by the policy, one not.
        'sts.example.': { records: ['@ MX 10 a.plain.', '@ MX 20 b.other.'] },
        'plain.': { unsigned: true, records: ['a A 127.0.0.60'] },
        'other.': { unsigned: true, records: ['b A 127.0.0.61'] },
        // A bogus TLSA lookup; the policy allows the host: still not usable.
        'bogus.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.62', '_25._tcp.mx TLSA 3 1 1 0000000000000000000000000000000000000000000000000000000000000000'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
        'nosts.example.': { records: ['@ MX 10 mx.dane.example.'] },
        'brokensts.example.': { records: ['@ MX 10 a.plain.'] },
      },
      mailServers: { 'mx.dane.example.': {} },
      mtaSts: {
        'dane.example.': { policy: ENFORCE_ELSEWHERE },
        'sts.example.': { policy: ENFORCE_PLAIN },
        'bogus.example.': { policy: 'version: STSv1\nmode: enforce\nmx: mx.bogus.example\nmax_age: 86400\n' },
        'brokensts.example.': { break: 'wrong-name' },
      },
    }, { prefix: 'dane-verify-mtasts-' }));
    writeFileSync(join(dir, 'sts-ca.pem'), world.mtaStsCa.pem);
    net.push('--mta-sts-ca', join(dir, 'sts-ca.pem'), '--mta-sts-port', String(world.mtaStsPort));
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000, shareValidator: false };
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });
  const sts = () => ({ mtaSts: { ca: world.mtaStsCa.pem, port: world.mtaStsPort } });

  it('DANE host: DANE governs and authenticates, though the MTA-STS policy would refuse the host', async () => {
    const r = await verifyDane('dane.example', { ...opts, ...sts() });
    expect(r.exitCode).to.equal(0);
    expect(r.mtaSts).to.include({ outcome: 'policy' });
    const h = r.hosts[0]!;
    expect([h.outcome, h.governedBy], h.governance).to.deep.equal(['authenticated', 'dane']);
    expect(h.mtaSts).to.include({ mode: 'enforce', allowed: false });
  });

  it('hosts without DANE: MTA-STS governs, each with the policy\'s verdict', async () => {
    const r = await verifyDane('sts.example', { ...opts, ...sts(), connect: false });
    expect(r.hosts.map((h) => [h.host, h.outcome, h.governedBy, h.mtaSts?.allowed, h.mtaSts?.pattern])).to.deep.equal([
      ['a.plain.', 'none', 'mta-sts', true, '*.plain'],
      ['b.other.', 'none', 'mta-sts', false, undefined],
    ]);
    expect(r.exitCode).to.equal(2);
  });

  it('a bogus TLSA lookup: the host stays unusable (bogus), governed by DANE, whatever MTA-STS allows', async () => {
    // The TLSA record sits at _25._tcp (not at the world's mail port): a DNS policy check on port 25.
    const r = await verifyDane('bogus.example', { ...opts, ...sts(), port: 25, connect: false });
    const h = r.hosts[0]!;
    expect([h.outcome, h.governedBy, h.mtaSts?.allowed]).to.deep.equal(['bogus', 'dane', true]);
    expect(r.exitCode).to.equal(1);
  });

  it('no MTA-STS, or a policy that could not be fetched: neither governs a host without DANE; the failure is reported', async () => {
    const none = await verifyDane('nosts.example', { ...opts, ...sts() });
    expect([none.mtaSts?.outcome, none.hosts[0]!.governedBy]).to.deep.equal(['none', 'dane']);
    const broken = await verifyDane('brokensts.example', { ...opts, ...sts(), connect: false });
    expect([broken.mtaSts?.outcome, broken.mtaSts?.failure?.tlsrpt, broken.hosts[0]!.governedBy]).to.deep.equal(['failed', 'sts-webpki-invalid', 'none']);
  });

  it('without the option: no MTA-STS lookup, no new fields, the same verdict', async () => {
    const queries = world.server.log.length;
    const r = await verifyDane('dane.example', opts);
    expect(r.mtaSts).to.equal(undefined);
    expect(r.hosts[0]).to.not.have.any.keys('governedBy', 'governance', 'mtaSts');
    expect(world.server.log.slice(queries).some((q) => (q.message?.questions[0]?.name.toString() ?? "").toLowerCase().startsWith('_mta-sts'))).to.equal(false);
    expect(r.exitCode).to.equal(0);
  });

  it('governHost never lets MTA-STS govern a host with a secure TLSA RRset', () => {
    const base = { host: 'mx.example.', preference: 10, addressStatus: 'secure' as const, addresses: ['192.0.2.1'], tlsa: [], reason: 'r', reasons: [], bogus: false, tlsaName: '_25._tcp.mx.example.' };
    const policy = { version: 'STSv1' as const, mode: 'enforce' as const, mx: ['mx.example'], maxAge: 1, extensions: [], ignoredDuplicates: [] };
    const result = { domain: 'example.', outcome: 'policy' as const, record: { domain: 'example.', name: '_mta-sts.example.', outcome: 'none' as const, status: 'secure' as const, reason: '', reasons: [] },
      policy: { id: '1', policy, source: 'fetched' as const, fetchedAt: new Date(0), expiresAt: new Date(1000), lines: [] }, reason: '' };
    expect(governHost({ ...base, policy: 'dane' }, result).governedBy).to.equal('dane');
    expect(governHost({ ...base, policy: 'mandatory-tls' }, result).governedBy).to.equal('dane');
    expect(governHost({ ...base, policy: 'no-delivery', bogus: true }, result).governedBy).to.equal('dane');
    expect(governHost({ ...base, policy: 'none' }, result).governedBy).to.equal('mta-sts');
    expect(governHost({ ...base, policy: 'none' }, { ...result, policy: { ...result.policy, policy: { ...policy, mode: 'none', mx: [] } } }).governedBy).to.equal('none');
    expect(governHost({ ...base, policy: 'none' }, undefined).governedBy).to.equal('none');
  });

  it('the domain check shows both, in text and JSON', async () => {
    const t = await runCli(['dane.example.', ...net]);
    expect(t.exitCode, t.stderr).to.equal(0);
    expect(t.stdout).to.contain('MTA-STS (record secure): policy id 1 mode enforce, mx only.elsewhere.example (fetched');
    expect(t.stdout).to.contain('governed by DANE; MTA-STS alone would refuse it');
    const j = JSON.parse((await runCli(['sts.example.', ...net, '--json', '--no-connect'])).stdout) as {
      mtaSts: { outcome: string; record: { dnssec: string; id: string }; policy: { mode: string; mx: string[] } };
      hosts: { host: string; governedBy: string; mtaSts?: { allowed: boolean } }[];
    };
    expect(j.mtaSts).to.deep.include({ outcome: 'policy' });
    expect(j.mtaSts.record).to.deep.include({ dnssec: 'secure', id: '1' });
    expect(j.mtaSts.policy).to.deep.include({ mode: 'enforce', mx: ['*.plain'] });
    expect(j.hosts.map((h) => [h.host, h.governedBy, h.mtaSts?.allowed])).to.deep.equal([['a.plain.', 'mta-sts', true], ['b.other.', 'mta-sts', false]]);
  });
});
