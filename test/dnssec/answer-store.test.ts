/**
 * The shared answer store (dnssec/answer-store.ts, issue #14 item 2): validators with the same
 * configuration and secret share proofs through it; nothing else gets in. The attacker here can
 * write to the store (a shared Redis): tampered, moved, replayed-after-expiry and foreign entries
 * are misses, and a store that fails or hangs costs a bounded wait, never an answer.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator, type ValidatorOptions, type LookupResult } from '../../src/dnssec/validator.ts';
import { MemoryAnswerStore, type AnswerStore } from '../../src/dnssec/answer-store.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { formatRR } from '../../src/dns/presentation.ts';

const SECRET = 'a shared secret of at least thirty-two octets!!';
const MX = Name.parse('mx.example.');
const WWW = Name.parse('www.example.');

describe('dnssec: the shared answer store', function () {
  this.timeout(60_000);
  let world: TestWorld;
  const stubs: StubResolver[] = [];

  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': { records: ['mx A 127.0.0.1', 'www A 127.0.0.2'] },
        'broken.': { records: ['www A 127.0.0.3'], break: [{ kind: 'corrupt-signature', name: 'www', type: 'A' }] },
      },
    });
  });
  after(async () => {
    for (const s of stubs) s.close();
    await world?.close();
  });

  function validator(store: AnswerStore, extra: Partial<ValidatorOptions> = {}, secret = SECRET): Validator {
    const stub = new StubResolver({ servers: [world.resolver], cacheSize: 0 });
    stubs.push(stub);
    return new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text, answerStore: { store, secret }, ...extra });
  }
  async function queries(f: () => Promise<unknown>): Promise<number> {
    const before = world.server.log.length;
    await f();
    return world.server.log.length - before;
  }

  it('a second validator with the same configuration and secret takes the first one\'s proof: nothing asked, the same answer', async () => {
    const store = new MemoryAnswerStore();
    const a = validator(store);
    const first = await a.lookup(MX, RRType.A);
    expect(first.status).to.equal('secure');
    await new Promise((r) => setImmediate(r)); // the write is not awaited by the lookup
    expect(store.size).to.equal(1);
    const b = validator(store);
    let second = first;
    expect(await queries(async () => (second = await b.lookup(MX, RRType.A)))).to.equal(0);
    expect([second.status, second.kind, second.expiresAt]).to.deep.equal([first.status, first.kind, first.expiresAt]);
    expect(second.rrset.map((rr) => formatRR(rr))).to.deep.equal(first.rrset.map((rr) => formatRR(rr)));
    expect(second.chain).to.deep.equal(first.chain);
    expect(b.cacheStats().store).to.deep.equal({ hits: 1, rejected: 0, errors: 0 });
  });

  it('another secret or another crypto policy (another configuration): not read', async () => {
    const store = new MemoryAnswerStore();
    await validator(store).lookup(MX, RRType.A);
    await new Promise((r) => setImmediate(r));
    const otherSecret = validator(store, {}, 'another secret, also long enough to be taken');
    expect(await queries(() => otherSecret.lookup(MX, RRType.A))).to.be.greaterThan(0);
    expect(otherSecret.cacheStats().store!.rejected).to.equal(1);
    const otherPolicy = validator(store, { cryptoPolicy: { allowSha1: false } });
    expect(await queries(() => otherPolicy.lookup(MX, RRType.A))).to.be.greaterThan(0);
  });

  it('an attacker with write access: a tampered entry, one moved to another name, and garbage are refused; the lookup proves it itself', async () => {
    const store = new MemoryAnswerStore();
    const keys: string[] = []; // the keys the validator wrote under, as an attacker reading the store sees them
    const a = validator({ get: (k) => store.get(k), set: (k, v, t) => { keys.push(k); store.set(k, v, t); }, delete: (k) => store.delete(k) });
    await a.lookup(MX, RRType.A);
    await a.lookup(WWW, RRType.A);
    await new Promise((r) => setImmediate(r));
    const mxKey = keys.find((k) => k.endsWith(':mx.example.'))!;
    const wwwKey = keys.find((k) => k.endsWith(':www.example.'))!;
    const mxValue = store.get(mxKey)!;
    for (const [what, value] of [
      ['127.0.0.1 changed to 192.0.2.66 in the stored A record', mxValue.replace(Buffer.from([127, 0, 0, 1]).toString('base64'), Buffer.from([192, 0, 2, 66]).toString('base64'))],
      ['the status flipped', mxValue.replace('"status":"secure"', '"status":"insecure"')],
      ["mx.example.'s entry stored under www.example.'s key", mxValue],
      ['garbage', 'not.an entry'],
    ] as const) {
      expect(value, what).to.not.equal(undefined);
      store.set(wwwKey, value, 3600);
      const b = validator(store);
      let r: LookupResult | undefined;
      expect(await queries(async () => (r = await b.lookup(WWW, RRType.A))), what).to.be.greaterThan(0);
      expect(r!.status, what).to.equal('secure');
      expect(r!.rrset.map((rr) => formatRR(rr)).join(), what).to.contain('127.0.0.2');
      expect(b.cacheStats().store!.rejected, what).to.equal(1);
    }
  });

  it('an entry past its expiry (a replayed old entry, or a reader whose clock is later) is a miss', async () => {
    const store = new MemoryAnswerStore();
    await validator(store).lookup(MX, RRType.A);
    await new Promise((r) => setImmediate(r));
    const later = validator(store, { now: () => new Date(Date.now() + 3 * 86_400_000) });
    const r = await later.lookup(MX, RRType.A);
    expect(later.cacheStats().store!.hits).to.equal(0);
    void r;
  });

  it('bogus results are not shared', async () => {
    const store = new MemoryAnswerStore();
    const v = validator(store);
    expect((await v.lookup('www.broken.', RRType.A)).status).to.equal('bogus');
    expect((await v.lookup('www.broken.', RRType.A)).status).to.equal('bogus');
    await new Promise((r) => setImmediate(r));
    expect(store.size).to.equal(0);
  });

  it('a store that throws or never answers is a miss within its timeout; the lookup stays secure', async () => {
    const failing: AnswerStore = { get: () => Promise.reject(new Error('down')), set: () => { throw new Error('down'); }, delete: () => undefined };
    const hanging: AnswerStore = { get: () => new Promise(() => {}), set: () => new Promise(() => {}), delete: () => undefined };
    for (const [what, store] of [['failing', failing], ['hanging', hanging]] as const) {
      const v = validator(store, { answerStore: { store, secret: SECRET, timeoutMs: 50 } });
      const t = performance.now();
      expect((await v.lookup(MX, RRType.A)).status, what).to.equal('secure');
      expect(performance.now() - t, what).to.be.lessThan(5_000);
      await new Promise((r) => setTimeout(r, 80));
      expect(v.cacheStats().store!.errors, what).to.be.at.least(1);
    }
  });

  it('a secret shorter than 32 octets is caller misuse (ERR_OUT_OF_RANGE)', () => {
    expect(() => validator(new MemoryAnswerStore(), {}, 'short')).to.throw(RangeError).with.property('code', 'ERR_OUT_OF_RANGE');
  });
});
