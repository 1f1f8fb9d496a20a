/**
 * DANE beside MTA-STS (RFC 8461 §2) in verifyDane and the domain check: where a secure TLSA RRset
 * exists DANE decides, and an MTA-STS policy that would refuse the host changes nothing; MTA-STS
 * decides only hosts without DANE; a bogus TLSA lookup keeps the host unusable whatever MTA-STS
 * says; without the option the result is what it always was. Real servers on loopback: the
 * world's DNS, SMTP and MTA-STS HTTPS servers.
 */
import { expect } from 'chai';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { join } from 'node:path';
import type { TestWorld } from '../../src/testing/world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { runCli } from '../../src/cli/run.ts';
import { verifyDane, type DaneOptions } from '../../src/dane/verify.ts';
import { governHost } from '../../src/dane/mta-sts-precedence.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/testing/smtp-server.ts';
import { createTestCertificate } from '../../src/testing/certs.ts';
import { attemptsFromDaneResult } from '../../src/dane/tlsrpt-outcomes.ts';
import { MtaStsPolicyCache } from '../../src/mail-policy/mta-sts-cache.ts';

const ENFORCE_ELSEWHERE = 'version: STSv1\nmode: enforce\nmx: only.elsewhere.example\nmax_age: 86400\n';
const ENFORCE_PLAIN = 'version: STSv1\nmode: enforce\nmx: *.plain\nmax_age: 86400\n';

