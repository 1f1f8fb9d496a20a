import { expect } from 'chai';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Name } from '../../src/dns/name.ts';
import { RRType, RRClass } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import type { Fault } from '../../src/testing/dns-server.ts';
import { harness } from './harness.ts';
import { toyHandler } from './fixtures.ts';
import { ok, failed } from './expect-result.ts';

const A_NAME = Name.parse('a.example.');

describe('resolver/stub: queries and answer matching', () => {
  const h = harness();
  afterEach(() => h.closeAll());

  it('asks with EDNS0 (payload 1232), DO=1, CD=1, RD=1 and one question, and returns the answer', async () => {
    const s = await h.server();
    const r = ok(await h.resolver([s]).query(A_NAME, RRType.A));
    expect(r).to.include({ server: s.address, transport: 'udp', fromCache: false });
    expect(r.message.answers.map((rr) => rr.type)).to.deep.equal([RRType.A, RRType.RRSIG]);
    const q = s.log[0]!.message!;
    expect(q.edns).to.deep.include({ udpSize: 1232, dnssecOk: true, version: 0 });
    expect(q.flags).to.include({ qr: false, rd: true, cd: true });
    expect(q.questions).to.have.length(1);
    expect(q.questions[0]).to.include({ type: RRType.A, class: RRClass.IN });
    expect(r.attempts.map((a) => a.code)).to.deep.equal(['ok']);
  });

  it('advertises the configured UDP payload size', async () => {
    const s = await h.server();
    ok(await h.resolver([s], { udpSize: 4096 }).query(A_NAME, RRType.A));
    expect(s.log[0]!.message!.edns!.udpSize).to.equal(4096);
  });

  it('returns NXDOMAIN as an answer, not a failure', async () => {
    const s = await h.server();
    const r = ok(await h.resolver([s]).query(Name.parse('nope.example.'), RRType.A));
    expect(r.message.rcode).to.equal(Rcode.NXDOMAIN);
  });

  it('uses a different random ID and source port for each query', async () => {
    const s = await h.server();
    const res = h.resolver([s], { cacheSize: 0 });
    const n = 20;
    for (let i = 0; i < n; i++) ok(await res.query(A_NAME, RRType.A));
    const ids = new Set(s.log.map((l) => l.message!.id));
    const ports = new Set(s.log.map((l) => l.remote.port));
    // 16-bit IDs from a CSPRNG: a few collisions among 20 are possible (p ~ 0.3 %), many are not.
    expect(ids.size).to.be.at.least(n - 2);
    expect(ports.size).to.be.at.least(n - 2);
  });

  // A datagram from another port never reaches the connected socket (the kernel discards it): see
  // the wrong-source tests below.
  const spoofs: { fault: Fault; counted: string }[] = [
    { fault: { kind: 'wrong-id' }, counted: 'wrong-id' },
    { fault: { kind: 'wrong-question' }, counted: 'wrong-question' },
    { fault: { kind: 'garbage' }, counted: 'malformed' },
  ];
  for (const { fault, counted } of spoofs) {
    it(`drops and counts a ${fault.kind} message, then takes the real answer`, async () => {
      const s = await h.server();
      s.addFault({ fault });
      const res = h.resolver([s]);
      const r = ok(await res.query(A_NAME, RRType.A));
      expect(r.attempts[0]!.dropped).to.include({ [counted]: 1 });
      expect(res.stats.dropped).to.include({ [counted]: 1 });
      expect(r.message.answers[0]!.name.equals(A_NAME)).to.equal(true);
    });

    it(`times out when only a ${fault.kind} message comes, saying what it dropped`, async () => {
      const s = await h.server();
      s.addFault({ fault: { ...fault, alone: true } as Fault });
      const f = failed(await h.resolver([s], { timeoutMs: 200, attempts: 1 }).query(A_NAME, RRType.A));
      expect(f.code).to.equal(counted === 'malformed' ? 'malformed' : 'timeout');
      expect(f.reason).to.contain(`1 ${counted}`);
      expect(f.reason).to.contain(s.address);
    });
  }

  it('never takes a copy of the answer sent from another port (discarded by the kernel on the connected socket)', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'wrong-source' } });
    const r = ok(await h.resolver([s]).query(A_NAME, RRType.A));
    expect(r.message.answers[0]!.name.equals(A_NAME)).to.equal(true);
    const alone = await h.server();
    alone.addFault({ fault: { kind: 'wrong-source', alone: true } });
    expect(failed(await h.resolver([alone], { timeoutMs: 200, attempts: 1 }).query(A_NAME, RRType.A)).code).to.equal('timeout');
  });

  it('fails a try at once when the server\'s port is unreachable (ICMP), and goes on to the next server', async () => {
    const closed = createSocket('udp4');
    closed.bind(0, '127.0.0.1');
    await once(closed, 'listening');
    const dead = `127.0.0.1:${closed.address().port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    const s = await h.server();
    const started = performance.now();
    const r = ok(await h.resolver([dead, s.address], { timeoutMs: 5_000, attempts: 1 }).query(A_NAME, RRType.A));
    expect(performance.now() - started, 'no wait for the 5 s timeout').to.be.below(2_000);
    expect(r.attempts[0]).to.include({ server: dead, code: 'network' });
    expect(r.attempts[0]!.reason).to.match(/refused the query \(port unreachable\)/);
  });

  it('accepts an answer whose question differs from the query only in ASCII case (RFC 4343)', async () => {
    const s = await h.server(undefined, (query) => {
      const r = toyHandler(query);
      return { ...r, questions: r.questions.map((q) => ({ ...q, name: Name.parse(q.name.toString().toUpperCase()) })) };
    });
    const r = ok(await h.resolver([s]).query(Name.parse('a.ExAmple.'), RRType.A));
    expect(r.message.questions[0]!.name.toString()).to.equal('A.EXAMPLE.');
    expect(r.message.answers.length).to.be.greaterThan(0);
  });

  it('ignores a duplicated answer', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'duplicate' } });
    const res = h.resolver([s], { cacheSize: 0 });
    ok(await res.query(A_NAME, RRType.A));
    ok(await res.query(A_NAME, RRType.A));
    expect(s.stats.udp).to.equal(2);
  });

  it('waits for a delayed answer within the timeout', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'delay', ms: 50 } });
    ok(await h.resolver([s], { timeoutMs: 5_000 }).query(A_NAME, RRType.A));
  });

  it('times out an answer delayed past the per-try timeout', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'delay', ms: 1_000 } });
    const f = failed(await h.resolver([s], { timeoutMs: 200, attempts: 1 }).query(A_NAME, RRType.A));
    expect(f.code).to.equal('timeout');
    expect(f.reason).to.match(/no answer over UDP within 200 ms/);
  });

  it('rejects misuse: a non-Name, a type out of range, bad options', () => {
    const res = new StubResolver({ servers: ['127.0.0.1:9'] });
    expect(() => res.query('a.example.' as unknown as Name, RRType.A)).to.throw(TypeError);
    expect(() => res.query(A_NAME, 70_000)).to.throw(TypeError);
    expect(() => new StubResolver({ servers: [] })).to.throw(RangeError);
    expect(() => new StubResolver({ servers: ['dns.example'] })).to.throw(TypeError);
    expect(() => new StubResolver({ servers: ['127.0.0.1'], timeoutMs: 0 })).to.throw(RangeError);
    expect(() => new StubResolver({ servers: ['127.0.0.1'], udpSize: 100 })).to.throw(RangeError);
    expect(() => new StubResolver({ servers: ['127.0.0.1'], attempts: 11 })).to.throw(RangeError);
  });
});
