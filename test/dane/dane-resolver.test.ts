/**
 * createDaneResolver (dane/dane-resolver.ts, issue #14 item 2): one object owns the caches; its
 * calls share them, its stats say what they hold and did, and close() ends it for good.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { createDaneResolver, DaneResolverClosedError } from '../../src/dane/dane-resolver.ts';
import { MemoryAnswerStore } from '../../src/dnssec/answer-store.ts';

describe('dane/dane-resolver: createDaneResolver', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let base: { resolvers: string[]; trustAnchors: string; timeoutMs: number };

  before(async () => {
    world = await createTestWorld({
      zones: { 'example.': {}, 'ok.example.': { records: ['@ MX 10 mx'] } },
      mailServers: { 'mx.ok.example.': {} },
    });
    base = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, timeoutMs: 5000 };
  });
  after(async () => world?.close());

  const sent = async (f: () => Promise<unknown>) => {
    const before = world.server.log.length;
    await f();
    return world.server.log.length - before;
  };

  it('policy, connectPlan and verify share one set of caches: after the first call nothing is asked again; stats count it', async () => {
    const dane = createDaneResolver(base);
    try {
      let expiresAt: number | undefined;
      expect(await sent(async () => (expiresAt = (await dane.policy('ok.example', { port: world.mailPort })).expiresAt))).to.be.greaterThan(3);
      expect(expiresAt).to.be.a('number').and.greaterThan(Date.now() / 1000);
      expect(await sent(async () => expect((await dane.connectPlan('ok.example', { port: world.mailPort })).targets).to.have.length(1))).to.equal(0);
      expect(await sent(async () => expect((await dane.verify('ok.example', { port: world.mailPort })).exitCode).to.equal(0))).to.equal(0);
      const s = dane.stats();
      expect(s.calls).to.deep.equal({ policy: 1, verify: 1, connectPlan: 1 });
      expect(s.answers.entries).to.be.greaterThan(0);
      expect(s.answers.hits).to.be.greaterThan(0);
      expect(s.dns.udpQueries).to.be.greaterThan(3);
    } finally {
      dane.close();
    }
  });

  it('cache bounds are its own: with the answer cache off, a second policy validates again (from the message cache)', async () => {
    const dane = createDaneResolver({ ...base, answerCache: { maxEntries: 0 }, messageCache: { maxEntries: 0 } });
    try {
      await dane.policy('ok.example');
      expect(await sent(() => dane.policy('ok.example'))).to.be.greaterThan(3);
      expect(dane.stats().answers.entries).to.equal(0);
    } finally {
      dane.close();
    }
  });

  it('two resolvers do not share caches', async () => {
    const a = createDaneResolver(base);
    const b = createDaneResolver(base);
    try {
      await a.policy('ok.example');
      expect(await sent(() => b.policy('ok.example'))).to.be.greaterThan(3);
    } finally {
      a.close();
      b.close();
    }
  });

  it('two resolvers sharing an answer store (same secret): the second asks nothing the first proved', async () => {
    const answerStore = { store: new MemoryAnswerStore(), secret: 'thirty-two octets or more of shared secret' };
    const a = createDaneResolver({ ...base, answerStore });
    const b = createDaneResolver({ ...base, answerStore });
    try {
      await a.policy('ok.example');
      await new Promise((r) => setImmediate(r));
      expect(await sent(() => b.policy('ok.example'))).to.equal(0);
      expect(b.stats().answers.entries).to.be.greaterThan(0);
    } finally {
      a.close();
      b.close();
    }
  });

  it('after close() every call rejects with ERR_DANE_RESOLVER_CLOSED; close() twice is fine', async () => {
    const dane = createDaneResolver(base);
    await dane.policy('ok.example');
    dane.close();
    dane.close();
    for (const call of [() => dane.policy('ok.example'), () => dane.verify('ok.example'), () => dane.connectPlan('ok.example')]) {
      const e = await call().then(() => undefined, (x: unknown) => x);
      expect(e).to.be.instanceOf(DaneResolverClosedError).with.property('code', 'ERR_DANE_RESOLVER_CLOSED');
    }
  });

  it("a call's own signal still stops it (rejects with the signal's reason)", async () => {
    const dane = createDaneResolver(base);
    try {
      const reason = new Error('stop');
      const e = await dane.policy('ok.example', { signal: AbortSignal.abort(reason) }).then(() => undefined, (x: unknown) => x);
      expect(e).to.equal(reason);
    } finally {
      dane.close();
    }
  });
});
