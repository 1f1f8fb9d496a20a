/**
 * DANE policies shared through a store (dane/policy-store.ts, issue #17 item 3): a second
 * resolver takes the first one's policy without a DNS query; the lifetime written never exceeds
 * the policy's validated lifetime; a policy from a failed lookup is never written; an entry
 * changed in the store, moved to another domain, or past its lifetime on the reader's clock is
 * refused and the policy built again.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { createDaneResolver, type DaneResolver } from '../../src/dane/dane-resolver.ts';
import { MemoryAnswerStore, type AnswerStore } from '../../src/dnssec/answer-store.ts';

const SECRET = 'a policy secret of at least thirty-two octets';

/** A memory store that remembers the lifetimes it was given. */
class RecordingStore extends MemoryAnswerStore {
  readonly ttls = new Map<string, number>();
  override set(key: string, value: string, ttlSeconds: number): void {
    this.ttls.set(key, ttlSeconds);
    super.set(key, value, ttlSeconds);
  }
}

describe('dane: policies shared through a store', function () {
  this.timeout(60_000);
  let world: TestWorld;
  const resolvers: DaneResolver[] = [];
  before(async () => {
    world = await createTestWorld({
      zones: {
        'example.': {},
        'ok.example.': { records: ['@ MX 10 mx', '@ MX 20 mx2'] },
        'bad.example.': { records: ['@ MX 10 mx.ok.example.'], break: [{ kind: 'corrupt-signature', type: 'MX' }] },
        'other.example.': { records: ['@ MX 10 mx.ok.example.'] },
      },
      mailServers: { 'mx.ok.example.': {}, 'mx2.ok.example.': { tlsa: [] } },
    });
  });
  after(async () => {
    for (const r of resolvers) r.close();
    await world?.close();
  });
  const resolver = (store: AnswerStore, now?: Date) => {
    const r = createDaneResolver({ resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, answerStore: { store, secret: SECRET, timeoutMs: 2000 }, sharePolicies: true, ...(now ? { now } : {}) });
    resolvers.push(r);
    return r;
  };
  const asJson = (p: unknown) => JSON.stringify(p, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v));
  const policyKey = (store: RecordingStore, domain: string) => [...store.ttls.keys()].find((k) => k.includes(':p1:') && k.endsWith(`:${domain}`));

  it('a second resolver takes the policy without a DNS query, equal to the first; its lifetime is the policy\'s own', async () => {
    const store = new RecordingStore();
    const port = { port: world.mailPort };
    const a = resolver(store);
    const pa = await a.policy('ok.example', port);
    expect(pa.hosts.map((h) => h.policy)).to.deep.equal(['dane', 'none']);
    const key = policyKey(store, 'ok.example.')!;
    expect(key, 'written').to.be.a('string');
    expect(store.ttls.get(key)).to.be.within(1, pa.expiresAt! - Math.floor(Date.now() / 1000) + 1);
    const b = resolver(store);
    const before = world.server.log.length;
    const pb = await b.policy('ok.example', port);
    expect(world.server.log.length - before, 'queries').to.equal(0);
    expect(asJson(pb)).to.equal(asJson(pa));
    expect(b.stats().policies).to.deep.equal({ hits: 1, rejected: 0, errors: 0 });
    // The connect plan from the shared policy: the DANE host with its TLSA records.
    const plan = await b.connectPlan('ok.example', port);
    expect(plan.targets[0]!.host).to.equal('mx.ok.example.');
    // Another port is another policy (its TLSA name differs): not taken.
    await b.policy('ok.example', { port: 2525 });
    expect(b.stats().policies!.hits).to.equal(2);
  });

  it('never writes a policy from a failed lookup (it expires at once)', async () => {
    const store = new RecordingStore();
    const p = await resolver(store).policy('bad.example');
    expect(p.action).to.equal('defer');
    expect(policyKey(store, 'bad.example.')).to.equal(undefined);
  });

  it('refuses an entry changed in the store, moved to another domain, or past its lifetime on the reader\'s clock', async () => {
    const store = new RecordingStore();
    await resolver(store).policy('ok.example', { port: world.mailPort });
    await resolver(store).policy('other.example', { port: world.mailPort });
    const key = policyKey(store, 'ok.example.')!;
    const otherKey = policyKey(store, 'other.example.')!;
    const value = store.get(key)!;
    // A writer to the store turns the DANE host into one without DANE.
    store.set(key, value.replace('"policy":"dane"', '"policy":"none"'), 300);
    const c = resolver(store);
    const pc = await c.policy('ok.example', { port: world.mailPort });
    expect(pc.hosts[0]!.policy).to.equal('dane');
    // Built again, from the shared proven answers (which the change did not touch).
    expect(c.stats().store!.hits, 'built again').to.be.greaterThan(0);
    expect(c.stats().policies!.rejected).to.equal(1);
    // ok.example.'s sealed policy under other.example.'s key.
    store.set(otherKey, store.get(key) ?? value, 300);
    const d = resolver(store);
    expect((await d.policy('other.example', { port: world.mailPort })).domain).to.equal('other.example.');
    expect(d.stats().policies!.rejected).to.equal(1);
    // A reader whose clock is past the policy's lifetime.
    const late = resolver(store, new Date(Date.now() + 40 * 86_400_000));
    await late.policy('ok.example', { port: world.mailPort }).catch(() => undefined);
    expect(late.stats().policies!.hits).to.equal(0);
  });
});
