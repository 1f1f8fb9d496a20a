import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { InvalidDomainError } from '../../src/dane/destination.ts';
import { verifyDane, resolveDanePolicy, type DaneOptions } from '../../src/dane/verify.ts';
import { checker, only } from './dane-checks.ts';

const OTHER = 'ab'.repeat(32);
const DAY = 86_400_000;
const PAST = { notBefore: new Date(Date.now() - 60 * DAY), notAfter: new Date(Date.now() - DAY) };

/**
 * One world with a domain per row of RFC 7672's decision logic. Each domain's MX host runs its own
 * STARTTLS server on its own loopback address; all share `world.mailPort`.
 */
describe('dane/verify end to end (RFC 7672 decision logic)', function () {
  this.timeout(120_000);
  let world: TestWorld;
  let opts: DaneOptions;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx'] },
        'ok312.example.': { records: ['@ MX 10 mx'] },
        'ta.example.': { records: ['@ MX 10 mx'] },
        'taname.example.': { records: ['@ MX 10 mx'] },
        'mismatch.example.': { records: ['@ MX 10 mx'] },
        'rollover.example.': { records: ['@ MX 10 mx'] },
        'unusable.example.': { records: ['@ MX 10 mx'] },
        'nostarttls.example.': { records: ['@ MX 10 mx'] },
        'oldtls.example.': { records: ['@ MX 10 mx'] },
        'bogus.example.': { records: ['@ MX 10 mx'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
        'mxbogus.example.': { records: ['@ MX 10 mx.ok.example.'], break: [{ kind: 'corrupt-signature', type: 'MX' }] },
        'unsigned.example.': { unsigned: true, records: ['@ MX 10 mx'] },
        'nullmx.example.': { records: ['@ MX 0 .'] },
        'implicit.example.': {},
        'cname.example.': { records: ['@ MX 10 alias', 'alias CNAME real'] },
        'mixed.example.': { records: ['@ MX 10 mx.ok.example.', '@ MX 20 mx.unsigned.example.'] },
        'silent.example.': { records: ['@ MX 10 mx'] },
        'taexpired.example.': { records: ['@ MX 10 mx'] },
        'cnameout.example.': { records: ['@ MX 10 alias', 'alias CNAME mx.cplain.example.'] },
        'cplain.example.': { unsigned: true, records: ['alias2 CNAME mx.ok.example.'] },
        'cnamefb.example.': { records: ['@ MX 10 alias', 'alias CNAME real'] },
        'insecuremx.example.': { unsigned: true, records: ['@ MX 10 mx.ok.example.'] },
        'tadomain.example.': { records: ['@ MX 10 mx'] },
        'deadmx.example.': { records: ['@ MX 10 mx.ok.example.', '@ MX 20 gone'] },
        'alldead.example.': { records: ['@ MX 10 gone'] },
        'insecdom.example.': { unsigned: true, records: ['@ MX 10 mx.tadomain2.example.'] },
        'tadomain2.example.': {},
        'taalias.example.': { records: ['@ MX 10 alias', 'alias CNAME real'] },
        'cnameins.example.': { records: ['@ MX 10 alias2.cplain.example.'] },
        'eeexpired.example.': { records: ['@ MX 10 mx'] },
        'impostor.example.': { records: ['@ MX 10 mx'] },
      },
      mailServers: {
        'mx.ok.example.': {},
        'mx.ok312.example.': { tlsa: ['3 1 2'], keyType: 'rsa' },
        'mx.ta.example.': { certificate: 'chain', tlsa: ['2 1 1'] },
        'mx.taname.example.': { certificate: 'chain', tlsa: ['2 1 1'], names: ['elsewhere.invalid'] },
        'mx.mismatch.example.': { tlsa: [`3 1 1 ${OTHER}`] },
        'mx.rollover.example.': { tlsa: [`3 1 1 ${OTHER}`, '3 1 1'], keyType: 'ed25519' },
        'mx.unusable.example.': { tlsa: ['0 0 1', '1 1 1'] },
        'mx.nostarttls.example.': { mode: 'no-starttls' },
        'mx.oldtls.example.': { maxVersion: 'TLSv1.1', minVersion: 'TLSv1' },
        'mx.bogus.example.': {},
        'mx.unsigned.example.': { tlsa: [] },
        'implicit.example.': {},
        'real.cname.example.': {},
        'mx.silent.example.': { mode: 'silent' },
        'mx.cplain.example.': { tlsaAt: ['alias.cnameout.example.'] },
        'mx.tadomain.example.': { certificate: 'chain', tlsa: ['2 1 1'], names: ['tadomain.example'] },
        'mx.tadomain2.example.': { certificate: 'chain', tlsa: ['2 1 1'], names: ['insecdom.example'] },
        'real.taalias.example.': { certificate: 'chain', tlsa: ['2 1 1'], names: ['alias.taalias.example'] },
        'real.cnamefb.example.': { tlsaAt: ['alias.cnamefb.example.'] },
        'mx.taexpired.example.': { certificate: 'chain', tlsa: ['2 1 1'], leafValidity: PAST },
        'mx.eeexpired.example.': { tlsa: ['3 1 1'], leafValidity: PAST },
        'mx.impostor.example.': { certificate: 'impostor-intermediate', tlsa: ['2 1 1'] },
      },
    });
    opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, port: world.mailPort, timeoutMs: 5000 };
  });
  after(async () => world?.close());

  const check = checker(() => opts);

  it('authenticates a DANE-EE 3 1 1 host, sending the TLSA base domain as SNI', async () => {
    const r = await check('ok.example.');
    const h = only(r);
    expect(h.outcome, h.reason).to.equal('authenticated');
    expect(h.addresses[0]!.matched).to.include({ usage: 'DANE-EE', depth: 0 });
    expect(h.addresses[0]!.tlsVersion).to.match(/^TLSv1\.[23]$/);
    expect(r.exitCode).to.equal(0);
    expect(world.mailServers.get('mx.ok.example.')!.server.sniSeen).to.include('mx.ok.example');
  });

  it('authenticates 3 1 2 (SHA2-512) with an RSA key', async () => {
    expect(only(await check('ok312.example.')).outcome).to.equal('authenticated');
  });

  it('authenticates DANE-TA 2 1 1 through the chain with the MX name in the leaf', async () => {
    const h = only(await check('ta.example.'));
    expect(h.outcome, h.reason).to.equal('authenticated');
    expect(h.addresses[0]!.matched).to.include({ usage: 'DANE-TA', depth: 1 });
  });

  it('fails DANE-TA when the leaf names neither the TLSA base domain nor the MX host (certificate-host-mismatch)', async () => {
    const h = only(await check('taname.example.'));
    expect([h.outcome, h.tlsrpt]).to.deep.equal(['failed', 'certificate-host-mismatch']);
  });

  it('fails DANE-TA when the leaf below the anchor has expired (certificate-expired)', async () => {
    const h = only(await check('taexpired.example.'));
    expect([h.outcome, h.tlsrpt], h.reason).to.deep.equal(['failed', 'certificate-expired']);
  });

  it('authenticates DANE-EE with an expired leaf: 3 x x ignores expiry (RFC 7672 §3.1.1)', async () => {
    expect(only(await check('eeexpired.example.')).outcome).to.equal('authenticated');
  });

  it('fails DANE-TA when the path to the anchor does not verify (certificate-not-trusted)', async () => {
    const h = only(await check('impostor.example.'));
    expect([h.outcome, h.tlsrpt], h.reason).to.deep.equal(['failed', 'certificate-not-trusted']);
  });

  describe('DANE-TA reference identifiers (RFC 7672 §3.2.2-3.2.3, as Postfix checks them)', () => {
    it('accepts a leaf that names the next-hop domain when the MX RRset is secure', async () => {
      expect(only(await check('tadomain.example.')).outcome).to.equal('authenticated');
    });
    it('does not accept the next-hop domain behind an insecure MX RRset', async () => {
      const h = only(await check('insecdom.example.'));
      expect([h.outcome, h.tlsrpt]).to.deep.equal(['failed', 'certificate-host-mismatch']);
    });
    it('does not accept the MX host name before CNAME expansion when the expanded name is the TLSA base domain', async () => {
      const h = only(await check('taalias.example.'));
      expect(h.policy.tlsaBase).to.equal('real.taalias.example.');
      expect([h.outcome, h.tlsrpt]).to.deep.equal(['failed', 'certificate-host-mismatch']);
    });
  });

  it('fails when no usable record matches (tlsa-invalid), and exits 1', async () => {
    const r = await check('mismatch.example.');
    expect([only(r).outcome, only(r).tlsrpt]).to.deep.equal(['failed', 'tlsa-invalid']);
    expect(r.exitCode).to.equal(1);
  });

  it('authenticates during a rollover when one of two records matches (Ed25519 key)', async () => {
    expect(only(await check('rollover.example.')).outcome).to.equal('authenticated');
  });

  it('requires TLS but no authentication when the secure RRset has only unusable records (usages 0/1)', async () => {
    const h = only(await check('unusable.example.'));
    expect(h.policy.policy).to.equal('mandatory-tls');
    expect(h.policy.tlsa.every((t) => !t.usable)).to.equal(true);
    expect(h.outcome).to.equal('unauthenticated');
  });

  it('fails a DANE host that does not offer STARTTLS: never a plaintext fallback (starttls-not-supported)', async () => {
    const h = only(await check('nostarttls.example.'));
    expect([h.outcome, h.tlsrpt]).to.deep.equal(['failed', 'starttls-not-supported']);
  });

  it('fails a host that offers only TLS below the minimum version (validation-failure)', async () => {
    const h = only(await check('oldtls.example.'));
    expect([h.outcome, h.tlsrpt], h.reason).to.deep.equal(['failed', 'validation-failure']);
  });

  it('reports a bogus TLSA lookup as bogus (dnssec-invalid), never as no DANE, without connecting', async () => {
    const before = world.mailServers.get('mx.bogus.example.')!.server.commands.length;
    const r = await check('bogus.example.');
    expect([only(r).outcome, only(r).tlsrpt]).to.deep.equal(['bogus', 'dnssec-invalid']);
    expect(r.exitCode).to.equal(1);
    expect(world.mailServers.get('mx.bogus.example.')!.server.commands.length).to.equal(before);
  });

  it('defers the whole domain on a bogus MX RRset', async () => {
    const r = await check('mxbogus.example.');
    expect(r.policy.action).to.equal('defer');
    expect(r.hosts).to.have.length(0);
    expect(r.exitCode).to.equal(1);
  });

  it('reports none for an unsigned domain (exit 2), and dane-required when DANE is required', async () => {
    const r = await check('unsigned.example.');
    expect(only(r).outcome).to.equal('none');
    expect(r.exitCode).to.equal(2);
    const req = await check('unsigned.example.', { requireDane: true });
    expect([only(req).outcome, only(req).tlsrpt]).to.deep.equal(['failed', 'dane-required']);
  });

  it('takes no mail for a null MX (RFC 7505)', async () => {
    const r = await check('nullmx.example.');
    expect([r.policy.action, r.policy.mx.kind, r.exitCode]).to.deep.equal(['no-mail', 'null', 2]);
  });

  it('uses the domain itself as the MX host when there is no MX RRset (RFC 5321 §5.1)', async () => {
    const r = await check('implicit.example.');
    expect(r.policy.mx.kind).to.equal('implicit');
    expect(only(r).outcome).to.equal('authenticated');
  });

  it("uses the CNAME-expanded name as TLSA base domain for a CNAME'd MX host (RFC 7672 §2.2.3)", async () => {
    const h = only(await check('cname.example.'));
    expect(h.policy.canonicalName).to.equal('real.cname.example.');
    expect(h.policy.tlsaBase).to.equal('real.cname.example.');
    expect(h.outcome, h.reason).to.equal('authenticated');
  });

  it('falls back to the original name when the secure expansion has no TLSA records (RFC 7672 §2.2.3)', async () => {
    const h = only(await check('cnamefb.example.'));
    expect([h.policy.canonicalName, h.policy.tlsaBase]).to.deep.equal(['real.cnamefb.example.', 'alias.cnamefb.example.']);
    expect(h.outcome, h.reason).to.equal('authenticated');
  });

  it('uses TLSA at the signed original name when the CNAME leads into an unsigned zone', async () => {
    const h = only(await check('cnameout.example.'));
    expect(h.policy.addressStatus).to.equal('insecure');
    expect(h.policy.tlsaBase).to.equal('alias.cnameout.example.');
    expect(h.outcome, h.reason).to.equal('authenticated');
  });

  it('uses no DANE for a host whose own CNAME is insecure, even when its target has secure TLSA', async () => {
    const h = only(await check('cnameins.example.'));
    expect(h.policy.canonicalName).to.equal('mx.ok.example.');
    expect([h.policy.policy, h.outcome]).to.deep.equal(['none', 'none']);
    expect(h.reason).to.match(/CNAME at alias2\.cplain\.example\. is insecure/);
  });

  it('uses the secure TLSA records of a host named by an insecure MX RRset, unless told not to', async () => {
    const r = await check('insecuremx.example.');
    expect(r.policy.mx.status).to.equal('insecure');
    expect(only(r).outcome).to.equal('authenticated');
    const off = await check('insecuremx.example.', { insecureMx: 'none' });
    expect([only(off).policy.policy, only(off).outcome]).to.deep.equal(['none', 'none']);
  });

  it('reports each host of a mixed MX set on its own', async () => {
    const r = await check('mixed.example.');
    expect(r.hosts.map((h) => [h.host, h.outcome])).to.deep.equal([['mx.ok.example.', 'authenticated'], ['mx.unsigned.example.', 'none']]);
    expect(r.exitCode).to.equal(2);
  });

  it('turns a server that never greets into an error with a reason (temporary, exit 3)', async () => {
    const r = await check('silent.example.', { timeoutMs: 300 });
    expect(only(r).outcome).to.equal('error');
    expect(only(r).reason).to.match(/greeting|time/i);
    expect(r.exitCode).to.equal(3);
  });

  it('connects only to addresses the caller allows (allowAddress), reporting the others as errors', async () => {
    const seen: string[] = [];
    const r = await check('ok.example.', { allowAddress: (a, host) => (seen.push(`${host} ${a}`), false) });
    expect(seen).to.deep.equal([`mx.ok.example. ${world.mailServers.get('mx.ok.example.')!.address}`]);
    expect([only(r).outcome, r.exitCode]).to.deep.equal(['error', 3]);
    expect(only(r).reason).to.match(/refused by allowAddress/);
  });

  it('checks one host given directly', async () => {
    const r = await verifyDane({ host: 'mx.ok.example.' }, opts);
    expect(only(r).outcome).to.equal('authenticated');
  });

  it('gives the DNS policy alone without connecting (resolveDanePolicy, connect: false)', async () => {
    const p = await resolveDanePolicy('ok.example.', opts);
    expect(p.hosts[0]!.policy).to.equal('dane');
    const r = await check('ok.example.', { connect: false });
    expect(only(r).addresses).to.have.length(0);
    // Nothing is authenticated without connecting, so the host says so; exit 0 means "DANE applies".
    expect([only(r).outcome, r.connected, r.exitCode]).to.deep.equal(['unauthenticated', false, 0]);
    const plain = await check('unsigned.example.', { connect: false });
    expect(plain.exitCode).to.equal(2);
  });

  it('skips a host that DNS proves has no address, as an MTA does, unless no host is left', async () => {
    const r = await check('deadmx.example.');
    expect(r.hosts.map((h) => [h.host, h.outcome])).to.deep.equal([['mx.ok.example.', 'authenticated'], ['gone.deadmx.example.', 'error']]);
    expect(r.hosts[1]!.policy.noAddresses).to.equal(true);
    expect(r.exitCode).to.equal(0);
    expect((await check('alldead.example.')).exitCode).to.equal(3);
  });

  it('is a temporary failure, never "no DANE", when the resolver is unreachable', async () => {
    const r = await check('ok.example.', { resolvers: ['127.0.0.1:9'], timeoutMs: 200 });
    expect(r.policy.action).to.equal('defer');
    expect(r.exitCode).to.equal(3);
  });
});

describe('dane/verify argument checks', () => {
  it('rejects malformed names and options as caller errors, before any network I/O', async () => {
    let err: unknown;
    try { await verifyDane('a..b', { resolvers: ['127.0.0.1:9'] }); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(InvalidDomainError); // test/dane/destination.test.ts has the cases
    for (const bad of [{ timeoutMs: 1.5 }, { timeoutMs: 0 }, { port: 70000 }]) {
      err = undefined;
      try { await verifyDane('example.', { resolvers: ['127.0.0.1:9'], ...bad }); } catch (e) { err = e; }
      expect(err, JSON.stringify(bad)).to.be.instanceOf(RangeError);
    }
    err = undefined;
    try { await verifyDane('example.', { resolvers: ['127.0.0.1:9'], now: new Date('not a date') }); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(TypeError);
  });
});
