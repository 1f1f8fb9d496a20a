/**
 * The validator's cache of proven answers (dnssec/answer-cache.ts, issue #13): a warm lookup asks
 * nothing and checks no signature, and an entry lives no longer than the first of the proofs it
 * relied on: the answer's original TTL, its RRSIG expiration, the chain of trust (DS and DNSKEY
 * TTLs), the SOA's negative TTL, an anchor's window. A resolver that raises TTLs to a day does not
 * stretch it; bogus answers are kept for badCacheTtl only, and only once fetched again; failures
 * never. Between the validator and the signed test world sits a real StubResolver without a cache
 * (`cacheSize: 0`), so every question the validator asks reaches the DNS server and is counted.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { replyTo, startDnsServer, type DnsServer } from '../../src/testing/dns-server.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator, type ValidatorOptions } from '../../src/dnssec/validator.ts';
import { DEFAULT_VALIDATOR_LIMITS } from '../../src/dnssec/validator-limits.ts';
import { AnswerCache, estimateOctets } from '../../src/dnssec/answer-cache.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import type { Message } from '../../src/dns/message.ts';
import type { TrustAnchor } from '../../src/dnssec/anchors.ts';
import { runNow } from './attack-kit.ts';
import { parseRR } from '../../src/dns/presentation.ts';

const DAY_S = 86_400;
const RRSIG_WINDOW_S = 2 * 3600;
const MX = Name.parse('mx.example.com.');
const SHORT = Name.parse('short.example.com.');
const NOPE = Name.parse('nope.example.com.');
const BROKEN = Name.parse('www.broken.com.');

describe('dnssec: the cache of proven answers', function () {
  this.timeout(60_000);
  const start = runNow();
  let world: TestWorld;
  let server: DnsServer;
  let clockMs = start.getTime();
  /** When set, every TTL of every answer is raised to a day (signatures untouched: still valid). */
  let raiseTtls = false;
  /** When set, every answer carries ~60 KiB of junk TXT records in its additional section (sent over TCP). */
  let pad = false;
  /** Names answered with SERVFAIL. */
  const failing = new Set<string>();
  let asked = 0;

  before(async () => {
    world = await createTestWorld({
      now: start,
      validity: { inception: new Date(start.getTime() - 3600_000), expiration: new Date(start.getTime() + RRSIG_WINDOW_S * 1000) },
      zones: {
        // The DS of example.com. and com.'s keys live 600 s: the chain of trust holds no longer.
        'com.': { ttl: 600 },
        'example.com.': { ttl: 3600, records: ['mx 1800 A 127.0.0.1', 'short 30 A 127.0.0.2'] },
        'broken.com.': { records: ['www A 127.0.0.3'], break: [{ kind: 'corrupt-signature', name: 'www', type: 'A' }] },
      },
    });
    server = await startDnsServer({
      handler: (query: Message) => {
        asked++;
        const q = query.questions[0]!;
        if (failing.has(q.name.key())) return replyTo(query, { rcode: 2 });
        const a = world.answerer.answer({ name: q.name, type: q.type, dnssecOk: true });
        const lie = (rrs: readonly ResourceRecord[]): ResourceRecord[] => (raiseTtls ? rrs.map((rr) => ({ ...rr, ttl: DAY_S })) : [...rrs]);
        const junk = pad ? Array.from({ length: 60 }, (_, i) => parseRR(`pad${i}.example.com. 300 IN TXT ${`"${'x'.repeat(250)}" `.repeat(4)}`)) : [];
        return replyTo(query, { rcode: a.rcode, answers: lie(a.answer), authorities: lie(a.authority), additionals: junk });
      },
    });
  });
  after(async () => {
    await server?.close();
    await world?.close();
  });

  let stub: StubResolver;
  beforeEach(() => {
    clockMs = start.getTime();
    raiseTtls = false;
    pad = false;
    failing.clear();
    stub = new StubResolver({ servers: [server.address], cacheSize: 0, now: () => clockMs });
  });
  afterEach(() => stub.close());

  function validator(extra: Partial<ValidatorOptions> = {}): Validator {
    return new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text, now: () => new Date(clockMs), ...extra });
  }
  /** Questions the lookup sent to the DNS server. */
  async function queriesOf(v: Validator, name: Name, type: number, opts: Parameters<Validator['lookup']>[2] = {}) {
    const before = asked;
    const r = await v.lookup(name, type, opts);
    return { r, queries: asked - before };
  }
  const at = (seconds: number) => (clockMs = start.getTime() + seconds * 1000);

  it('a warm lookup asks nothing and gives the same frozen result; with the cache off it asks again', async () => {
    const v = validator();
    const cold = await queriesOf(v, MX, RRType.A);
    expect(cold.r.status, cold.r.reason).to.equal('secure');
    expect(cold.queries).to.be.greaterThan(0);
    const warm = await queriesOf(v, MX, RRType.A);
    expect(warm.queries).to.equal(0);
    expect(warm.r).to.equal(cold.r);
    expect(Object.isFrozen(warm.r) && Object.isFrozen(warm.r.rrset)).to.equal(true);
    expect(v.cacheStats().answers).to.include({ entries: 1, hits: 1 });

    const off = validator({ answerCache: { maxEntries: 0 } });
    await off.lookup(MX, RRType.A);
    expect((await queriesOf(off, MX, RRType.A)).queries).to.be.greaterThan(0);
    expect(off.cacheStats().answers.entries).to.equal(0);
  });

  it("an answer lives its own original TTL (1800 s), even when the resolver raises every TTL to a day", async () => {
    for (const lying of [false, true]) {
      raiseTtls = lying;
      at(0);
      const v = validator();
      expect((await v.lookup(MX, RRType.A)).status).to.equal('secure');
      at(599);
      // The chain of trust (com.'s DS for example.com., 600 s) ends first: see the next test.
      expect((await queriesOf(v, MX, RRType.A)).queries, `lying=${lying}: within every TTL`).to.equal(0);
      const short = validator();
      at(0);
      expect((await short.lookup(SHORT, RRType.A)).expiresAt, 'LookupResult.expiresAt').to.equal(start.getTime() / 1000 + 30);
      at(29);
      expect((await queriesOf(short, SHORT, RRType.A)).queries, `lying=${lying}: within 30 s`).to.equal(0);
      at(30);
      expect((await queriesOf(short, SHORT, RRType.A)).queries, `lying=${lying}: the 30 s TTL is over`).to.be.greaterThan(0);
    }
  });

  it('an answer lives no longer than the chain of trust above it (DS and keys of com. live 600 s)', async () => {
    const v = validator();
    await v.lookup(MX, RRType.A);
    at(599);
    expect((await queriesOf(v, MX, RRType.A)).queries).to.equal(0);
    at(600);
    const again = await queriesOf(v, MX, RRType.A);
    expect(again.queries, 'proven again from the DS down').to.be.greaterThan(0);
    expect(again.r.status).to.equal('secure');
  });

  it('an answer lives no longer than its signature: served secure up to the RRSIG expiration, proven again (bogus) after', async () => {
    // TTLs raised to a day everywhere: only the signatures' expiration (2 h after the start) can end the entry.
    raiseTtls = true;
    at(RRSIG_WINDOW_S - 10);
    const v = validator();
    expect((await v.lookup(MX, RRType.A)).status).to.equal('secure');
    at(RRSIG_WINDOW_S - 1);
    expect((await queriesOf(v, MX, RRType.A)).queries, 'still signed').to.equal(0);
    at(RRSIG_WINDOW_S);
    expect((await queriesOf(v, MX, RRType.A)).queries, 'the signature is at its end: not served from the cache').to.be.greaterThan(0);
    at(RRSIG_WINDOW_S + 1);
    const after = await queriesOf(v, MX, RRType.A);
    expect(after.queries, 'nor what was proven in its last second').to.be.greaterThan(0);
    expect(after.r.status).to.equal('bogus');
  });

  it('a denial lives min(SOA TTL, SOA MINIMUM) = 300 s, whatever TTLs the resolver claims', async () => {
    for (const lying of [false, true]) {
      raiseTtls = lying;
      at(0);
      const v = validator();
      const r = await v.lookup(NOPE, RRType.A);
      expect([r.status, r.kind]).to.deep.equal(['secure', 'nxdomain']);
      at(299);
      expect((await queriesOf(v, NOPE, RRType.A)).queries, `lying=${lying}`).to.equal(0);
      at(300);
      expect((await queriesOf(v, NOPE, RRType.A)).queries, `lying=${lying}`).to.be.greaterThan(0);
    }
  });

  it('bogus: not kept after one try (one forged message must not stick); kept badCacheTtl once it came out bogus again from fresh answers', async () => {
    // Behind a caching stub, a bogus result from cached messages is fetched again (validator.ts);
    // the test world's break makes both tries bogus, so the second is kept.
    const caching = new StubResolver({ servers: [server.address], now: () => clockMs });
    try {
      const v = new Validator({ upstream: caching, trustAnchors: world.trustAnchors.text, now: () => new Date(clockMs) });
      expect((await queriesOf(v, BROKEN, RRType.A)).r.status).to.equal('bogus');
      expect(v.cacheStats().answers.entries, 'a first bogus result is not kept').to.equal(0);
      const second = await queriesOf(v, BROKEN, RRType.A);
      expect(second.r.status).to.equal('bogus');
      expect(second.queries, 'fetched again').to.be.greaterThan(0);
      expect((await queriesOf(v, BROKEN, RRType.A)).queries, 'now kept').to.equal(0);
      at(DEFAULT_VALIDATOR_LIMITS.badCacheTtl - 1);
      expect((await queriesOf(v, BROKEN, RRType.A)).queries).to.equal(0);
      at(DEFAULT_VALIDATOR_LIMITS.badCacheTtl);
      expect((await queriesOf(v, BROKEN, RRType.A)).queries, 'badCacheTtl is over').to.be.greaterThan(0);
    } finally {
      caching.close();
    }
  });

  it('indeterminate (SERVFAIL) is never kept: the next lookup asks again and is secure once the server answers', async () => {
    const v = validator();
    failing.add(MX.key());
    const failed = await v.lookup(MX, RRType.A);
    expect(failed.status).to.equal('indeterminate');
    expect(failed.expiresAt, 'not to be reused').to.equal(start.getTime() / 1000);
    failing.clear();
    const again = await queriesOf(v, MX, RRType.A);
    expect(again.queries).to.be.greaterThan(0);
    expect(again.r.status).to.equal('secure');
  });

  it('a clock set back before an entry was proven does not get it', async () => {
    const v = validator();
    at(100);
    await v.lookup(MX, RRType.A);
    at(99);
    expect((await queriesOf(v, MX, RRType.A)).queries).to.be.greaterThan(0);
  });

  it("an entry ends when a trust anchor's window closes (RFC 9718 §2.2): proven again, from the anchors then in force", async () => {
    const anchors: TrustAnchor[] = world.trustAnchors.records.map((record) => ({ zone: Name.ROOT, record, validUntil: new Date(start.getTime() + 50_000), source: 'test' }));
    const v = validator({ trustAnchors: anchors });
    expect((await v.lookup(MX, RRType.A)).status).to.equal('secure');
    at(49);
    expect((await queriesOf(v, MX, RRType.A)).queries).to.equal(0);
    at(50);
    const after = await v.lookup(MX, RRType.A);
    expect(after.status, 'no anchor is in force any more').to.equal('indeterminate');
  });

  it("a caller's aborted signal gets indeterminate, not the cached answer", async () => {
    const v = validator();
    await v.lookup(MX, RRType.A);
    const r = await v.lookup(MX, RRType.A, { signal: AbortSignal.abort() });
    expect(r.status).to.equal('indeterminate');
    expect((await queriesOf(v, MX, RRType.A)).queries, 'the entry is still there').to.equal(0);
  });

  it('is bounded in entries: the oldest entry not used since the sweep last passed goes first (CLOCK)', async () => {
    const v = validator({ answerCache: { maxEntries: 2 } });
    await v.lookup(MX, RRType.A);
    await v.lookup(SHORT, RRType.A);
    await v.lookup(MX, RRType.A); // used: gets a second chance
    await v.lookup(NOPE, RRType.A); // evicts SHORT
    expect(v.cacheStats().answers).to.include({ entries: 2, evictions: 1 });
    expect((await queriesOf(v, MX, RRType.A)).queries).to.equal(0);
    expect((await queriesOf(v, SHORT, RRType.A)).queries).to.be.greaterThan(0);
  });

  it('is bounded in octets: entries are estimated, an answer larger than the bound is not kept', async () => {
    const v = validator();
    const r = await v.lookup(MX, RRType.A);
    const one = estimateOctets(r);
    const cache = new AnswerCache({ maxEntries: 100, maxOctets: one * 2 + 1 });
    const now = Math.floor(start.getTime() / 1000);
    for (const name of ['a.', 'b.', 'c.']) cache.set({ ...r, name: Name.parse(name) }, now, now + 60);
    expect(cache.stats()).to.include({ entries: 2, evictions: 1 });
    expect(cache.stats().octets).to.be.at.most(one * 2 + 1);
    const tiny = new AnswerCache({ maxEntries: 100, maxOctets: one - 1 });
    tiny.set(r, now, now + 60);
    expect(tiny.stats().entries).to.equal(0);
  });

  it('an answer that came in a message padded to ~60 KiB is kept as its own few octets, not the message', async () => {
    pad = true;
    const v = validator();
    const r = await v.lookup(MX, RRType.A);
    expect(r.status, r.reason).to.equal('secure');
    const held = v.cacheStats().answers;
    expect(held.entries).to.equal(1);
    expect(held.octets, 'estimated octets of the one entry').to.be.lessThan(10_000);
  });
});
