/**
 * Adversarial review of the DANE/SMTP half: each case here was a suspicion, written as a test
 * before any fix (RFC 7672 §2-§3, with Postfix and OpenSSL as the reference behaviour).
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_ADDRESSES_PER_HOST, verifyDane, type DaneOptions } from '../../src/dane/verify.ts';
import { TrustAnchorError } from '../../src/dnssec/anchors.ts';
import { runCli } from '../../src/cli/run.ts';
import { createTestCertificate } from '../../src/testing/certs.ts';
import { checker, only } from './dane-checks.ts';

describe('dane review (adversarial cases)', function () {
  this.timeout(120_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        // A-only host in an NSEC3 zone whose iteration count is above the validator's limit: the
        // AAAA NODATA is insecure (RFC 9276 §3.2) while the A RRset and the TLSA RRset are secure.
        'iter.example.': { records: ['@ MX 10 mx'], denial: { nsec3: { iterations: 0 } }, break: [{ kind: 'nsec3-iterations', iterations: 500 }] },
        'plain.example.': { unsigned: true, records: ['@ MX 10 mx'] },
        // The AAAA NODATA proof at the host is bogus (its NSEC signature is corrupt); A and TLSA are fine.
        'aaaabogus.example.': { records: ['@ MX 10 mx'], break: [{ kind: 'corrupt-signature', type: 'NSEC', name: 'mx' }] },
        'dupmx.example.': { records: ['@ MX 10 mx.iter.example.', '@ MX 0 MX.ITER.example.', '@ MX 20 mx.plain.example.'] },
        'onlypkix.example.': { records: ['@ MX 10 mx'] },
        'pkixplus.example.': { records: ['@ MX 10 mx'] },
        'full.example.': { records: ['@ MX 10 mx'] },
        'v6.example.': { records: ['@ MX 10 mx', 'mx AAAA ::1'] },
        'twonull.example.': { records: ['@ MX 0 .', '@ MX 10 .'] },
        'nullplus.example.': { records: ['@ MX 0 .', '@ MX 10 mx.iter.example.'] },
        'threemx.example.': { records: ['@ MX 10 mx.iter.example.', '@ MX 20 mx.unusable.example.', '@ MX 30 mx.plain.example.'] },
        'unusable.example.': { records: ['@ MX 10 mx'] },
        // One MX host with 40 addresses besides its own: 127.0.1.1-40, where nothing listens.
        'many.example.': { records: ['@ MX 10 mx', ...Array.from({ length: 40 }, (_, i) => `mx A 127.0.1.${i + 1}`)] },
      },
      mailServers: {
        'mx.iter.example.': {},
        'mx.plain.example.': {},
        'mx.aaaabogus.example.': {},
        // 1 1 1 is computed from the leaf, so it would match if PKIX-EE were used; 3 1 1 is another key.
        'mx.onlypkix.example.': { tlsa: ['1 1 1', `3 1 1 ${'ab'.repeat(32)}`] },
        'mx.pkixplus.example.': { tlsa: ['1 1 1', '3 1 1'] },
        'mx.full.example.': { tlsa: ['3 0 0'], keyType: 'rsa' },
        'mx.v6.example.': { ip: '::1', address: false },
        'mx.unusable.example.': { tlsa: ['0 0 1', '1 1 1'] },
        'mx.many.example.': {},
      },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000 };
  });
  after(async () => world?.close());

  const check = checker(() => opts);

  describe('address security is judged on the records that exist (Postfix: per address RR)', () => {
    it('keeps DANE for a secure A RRset when the AAAA denial is insecure (NSEC3 iterations above the limit)', async () => {
      const h = only(await check('iter.example.'));
      expect(h.policy.policy, h.policy.reason).to.equal('dane');
      expect(h.outcome, h.reason).to.equal('authenticated');
    });
    it('still defers a host whose AAAA denial is bogus beside a secure A RRset (a bogus lookup always counts)', async () => {
      const r = await check('aaaabogus.example.');
      const h = only(r);
      expect([h.policy.addressStatus, h.policy.policy, h.outcome], h.reason).to.deep.equal(['bogus', 'no-delivery', 'bogus']);
      expect(r.exitCode).to.equal(1);
    });
    it('still uses no TLSA records when the A records themselves are insecure', async () => {
      const h = only(await check('plain.example.'));
      expect([h.policy.addressStatus, h.policy.policy]).to.deep.equal(['insecure', 'none']);
    });
  });

  describe('--require-dane', () => {
    it('fails a host whose secure TLSA RRset holds no usable record (tlsa-invalid), as it fails a host without TLSA', async () => {
      const r = await check('unusable.example.', { requireDane: true });
      const h = only(r);
      expect([h.outcome, h.tlsrpt], h.reason).to.deep.equal(['failed', 'tlsa-invalid']);
      expect(r.exitCode).to.equal(1);
      expect(only(await check('plain.example.', { requireDane: true })).tlsrpt).to.equal('dane-required');
      const policyOnly = only(await check('unusable.example.', { requireDane: true, connect: false }));
      expect([policyOnly.outcome, policyOnly.tlsrpt]).to.deep.equal(['failed', 'tlsa-invalid']);
    });
    it('without it, the same host is TLS without authentication (exit 2)', async () => {
      const r = await check('unusable.example.');
      expect(only(r).outcome).to.equal('unauthenticated');
      expect(r.exitCode).to.equal(2);
    });
  });

  describe('trust anchors given but empty are refused, never replaced by the IANA root anchors', () => {
    it('verifyDane rejects an empty anchor text as caller misuse', async () => {
      let err: unknown;
      try {
        await verifyDane('ok.example.', { resolvers: ['127.0.0.1:9'], trustAnchors: '', timeoutMs: 100 });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(TrustAnchorError);
    });
    it('the CLI exits 64 for an empty --trust-anchor file, and runs with a real one', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'dane-review-'));
      try {
        await writeFile(join(dir, 'empty'), '');
        await writeFile(join(dir, 'anchor'), world.trustAnchors.text);
        const net = ['--resolver', world.resolver, '--port', String(world.mailPort), '--timeout', '5000'];
        const bad = await runCli(['plain.example.', ...net, '--trust-anchor', join(dir, 'empty')]);
        expect(bad.exitCode, bad.stdout).to.equal(64);
        expect(bad.stderr).to.match(/trust anchor/);
        const good = await runCli(['plain.example.', ...net, '--trust-anchor', join(dir, 'anchor')]);
        expect(good.exitCode, good.stderr).to.equal(2);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  it(`opens at most ${MAX_ADDRESSES_PER_HOST} SMTP sessions for one host, and says how many addresses it left out`, async () => {
    const h = only(await check('many.example.'));
    expect(h.policy.addresses).to.have.length(41);
    expect(h.addresses).to.have.length(MAX_ADDRESSES_PER_HOST);
    expect(h.reason).to.include(`${41 - MAX_ADDRESSES_PER_HOST} more addresses not tried`);
    expect(h.outcome).to.not.equal('authenticated');
    const one = only(await check('iter.example.'));
    expect(one.addresses).to.have.length(1);
    expect(one.reason).to.not.include('not tried');
  });

  it('rollover: a --next PEM block that is not a certificate is a usage error (64), not an internal error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dane-review-'));
    try {
      await writeFile(join(dir, 'bad.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
      const r = await runCli(['rollover', 'mx.iter.example.', '--next', join(dir, 'bad.pem'), '--resolver', '127.0.0.1:9', '--timeout', '100']);
      expect(r.exitCode, r.stderr).to.equal(64);
      expect(r.stderr).to.match(/--next .*bad\.pem: expected an X\.509 certificate/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses maxHosts below 1 as caller misuse instead of checking no host and reporting no DANE', async () => {
    for (const maxHosts of [0, -1, Number.NaN, 1.5]) {
      let err: unknown;
      try {
        await check('iter.example.', { maxHosts });
      } catch (e) {
        err = e;
      }
      expect(err, String(maxHosts)).to.be.instanceOf(RangeError);
    }
    const r = await check('iter.example.', { maxHosts: 1 });
    expect(r.exitCode, r.summary).to.equal(0);
  });

  it('says when MX hosts were left out by maxHosts, and not otherwise', async () => {
    const cut = await check('threemx.example.', { maxHosts: 2, connect: false });
    expect(cut.hosts.map((h) => h.host)).to.deep.equal(['mx.iter.example.', 'mx.unusable.example.']);
    expect(cut.policy.reason).to.include('only the 2 most preferred of 3 MX hosts were checked');
    const all = await check('threemx.example.', { connect: false });
    expect(all.hosts).to.have.length(3);
    expect(all.policy.reason).to.not.include('most preferred');
  });

  it('an MX RRset of only "." exchanges takes no mail (exit 2 with action no-mail), a "." beside a real host is skipped', async () => {
    const r = await check('twonull.example.');
    expect([r.policy.action, r.policy.mx.kind, r.hosts.length, r.exitCode]).to.deep.equal(['no-mail', 'null', 0, 2]);
    const mixed = await check('nullplus.example.');
    expect(mixed.policy.action).to.equal('deliver');
    expect(mixed.hosts.map((h) => [h.host, h.outcome])).to.deep.equal([['mx.iter.example.', 'authenticated']]);
    expect(mixed.exitCode).to.equal(0);
  });

  it('the CLI refuses an IP address as destination (no TLSA base domain) with exit 64, and takes a host name', async () => {
    const net = ['--resolver', world.resolver, '--trust-anchor', '/nonexistent', '--timeout', '100'];
    for (const ip of ['192.0.2.1', '[192.0.2.1]', '[IPv6:2001:db8::1]', '2001:db8::1']) {
      for (const args of [[ip], ['--host', ip]]) {
        const r = await runCli([...args, ...net]);
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).to.equal(64);
        expect(r.stderr).to.match(/IP address/);
      }
    }
    const named = await runCli(['--host', 'mx.iter.example.', ...net]);
    expect(named.stderr).to.not.match(/IP address/);
  });

  it('fails when only an unusable (PKIX-EE) record would match beside a usable one that does not', async () => {
    const h = only(await check('onlypkix.example.'));
    expect([h.policy.policy, h.outcome, h.tlsrpt], h.reason).to.deep.equal(['dane', 'failed', 'tlsa-invalid']);
    expect(only(await check('pkixplus.example.')).outcome).to.equal('authenticated');
  });

  it('authenticates 3 0 0 (the full leaf certificate, compared as sent)', async () => {
    const h = only(await check('full.example.'));
    expect(h.outcome, h.reason).to.equal('authenticated');
    expect(h.addresses[0]!.matched).to.include({ usage: 'DANE-EE', depth: 0 });
  });

  it('authenticates a host with AAAA records only (the A NODATA is secure)', async () => {
    const h = only(await check('v6.example.'));
    expect(h.policy.addresses).to.deep.equal(['::1']);
    expect(h.outcome, h.reason).to.equal('authenticated');
  });

  it('tlsa: a wildcard first DNS name is not used as the TLSA owner; --host still works', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dane-review-'));
    try {
      const wild = createTestCertificate({ subjectCN: 'wild', dnsNames: ['*.example.net'] });
      await writeFile(join(dir, 'wild.pem'), wild.pem);
      const bad = await runCli(['tlsa', '--cert', join(dir, 'wild.pem')]);
      expect(bad.exitCode).to.equal(64);
      expect(bad.stderr).to.match(/wildcard/);
      const good = await runCli(['tlsa', '--cert', join(dir, 'wild.pem'), '--host', 'mx.example.net']);
      expect(good.exitCode, good.stderr).to.equal(0);
      expect(good.stdout).to.match(/^_25\._tcp\.mx\.example\.net\. IN TLSA 3 1 1 [0-9a-f]{64}\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('checks a host named twice in the MX RRset once, at its best preference (case-insensitive)', async () => {
    const r = await check('dupmx.example.', { connect: false });
    expect(r.hosts.map((h) => [h.host.toLowerCase(), h.preference])).to.deep.equal([['mx.iter.example.', 0], ['mx.plain.example.', 20]]);
  });
});

/** A DANE host whose server accepts STARTTLS and then never completes the TLS handshake. */
describe('dane review: a TLS handshake that times out', function () {
  this.timeout(60_000);
  const STALL_IP = '127.0.0.99';
  let world: TestWorld;
  let port = 0;
  const sockets: Socket[] = [];
  const stall = createServer((s) => {
    sockets.push(s);
    s.on('error', () => {});
    s.write('220 stall.example ESMTP\r\n');
    let n = 0;
    s.on('data', () => {
      if (n++ === 0) s.write('250-stall.example\r\n250 STARTTLS\r\n');
      else if (n === 2) s.write('220 go ahead\r\n'); // then silence: the ClientHello is never answered
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => stall.listen(0, STALL_IP, resolve));
    port = (stall.address() as AddressInfo).port;
    world = await createTestWorld({
      zones: { 'example.': {}, 'stall.example.': { records: ['@ MX 10 mx', `mx A ${STALL_IP}`, `_${port}._tcp.mx TLSA 3 1 1 ${'ab'.repeat(32)}`] } },
    });
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => stall.close(() => resolve()));
    await world?.close();
  });

  it('is a temporary failure (error, exit 3), never a DANE failure or "no DANE", and keeps its TLS-RPT type', async () => {
    const r = await verifyDane('stall.example.', { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port, timeoutMs: 300 });
    expect(r.hosts).to.have.length(1);
    const h = r.hosts[0]!;
    expect(h.policy.policy).to.equal('dane');
    expect([h.outcome, h.tlsrpt], h.reason).to.deep.equal(['error', 'validation-failure']);
    expect(h.reason).to.match(/TLS handshake not complete/);
    expect(r.exitCode).to.equal(3);
  });
});
