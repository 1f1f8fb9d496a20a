/**
 * resolveMtaSts through the signed test world: `_mta-sts` TXT and `mta-sts.<domain>` addresses
 * proven by a real Validator, the policy fetched from the world's HTTPS servers (private CA, one
 * loopback address each), parsed, cached. Each failure beside the honest case: bogus TXT, bogus
 * addresses, a broken server (Web PKI, fetch), an invalid policy; and the cache rules of RFC 8461
 * §3.3 and §5.1 (same id: no fetch; new id: fetch; failed refresh or TXT gone: the cached policy
 * stays until max_age; expired: fetched again).
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { resolveMtaSts, mtaStsHostVerdict, type MtaStsOptions } from '../../src/mail-policy/mta-sts-lookup.ts';
import { MtaStsPolicyCache, MTA_STS_CACHE_ENTRIES } from '../../src/mail-policy/mta-sts-cache.ts';
import { parseMtaStsPolicy, type MtaStsPolicy } from '../../src/mail-policy/mta-sts-policy.ts';

const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx.good.example\r\nmx: *.backup.example\r\nmax_age: 600\r\n';

function policyOf(text: string): MtaStsPolicy {
  const p = parseMtaStsPolicy(text);
  if (!p.ok) throw new Error(p.reason.text);
  const { ok: _ok, ...rest } = p;
  return rest;
}

describe('mail-policy/mta-sts-lookup: resolveMtaSts through the test world', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let stub: StubResolver;
  let validator: Validator;
  let base: MtaStsOptions;

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'good.example.': {},
        'plain.example.': { unsigned: true },
        'bogustxt.example.': { break: [{ kind: 'corrupt-signature', name: '_mta-sts', type: 'TXT' }] },
        'bogusaddr.example.': { break: [{ kind: 'corrupt-signature', name: 'mta-sts', type: 'A' }] },
        'expired.example.': {},
        'badpolicy.example.': {},
        'redirect.example.': {},
        'none.example.': {},
        'two.example.': { records: ['_mta-sts TXT "v=STSv1; id=1"', '_mta-sts TXT "v=STSv1; id=2"'] },
      },
      mtaSts: {
        'good.example.': { policy: POLICY, id: 'abc123' },
        'plain.example.': { id: 'p1' },
        'bogustxt.example.': { id: 'b1' },
        'bogusaddr.example.': { id: 'b2' },
        'expired.example.': { break: 'expired' },
        'badpolicy.example.': { policy: 'version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n' },
        'redirect.example.': { break: 'redirect' },
      },
    });
    stub = new StubResolver({ servers: [world.resolver], timeoutMs: 2000 });
    validator = new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text });
    base = { port: world.mtaStsPort, ca: world.mtaStsCa.pem, timeoutMs: 5000 };
  });
  after(async () => {
    stub?.close();
    await world?.close();
  });
  const requests = (d: string) => world.mtaStsSites.get(d)!.server.requests.length;

  it('a secure record and a valid policy: fetched at the validated address, verdicts per MX host', async () => {
    const r = await resolveMtaSts(validator, 'good.example', base);
    expect([r.outcome, r.record.status, r.record.outcome], r.reason).to.deep.equal(['policy', 'secure', 'record']);
    expect(r.policy).to.include({ id: 'abc123', source: 'fetched' });
    expect(r.policy!.policy).to.include({ mode: 'enforce', maxAge: 600 });
    expect(r.policy!.lines).to.deep.equal(['version: STSv1', 'mode: enforce', 'mx: mx.good.example', 'mx: *.backup.example', 'max_age: 600']);
    expect(r.host).to.deep.include({ status: 'secure', addresses: [world.mtaStsSites.get('good.example.')!.server.address] });
    expect(r.policy!.expiresAt.getTime() - r.policy!.fetchedAt.getTime()).to.equal(600_000);
    const p = r.policy!.policy;
    expect(mtaStsHostVerdict(p, 'mx.good.example.')).to.include({ allowed: true, matches: true, pattern: 'mx.good.example' });
    expect(mtaStsHostVerdict(p, 'a.backup.example')).to.include({ allowed: true, pattern: '*.backup.example' });
    expect(mtaStsHostVerdict(p, 'a.b.backup.example')).to.include({ allowed: false, matches: false });
    expect(mtaStsHostVerdict(p, 'evil.example')).to.include({ allowed: false });
    expect(mtaStsHostVerdict({ ...p, mode: 'testing' }, 'evil.example')).to.include({ allowed: true, matches: false });
    expect(mtaStsHostVerdict({ ...p, mode: 'none', mx: [] }, 'evil.example')).to.include({ allowed: true, matches: false });
  });

  it('an unsigned zone: the same policy, status insecure (MTA-STS does not need DNSSEC)', async () => {
    const r = await resolveMtaSts(validator, 'plain.example', base);
    expect([r.outcome, r.record.status, r.host?.status], r.reason).to.deep.equal(['policy', 'insecure', 'insecure']);
  });

  it('a bogus TXT record: failed (sts-policy-fetch-error), never "no policy", and nothing fetched', async () => {
    const r = await resolveMtaSts(validator, 'bogustxt.example', base);
    expect([r.outcome, r.record.outcome, r.record.status], r.reason).to.deep.equal(['failed', 'failed', 'bogus']);
    expect(r.failure?.tlsrpt).to.equal('sts-policy-fetch-error');
    expect(requests('bogustxt.example.')).to.equal(0);
  });

  it('bogus addresses for mta-sts.<domain>: no address is used, failed', async () => {
    const r = await resolveMtaSts(validator, 'bogusaddr.example', base);
    expect([r.outcome, r.host?.status, r.failure?.code], r.reason).to.deep.equal(['failed', 'bogus', 'no-address']);
    expect(requests('bogusaddr.example.')).to.equal(0);
  });

  it('an expired certificate: failed, sts-webpki-invalid', async () => {
    const r = await resolveMtaSts(validator, 'expired.example', base);
    expect([r.outcome, r.failure?.tlsrpt, r.failure?.code], r.reason).to.deep.equal(['failed', 'sts-webpki-invalid', 'certificate']);
  });

  it('a redirect: failed, sts-policy-fetch-error, not followed', async () => {
    const r = await resolveMtaSts(validator, 'redirect.example', base);
    expect([r.outcome, r.failure?.tlsrpt, r.failure?.code], r.reason).to.deep.equal(['failed', 'sts-policy-fetch-error', 'redirect']);
  });

  it('an invalid policy: failed, sts-policy-invalid, with the parser\'s reason', async () => {
    const r = await resolveMtaSts(validator, 'badpolicy.example', base);
    expect([r.outcome, r.failure?.tlsrpt, r.failure?.code], r.reason).to.deep.equal(['failed', 'sts-policy-invalid', 'invalid-mode']);
    expect(r.reason).to.contain('mode "Enforce"');
  });

  it('no record, or two: none, no fetch', async () => {
    expect((await resolveMtaSts(validator, 'none.example', base)).outcome).to.equal('none');
    const two = await resolveMtaSts(validator, 'two.example', base);
    expect([two.outcome, two.record.outcome]).to.deep.equal(['none', 'multiple']);
  });

  it('allowAddress refuses the address: failed with the reason, no connection', async () => {
    const before = requests('good.example.');
    const r = await resolveMtaSts(validator, 'good.example', { ...base, allowAddress: () => false });
    expect([r.outcome, r.failure?.code]).to.deep.equal(['failed', 'no-address']);
    expect(r.reason).to.contain('refused by allowAddress');
    expect(requests('good.example.')).to.equal(before);
  });

  describe('the cache (RFC 8461 §3.3, §5.1)', () => {
    it('the same id: the cached policy, no fetch; after max_age: fetched again', async () => {
      const cache = new MtaStsPolicyCache();
      const now = new Date();
      const first = await resolveMtaSts(validator, 'good.example', { ...base, cache, now });
      expect(first.policy?.source).to.equal('fetched');
      const n = requests('good.example.');
      const second = await resolveMtaSts(validator, 'good.example', { ...base, cache, now: new Date(now.getTime() + 599_000) });
      expect(second.policy?.source).to.equal('cache');
      expect(requests('good.example.')).to.equal(n);
      const third = await resolveMtaSts(validator, 'good.example', { ...base, cache, now: new Date(now.getTime() + 600_000) });
      expect(third.policy?.source).to.equal('fetched');
      expect(requests('good.example.')).to.equal(n + 1);
    });

    it('another id in the TXT record: fetched, and the entry replaced', async () => {
      const cache = new MtaStsPolicyCache();
      const now = Date.now();
      cache.set({ domain: 'good.example.', id: 'old', policy: policyOf('version: STSv1\nmode: testing\nmx: x.example\nmax_age: 9999\n'), fetchedAt: now, expiresAt: now + 9_999_000 });
      const r = await resolveMtaSts(validator, 'good.example', { ...base, cache });
      expect(r.policy).to.include({ source: 'fetched', id: 'abc123' });
      expect(r.reason).to.contain('replaces cached id old');
      expect(cache.get('good.example', Date.now())?.id).to.equal('abc123');
    });

    it('a failed refresh keeps the unexpired cached policy, and reports the failure', async () => {
      const cache = new MtaStsPolicyCache();
      const now = Date.now();
      cache.set({ domain: 'expired.example', id: 'old', policy: policyOf(POLICY), fetchedAt: now, expiresAt: now + 60_000 });
      const r = await resolveMtaSts(validator, 'expired.example', { ...base, cache });
      expect([r.outcome, r.policy?.source, r.policy?.id, r.failure?.tlsrpt]).to.deep.equal(['policy', 'cache', 'old', 'sts-webpki-invalid']);
      expect(r.reason).to.contain('stays in force');
    });

    it('a bogus TXT lookup or a record gone: the cached policy stays until it expires', async () => {
      const cache = new MtaStsPolicyCache();
      const now = Date.now();
      for (const d of ['bogustxt.example', 'none.example']) cache.set({ domain: d, id: 'x', policy: policyOf(POLICY), fetchedAt: now, expiresAt: now + 60_000 });
      const bogus = await resolveMtaSts(validator, 'bogustxt.example', { ...base, cache });
      expect([bogus.outcome, bogus.policy?.source, bogus.failure?.tlsrpt]).to.deep.equal(['policy', 'cache', 'sts-policy-fetch-error']);
      const gone = await resolveMtaSts(validator, 'none.example', { ...base, cache });
      expect([gone.outcome, gone.policy?.source, gone.failure]).to.deep.equal(['policy', 'cache', undefined]);
      const later = await resolveMtaSts(validator, 'none.example', { ...base, cache, now: new Date(now + 60_000) });
      expect(later.outcome).to.equal('none');
    });

    it(`is bounded: maxEntries (default MTA_STS_CACHE_ENTRIES = ${MTA_STS_CACHE_ENTRIES}), least recently used out first`, () => {
      const cache = new MtaStsPolicyCache({ maxEntries: 2 });
      const p = policyOf(POLICY);
      const e = (d: string) => ({ domain: d, id: '1', policy: p, fetchedAt: 0, expiresAt: 1000 });
      cache.set(e('a.example'));
      cache.set(e('b.example'));
      expect(cache.get('A.EXAMPLE.', 1)?.domain).to.equal('a.example.');
      cache.set(e('c.example'));
      expect([cache.size, cache.get('b.example', 1), cache.get('a.example', 1)?.id, cache.get('c.example', 1)?.id]).to.deep.equal([2, undefined, '1', '1']);
      expect(cache.get('a.example', 1000)).to.equal(undefined);
      expect(() => new MtaStsPolicyCache({ maxEntries: 0 })).to.throw(RangeError);
    });
  });
});
