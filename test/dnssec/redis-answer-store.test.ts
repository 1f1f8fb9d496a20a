/**
 * The answer store on a real Redis (dnssec/redis-answer-store.ts, issue #17 item 3): a
 * redis-server started here on loopback (Debian's redis-server, installed by .ci/system-deps.sh)
 * and the `redis` client. Two validators, each with its own connection, share proofs; an entry
 * another Redis client rewrites is refused; entries expire in Redis with the proof's lifetime.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { redisAnswerStore } from '../../src/dnssec/redis-answer-store.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { freePort } from '../support/free-port.ts';

const SECRET = 'the fleet secret, thirty-two octets or more';

describe('dnssec: the answer store on a real Redis', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let redis: ChildProcess;
  let url: string;
  const clients: { quit(): Promise<unknown> }[] = [];
  const stubs: StubResolver[] = [];

  before(async () => {
    const port = await freePort();
    // Under the shifted-clock run, redis-server (jemalloc) hangs in libfaketime's start-up as BIND's
    // tools do (test/support/bind-env.ts), and glibc's malloc cannot be put under it: it runs on the
    // real clock. It only counts relative lifetimes (EX), so nothing here depends on which clock.
    const { LD_PRELOAD: _, FAKETIME: __, ...env } = process.env;
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore', env });
    url = `redis://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const c = createClient({ url });
      c.on('error', () => {});
      try {
        await c.connect();
        await c.quit();
        break;
      } catch {
        if (i > 50) throw new Error('redis-server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    world = await createTestWorld({ zones: { 'example.': { records: ['mx 300 A 127.0.0.1'] } } });
  });
  after(async () => {
    for (const c of clients) await c.quit().catch(() => undefined);
    for (const s of stubs) s.close();
    redis?.kill();
    await world?.close();
  });

  async function client() {
    const c = createClient({ url });
    c.on('error', () => {});
    await c.connect();
    clients.push(c);
    return c;
  }
  async function validator() {
    const stub = new StubResolver({ servers: [world.resolver], cacheSize: 0 });
    stubs.push(stub);
    return new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text, answerStore: { store: redisAnswerStore(await client()), secret: SECRET, timeoutMs: 2000 } });
  }

  it('two validators on their own connections share a proof; the entry expires in Redis with it (TTL <= 300 s)', async () => {
    const a = await validator();
    expect((await a.lookup('mx.example.', RRType.A)).status).to.equal('secure');
    const spy = await client();
    let keys: string[] = [];
    for (let i = 0; i < 50 && keys.length === 0; i++) {
      keys = await spy.keys('dane-verify:*');
      if (keys.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(keys).to.have.length(1);
    const ttl = await spy.ttl(keys[0]!);
    expect(ttl).to.be.within(1, 300);
    const b = await validator();
    const before = world.server.log.length;
    expect((await b.lookup('mx.example.', RRType.A)).status).to.equal('secure');
    expect(world.server.log.length - before, 'queries').to.equal(0);
    expect(b.cacheStats().store!.hits).to.equal(1);
  });

  it('an entry rewritten by another Redis client (the address changed) is refused; the validator proves the answer itself', async () => {
    const spy = await client();
    const [key] = await spy.keys('dane-verify:*');
    const value = (await spy.get(key!))!;
    await spy.set(key!, value.replace(Buffer.from([127, 0, 0, 1]).toString('base64'), Buffer.from([192, 0, 2, 66]).toString('base64')), { EX: 300 });
    const c = await validator();
    const before = world.server.log.length;
    const r = await c.lookup('mx.example.', RRType.A);
    expect(world.server.log.length - before, 'queries').to.be.greaterThan(0);
    expect(r.rrset.map((rr) => (rr.data as { address: string }).address)).to.deep.equal(['127.0.0.1']);
    expect(c.cacheStats().store!.rejected).to.equal(1);
  });
});