describe('dane/mta-sts-precedence: which mechanism governs each MX host (RFC 8461 §2)', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let dir: string;
  let net: string[];
  let opts: DaneOptions;
  const smtp: TestSmtpServer[] = [];

  before(async () => {
    ({ world, dir, net } = await cliWorld({
      zones: {
        'example.': {},
        // DANE host; the MTA-STS policy names another host: it must not matter.
        'dane.example.': { records: ['@ MX 10 mx'] },
        // Two hosts without DANE (unsigned zone), one listed by the policy, one not.
        'sts.example.': { records: ['@ MX 10 a.plain.', '@ MX 20 b.other.'] },
        'plain.': { unsigned: true, records: ['a A 127.0.0.60'] },
        'other.': { unsigned: true, records: ['b A 127.0.0.61', 'unlisted A 127.0.0.85'] },
        // A bogus TLSA lookup; the policy allows the host: still not usable.
        'bogus.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.62', '_25._tcp.mx TLSA 3 1 1 0000000000000000000000000000000000000000000000000000000000000000'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
        'nosts.example.': { records: ['@ MX 10 mx.dane.example.'] },
        'brokensts.example.': { records: ['@ MX 10 a.plain.'] },
        // Hosts MTA-STS governs, with SMTP servers started below (certificates from the world's MTA-STS CA).
        'pkix.example.': { records: ['@ MX 10 good.web.', '@ MX 20 wrong.web.', '@ MX 30 self.web.', '@ MX 40 plain.web.', '@ MX 50 unlisted.other.'] },
        'web.': { unsigned: true, records: ['good A 127.0.0.81', 'wrong A 127.0.0.82', 'self A 127.0.0.83', 'plain A 127.0.0.84'] },
      },
      mailServers: { 'mx.dane.example.': {} },
      mtaSts: {
        'dane.example.': { policy: ENFORCE_ELSEWHERE },
        'sts.example.': { policy: ENFORCE_PLAIN },
        'bogus.example.': { policy: 'version: STSv1\nmode: enforce\nmx: mx.bogus.example\nmax_age: 86400\n' },
        'brokensts.example.': { break: 'wrong-name' },
        'pkix.example.': { policy: 'version: STSv1\nmode: enforce\nmx: *.web\nmax_age: 86400\n' },
      },
    }, { prefix: 'dane-verify-mtasts-' }));
    writeFileSync(join(dir, 'sts-ca.pem'), world.mtaStsCa.pem);
    net.push('--mta-sts-ca', join(dir, 'sts-ca.pem'), '--mta-sts-port', String(world.mtaStsPort));
    const ca = world.mtaStsCa;
    const leaf = (name: string, issuer = true) => createTestCertificate({ subjectCN: name, dnsNames: [name], ...(issuer ? { issuer: ca } : {}) });
    const certs: [string, string, ReturnType<typeof leaf>, 'starttls' | 'no-starttls'][] = [
      ['127.0.0.81', 'good.web', leaf('good.web'), 'starttls'],
      ['127.0.0.82', 'wrong.web', leaf('elsewhere.web'), 'starttls'],
      ['127.0.0.83', 'self.web', leaf('self.web', false), 'starttls'],
      ['127.0.0.84', 'plain.web', leaf('plain.web'), 'no-starttls'],
    ];
    for (const [address, hostname, cert, mode] of certs) {
      smtp.push(await startTestSmtpServer({ listenAddress: address, port: world.mailPort, hostname, mode, certPem: cert.pem + (cert.subjectCN === 'self.web' ? '' : ca.pem), keyPem: cert.keyPem }));
    }
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000, shareValidator: false };
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await Promise.all(smtp.map((x) => x.close()));
    await world?.close();
  });
  const sts = () => ({ mtaSts: { ca: world.mtaStsCa.pem, port: world.mtaStsPort } });

  it('DANE host: DANE governs and authenticates, though the MTA-STS policy would refuse the host', async () => {
    const r = await verifyDane('dane.example', { ...opts, ...sts() });
    expect(r.exitCode).to.equal(0);
    expect(r.mtaSts, JSON.stringify(r.mtaSts)).to.include({ outcome: 'policy' });
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

  it('hosts MTA-STS governs: STARTTLS and the Web PKI verdict per address (RFC 8461 §4.2), each failure with its TLS-RPT type', async () => {
    const r = await verifyDane('pkix.example', { ...opts, ...sts() });
    const rows = r.hosts.map((h) => [h.host, h.outcome, h.governedBy, h.mtaSts?.allowed, h.mtaSts?.sessions?.map((x) => [x.outcome, x.tlsrpt])]);
    expect(rows).to.deep.equal([
      ['good.web.', 'none', 'mta-sts', true, [['valid', undefined]]],
      ['wrong.web.', 'none', 'mta-sts', true, [['failed', 'certificate-host-mismatch']]],
      ['self.web.', 'none', 'mta-sts', true, [['failed', 'certificate-not-trusted']]],
      ['plain.web.', 'none', 'mta-sts', true, [['failed', 'starttls-not-supported']]],
      ['unlisted.other.', 'none', 'mta-sts', false, undefined],
    ]);
    expect(r.exitCode, 'the DANE verdict is not changed by MTA-STS').to.equal(2);
    // TLS-RPT attempts: reported under the sts policy, one per session.
    const attempts = attemptsFromDaneResult(r, { at: new Date(Date.UTC(2026, 11, 3)) });
    expect(attempts.map((a) => [a.mxHost, a.policy.type, a.success, a.resultType])).to.deep.equal([
      ['good.web', 'sts', true, undefined],
      ['wrong.web', 'sts', false, 'certificate-host-mismatch'],
      ['self.web', 'sts', false, 'certificate-not-trusted'],
      ['plain.web', 'sts', false, 'starttls-not-supported'],
    ]);
    // The policy cached, and node's own CA store (no ca): the private CA is not trusted, so neither is good.web.
    const cache = new MtaStsPolicyCache();
    await verifyDane('pkix.example', { ...opts, mtaSts: { ...sts().mtaSts, cache }, connect: false });
    const noCa = await verifyDane('pkix.example', { ...opts, mtaSts: { port: world.mtaStsPort, cache } });
    expect(noCa.mtaSts?.policy?.source).to.equal('cache');
    expect(noCa.hosts[0]!.mtaSts?.sessions?.map((x) => [x.outcome, x.tlsrpt])).to.deep.equal([['failed', 'certificate-not-trusted']]);
    const policyOnly = await verifyDane('pkix.example', { ...opts, ...sts(), connect: false });
    expect(policyOnly.hosts[0]!.mtaSts?.sessions).to.equal(undefined);
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
    const p = await runCli(['pkix.example.', ...net]);
    expect(p.stdout).to.contain('governed by MTA-STS: MTA-STS decides (mode enforce)');
    expect(p.stdout).to.contain('MTA-STS 127.0.0.81: valid; STARTTLS');
    expect(p.stdout).to.contain('MTA-STS 127.0.0.82: failed (certificate-host-mismatch)');
    const j = JSON.parse((await runCli(['sts.example.', ...net, '--json', '--no-connect'])).stdout) as {
      mtaSts: { outcome: string; record: { dnssec: string; id: string }; policy: { mode: string; mx: string[] } };
      hosts: { host: string; governedBy: string; mtaSts?: { allowed: boolean } }[];
    };
    expect(j.mtaSts).to.deep.include({ outcome: 'policy' });
    expect(j.mtaSts.record).to.deep.include({ dnssec: 'secure', id: '1' });
    expect(j.mtaSts.policy).to.deep.include({ mode: 'enforce', mx: ['*.plain'] });
    expect(j.hosts.map((h) => [h.host, h.governedBy, h.mtaSts?.allowed])).to.deep.equal([['a.plain.', 'mta-sts', true], ['b.other.', 'mta-sts', false]]);
  });

  it('the JSON of every MTA-STS case is valid under schemas/check-v1.schema.json (policy, sessions, failure, none), and a mutated one is not', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    const check = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/check-v1.schema.json', import.meta.url), 'utf8')) as object);
    const outcomes = new Set<string>();
    let withSessions: Record<string, unknown> | undefined;
    for (const domain of ['dane.example.', 'sts.example.', 'pkix.example.', 'brokensts.example.', 'nosts.example.', 'bogus.example.']) {
      for (const extra of [[], ['--no-connect'], ['-v']]) {
        const j = JSON.parse((await runCli([domain, ...net, '--json', ...extra])).stdout) as { mtaSts?: { outcome: string }; hosts: { mtaSts?: { sessions?: unknown[] } }[] };
        expect(check(j), `${domain} ${extra.join(' ')}: ${JSON.stringify(check.errors, null, 2)}`).to.equal(true);
        if (j.mtaSts) outcomes.add(j.mtaSts.outcome);
        if (j.hosts.some((h) => h.mtaSts?.sessions?.length)) withSessions = j as unknown as Record<string, unknown>;
      }
    }
    expect([...outcomes].sort()).to.deep.equal(['failed', 'none', 'policy']);
    expect(withSessions, 'a case with Web PKI sessions').to.not.equal(undefined);
    const bad = JSON.parse(JSON.stringify(withSessions)) as { hosts: { governedBy?: string; mtaSts?: { sessions?: { outcome: string }[] } }[] };
    bad.hosts.find((h) => h.mtaSts?.sessions?.length)!.mtaSts!.sessions![0]!.outcome = 'fine';
    expect(check(bad)).to.equal(false);
    const gov = JSON.parse(JSON.stringify(withSessions)) as { hosts: { governedBy?: string }[] };
    gov.hosts[0]!.governedBy = 'both';
    expect(check(gov)).to.equal(false);
  });
});
