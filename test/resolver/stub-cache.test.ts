import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { MAX_CACHE_TTL_SECONDS } from '../../src/resolver/defaults.ts';
import { harness } from './harness.ts';
import { A_TTL, SOA_MINIMUM } from './fixtures.ts';
import { ok } from './expect-result.ts';

const A_NAME = Name.parse('a.example.');

/** A clock the test moves by hand. */
function clock(start = 1_800_000_000_000): { now: () => number; advance: (seconds: number) => void } {
  let t = start;
  return { now: () => t, advance: (s) => (t += s * 1000) };
}

describe('resolver/stub: cache and in-flight de-duplication', () => {
  const h = harness();
  afterEach(() => h.closeAll());

  it('serves a repeated question from the cache, with TTLs aged, until the TTL runs out', async () => {
    const s = await h.server();
    const c = clock();
    const res = h.resolver([s], { now: c.now });
    ok(await res.query(A_NAME, RRType.A));
    c.advance(100);
    const hit = ok(await res.query(A_NAME, RRType.A));
    expect(hit.fromCache).to.equal(true);
    expect(hit.attempts).to.deep.equal([]);
    expect(hit.message.answers.map((rr) => rr.ttl)).to.deep.equal([A_TTL - 100, A_TTL - 100]);
    expect(s.stats.udp).to.equal(1);
    expect(res.stats.cacheHits).to.equal(1);
    c.advance(A_TTL - 100);
    expect(ok(await res.query(A_NAME, RRType.A)).fromCache).to.equal(false);
    expect(s.stats.udp).to.equal(2);
  });

  it('hands out copies: a caller that changes an answer does not change the cache', async () => {
    const s = await h.server();
    const res = h.resolver([s], { now: clock().now });
    const first = ok(await res.query(A_NAME, RRType.A));
    first.message.answers.length = 0;
    const hit = ok(await res.query(A_NAME, RRType.A));
    hit.message.answers.pop();
    hit.message.flags.tc = true;
    const again = ok(await res.query(A_NAME, RRType.A));
    expect(again.message.answers).to.have.length(2);
    expect(again.message.flags.tc).to.equal(false);
  });

  it('keys the cache case-insensitively and by type', async () => {
    const s = await h.server();
    const res = h.resolver([s], { now: clock().now });
    ok(await res.query(A_NAME, RRType.A));
    expect(ok(await res.query(Name.parse('A.EXAMPLE.'), RRType.A)).fromCache).to.equal(true);
    expect(ok(await res.query(A_NAME, RRType.AAAA)).fromCache).to.equal(false);
    expect(s.stats.udp).to.equal(2);
  });

  it('caches a negative answer for min(SOA TTL, SOA MINIMUM) (RFC 2308 §5)', async () => {
    const s = await h.server();
    const c = clock();
    const res = h.resolver([s], { now: c.now });
    const nx = Name.parse('nx.example.');
    ok(await res.query(nx, RRType.A));
    c.advance(SOA_MINIMUM - 1);
    expect(ok(await res.query(nx, RRType.A)).fromCache).to.equal(true);
    c.advance(1);
    expect(ok(await res.query(nx, RRType.A)).fromCache).to.equal(false);
  });

  it('does not cache a negative answer without an SOA, nor a TTL of 0', async () => {
    const s = await h.server();
    const res = h.resolver([s], { now: clock().now });
    for (const n of ['nosoa.example.', 'zero-ttl.example.']) {
      ok(await res.query(Name.parse(n), RRType.A));
      expect(ok(await res.query(Name.parse(n), RRType.A)).fromCache, n).to.equal(false);
    }
  });

  it(`caps a long TTL at ${MAX_CACHE_TTL_SECONDS} s`, async () => {
    const s = await h.server();
    const c = clock();
    const res = h.resolver([s], { now: c.now });
    const n = Name.parse('huge-ttl.example.');
    ok(await res.query(n, RRType.A));
    c.advance(MAX_CACHE_TTL_SECONDS - 1);
    expect(ok(await res.query(n, RRType.A)).fromCache).to.equal(true);
    c.advance(1);
    expect(ok(await res.query(n, RRType.A)).fromCache).to.equal(false);
  });

  it('holds at most cacheSize answers, and none with cacheSize 0', async () => {
    const s = await h.server();
    const one = h.resolver([s], { cacheSize: 1, now: clock().now });
    ok(await one.query(A_NAME, RRType.A));
    ok(await one.query(Name.parse('unsigned.example.'), RRType.A));
    expect(ok(await one.query(A_NAME, RRType.A)).fromCache).to.equal(false);
    const none = h.resolver([s], { cacheSize: 0, now: clock().now });
    ok(await none.query(A_NAME, RRType.A));
    expect(ok(await none.query(A_NAME, RRType.A)).fromCache).to.equal(false);
  });

  it('does not cache failures', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'servfail' }, times: 1 });
    const res = h.resolver([s], { attempts: 1, now: clock().now });
    expect((await res.query(A_NAME, RRType.A)).ok).to.equal(false);
    expect(ok(await res.query(A_NAME, RRType.A)).fromCache).to.equal(false);
  });

  it('does not serve a cached unsigned answer to a caller that requires signatures', async () => {
    const s = await h.server();
    const res = h.resolver([s], { attempts: 1, now: clock().now });
    const n = Name.parse('unsigned.example.');
    ok(await res.query(n, RRType.A));
    const r = await res.query(n, RRType.A, { requireSignatures: true });
    expect(r.ok).to.equal(false);
    expect(s.stats.udp).to.equal(2);
  });

  it('sends one query for concurrent identical questions (names differing in case included)', async () => {
    const s = await h.server();
    const res = h.resolver([s], { cacheSize: 0 });
    const results = await Promise.all([A_NAME, Name.parse('A.Example.'), A_NAME].map((n) => res.query(n, RRType.A)));
    results.forEach(ok);
    expect(s.stats.udp).to.equal(1);
    expect(res.stats.deduplicated).to.equal(2);
  });

  it('lets one of two waiters abort while the other still gets the answer', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'delay', ms: 100 } });
    const res = h.resolver([s], { cacheSize: 0 });
    const ac = new AbortController();
    const first = res.query(A_NAME, RRType.A, { signal: ac.signal });
    const second = res.query(A_NAME, RRType.A);
    await s.nextQuery();
    ac.abort();
    const [a, b] = await Promise.all([first, second]);
    expect(a).to.include({ ok: false, code: 'aborted' });
    expect(ok(b).message.answers.length).to.be.greaterThan(0);
    expect(s.stats.udp).to.equal(1);
  });

  it('asks an upstream for a fresh question although the cache holds an answer, and keeps the new one', async () => {
    const s = await h.server();
    const c = clock();
    const res = h.resolver([s], { now: c.now });
    ok(await res.query(A_NAME, RRType.A));
    const again = ok(await res.query(A_NAME, RRType.A, { fresh: true }));
    expect(again.fromCache).to.equal(false);
    expect(s.stats.udp).to.equal(2);
    c.advance(10);
    // The fresh answer replaced the cached one: its TTLs age from the second fetch.
    expect(ok(await res.query(A_NAME, RRType.A)).message.answers.map((rr) => rr.ttl)).to.deep.equal([A_TTL - 10, A_TTL - 10]);
  });

  it('caps how long a cached answer may still be served (capCacheLifetime), never lengthening it', async () => {
    const s = await h.server();
    const c = clock();
    const res = h.resolver([s], { now: c.now });
    ok(await res.query(A_NAME, RRType.A));
    res.capCacheLifetime(A_NAME, RRType.A, 60);
    res.capCacheLifetime(A_NAME, RRType.A, A_TTL * 10); // a longer cap changes nothing
    c.advance(59);
    expect(ok(await res.query(A_NAME, RRType.A)).fromCache).to.equal(true);
    c.advance(1);
    expect(ok(await res.query(A_NAME, RRType.A)).fromCache).to.equal(false);
    expect(s.stats.udp).to.equal(2);
    // Other questions keep their own lifetime.
    res.capCacheLifetime(Name.parse('other.example.'), RRType.A, 0);
    expect(ok(await res.query(A_NAME, RRType.A)).fromCache).to.equal(true);
  });
});
