/**
 * The connect plan (dane/connect-plan.ts, issue #14): from a proven policy, targets with their TLS
 * options and a `verify` an MTA calls on its own socket after STARTTLS. End to end against the
 * signed test world and its STARTTLS servers: a small STARTTLS client here connects with the
 * target's own `tlsOptions` to the target's validated address, as an adapter would.
 */
import { expect } from 'chai';
import { connect as netConnect } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { startTlsTo } from '../support/starttls-client.ts';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { resolveDanePolicy, type DaneOptions } from '../../src/dane/verify.ts';
import { connectPlan, DaneRequiredError, type ConnectPlan, type ConnectTarget } from '../../src/dane/connect-plan.ts';
import { DaneVerificationError } from '../../src/dane/identity.ts';

const OTHER = 'ab'.repeat(32);

/** Connects to the target's address, says EHLO and STARTTLS, and upgrades with the target's own TLS options. */
function starttls(t: ConnectTarget): Promise<TLSSocket> {
  return startTlsTo(t.address, t.port, t.tlsOptions);
}

describe('dane/connect-plan: targets an MTA connects to itself, and verify on its socket', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let opts: DaneOptions;
  const sockets: TLSSocket[] = [];

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx'] },
        'ta.example.': { records: ['@ MX 10 mx'] },
        'taname.example.': { records: ['@ MX 10 mx'] },
        'mismatch.example.': { records: ['@ MX 10 mx'] },
        'unusable.example.': { records: ['@ MX 10 mx'] },
        'unsigned.example.': { unsigned: true, records: ['@ MX 10 mx'] },
        'bogus.example.': { records: ['@ MX 10 mx'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
        'mixed.example.': { records: ['@ MX 10 mx.bogus.example.', '@ MX 20 mx.ok.example.'] },
        'cname.example.': { records: ['@ MX 10 alias', 'alias CNAME real'] },
        'nullmx.example.': { records: ['@ MX 0 .'] },
      },
      mailServers: {
        'mx.ok.example.': {},
        'mx.ta.example.': { certificate: 'chain', tlsa: ['2 1 1'] },
        'mx.taname.example.': { certificate: 'chain', tlsa: ['2 1 1'], names: ['elsewhere.invalid'] },
        'mx.mismatch.example.': { tlsa: [`3 1 1 ${OTHER}`] },
        'mx.unusable.example.': { tlsa: ['0 0 1', '1 1 1'] },
        'mx.unsigned.example.': { tlsa: [] },
        'mx.bogus.example.': {},
        'real.cname.example.': {},
      },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000 };
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy();
  });
  after(async () => world?.close());

  async function planOf(domain: string, o: Parameters<typeof connectPlan>[1] = {}): Promise<ConnectPlan> {
    return connectPlan(await resolveDanePolicy(domain, opts), { port: world.mailPort, ...o });
  }
  async function connected(t: ConnectTarget): Promise<TLSSocket> {
    const s = await starttls(t);
    sockets.push(s);
    return s;
  }

  it('DANE-EE match: one target at the validated address, TLS required, SNI the TLSA base domain; verify authenticates and leaves the socket open', async () => {
    const plan = await planOf('ok.example');
    expect(plan.action).to.equal('deliver');
    expect(plan.targets).to.have.length(1);
    const t = plan.targets[0]!;
    expect(t).to.include({ host: 'mx.ok.example.', address: world.mailServers.get('mx.ok.example.')!.address, requireTls: true, policy: 'dane', servername: 'mx.ok.example' });
    expect(t.tlsOptions).to.include({ servername: 'mx.ok.example', rejectUnauthorized: false, minVersion: 'TLSv1.2' });
    const socket = await connected(t);
    const v = await t.verify(socket, { destroy: true });
    expect(v).to.include({ ok: true, authenticated: true, usage: 'DANE-EE', depth: 0 });
    expect(socket.destroyed).to.equal(false);
    expect(world.mailServers.get('mx.ok.example.')!.server.sniSeen).to.include('mx.ok.example');
  });

  it('a mismatching server: tlsa-invalid with a DaneVerificationError; the socket is destroyed only when asked', async () => {
    const t = (await planOf('mismatch.example')).targets[0]!;
    const kept = await connected(t);
    const v = await t.verify(kept);
    expect(v.ok).to.equal(false);
    if (v.ok) return;
    expect(v.tlsrpt).to.equal('tlsa-invalid');
    expect(v.error).to.be.instanceOf(DaneVerificationError);
    expect(kept.destroyed).to.equal(false);
    const destroyed = await connected(t);
    expect((await t.verify(destroyed, { destroy: true })).ok).to.equal(false);
    expect(destroyed.destroyed).to.equal(true);
  });

  it('DANE-TA: the path to the anchor and the leaf names are checked (a leaf naming another host is certificate-host-mismatch)', async () => {
    const ok = (await planOf('ta.example')).targets[0]!;
    expect(await ok.verify(await connected(ok))).to.include({ ok: true, usage: 'DANE-TA' });
    const wrong = (await planOf('taname.example')).targets[0]!;
    expect(await wrong.verify(await connected(wrong))).to.include({ ok: false, tlsrpt: 'certificate-host-mismatch' });
  });

  it('a secure TLSA RRset with no usable record (PKIX-only): TLS required, not authenticated; with DANE required, tlsa-invalid', async () => {
    const t = (await planOf('unusable.example')).targets[0]!;
    expect(t).to.include({ policy: 'mandatory-tls', requireTls: true });
    expect(await t.verify(await connected(t))).to.include({ ok: true, authenticated: false });
    const strict = (await planOf('unusable.example', { requireDane: true })).targets[0]!;
    const v = await strict.verify(await connected(strict));
    expect(v).to.include({ ok: false, tlsrpt: 'tlsa-invalid' });
    expect(!v.ok && v.error).to.be.instanceOf(DaneRequiredError);
  });

  it('no DANE (unsigned zone): an opportunistic target; with DANE required the host is left out (dane-required) and the domain deferred', async () => {
    const plan = await planOf('unsigned.example');
    expect(plan.targets[0]).to.include({ policy: 'none', requireTls: false });
    const strict = await planOf('unsigned.example', { requireDane: true });
    expect(strict.action).to.equal('defer');
    expect(strict.targets).to.have.length(0);
    expect(strict.skipped[0]).to.include({ host: 'mx.unsigned.example.', tlsrpt: 'dane-required' });
  });

  it('a bogus host is left out (dnssec-invalid), never tried without DANE: alone it defers the domain, beside a good host the good one is the only target', async () => {
    const alone = await planOf('bogus.example');
    expect(alone.action).to.equal('defer');
    expect(alone.skipped[0]).to.include({ host: 'mx.bogus.example.', bogus: true, tlsrpt: 'dnssec-invalid' });
    const mixed = await planOf('mixed.example');
    expect(mixed.action).to.equal('deliver');
    expect(mixed.targets.map((t) => t.host)).to.deep.equal(['mx.ok.example.']);
    expect(mixed.skipped.map((s) => s.host)).to.deep.equal(['mx.bogus.example.']);
  });

  it("a CNAME'd MX host with a secure expansion: SNI and DANE at the expanded name (RFC 7672 §2.2.3)", async () => {
    const t = (await planOf('cname.example')).targets[0]!;
    expect(t).to.include({ host: 'alias.cname.example.', servername: 'real.cname.example', policy: 'dane' });
    expect(await t.verify(await connected(t))).to.include({ ok: true, authenticated: true });
  });

  it('a socket that is not TLS is refused where TLS is required; defer and no-mail pass through', async () => {
    const t = (await planOf('ok.example')).targets[0]!;
    const plain = netConnect({ host: t.address, port: t.port });
    await new Promise((r) => plain.once('connect', r));
    try {
      const v = await t.verify(plain as unknown as TLSSocket, { destroy: true });
      expect(v).to.include({ ok: false, tlsrpt: 'tlsa-invalid' });
      expect(plain.destroyed).to.equal(true);
    } finally {
      plain.destroy();
    }
    expect((await planOf('nullmx.example')).action).to.equal('no-mail');
  });

  it('a bad port is caller misuse (ERR_OUT_OF_RANGE)', async () => {
    const policy = await resolveDanePolicy('ok.example', opts);
    expect(() => connectPlan(policy, { port: 0 })).to.throw(RangeError).with.property('code', 'ERR_OUT_OF_RANGE');
  });
});
