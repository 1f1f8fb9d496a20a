import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { harness } from './harness.ts';
import { ok, failed } from './expect-result.ts';

const BIG = Name.parse('big.example.');

describe('resolver/stub: truncation and TCP', () => {
  const h = harness();
  afterEach(() => h.closeAll());

  it('asks again over TCP when the UDP answer is truncated, and gets the whole answer', async () => {
    const s = await h.server();
    const r = ok(await h.resolver([s]).query(BIG, RRType.TXT));
    expect(r.transport).to.equal('tcp');
    expect(r.message.answers).to.have.length(25);
    expect(r.attempts.map((a) => [a.transport, a.code])).to.deep.equal([['udp', 'retry-tcp'], ['tcp', 'ok']]);
    expect(s.log.map((l) => l.transport)).to.deep.equal(['udp', 'tcp']);
    expect(s.log[1]!.message!.edns).to.include({ dnssecOk: true });
    expect(s.log[1]!.message!.flags.cd).to.equal(true);
  });

  it('gets a larger answer over UDP when it advertises a larger payload size', async () => {
    const s = await h.server();
    const r = ok(await h.resolver([s], { udpSize: 4096 }).query(BIG, RRType.TXT));
    expect(r.transport).to.equal('udp');
    expect(r.message.answers).to.have.length(25);
  });

  it('carries several queries on one TCP connection, one after another and concurrently', async () => {
    const s = await h.server();
    const res = h.resolver([s], { cacheSize: 0 });
    ok(await res.query(BIG, RRType.TXT));
    ok(await res.query(BIG, RRType.TXT));
    const together = await Promise.all([BIG, Name.parse('BIG.example.')].map((n) => res.query(n, RRType.TXT, { requireSignatures: n !== BIG })));
    together.forEach(ok);
    expect(s.stats.tcp).to.equal(4);
    expect(s.stats.tcpConnections).to.equal(1);
  });

  it('shares one new TCP connection among concurrent truncated queries', async () => {
    const s = await h.server();
    const res = h.resolver([s], { cacheSize: 0 });
    s.addFault({ fault: { kind: 'truncate' }, transport: 'udp' });
    const names = ['a.example.', 'unsigned.example.', 'nodata.example.'].map((n) => Name.parse(n));
    (await Promise.all(names.map((n) => res.query(n, RRType.A)))).forEach(ok);
    expect(s.stats.tcp).to.equal(3);
    expect(s.stats.tcpConnections).to.equal(1);
  });

  it('matches pipelined TCP answers that come back out of order', async () => {
    const s = await h.server();
    const res = h.resolver([s], { cacheSize: 0 });
    s.addFault({ fault: { kind: 'truncate' }, transport: 'udp' });
    s.addFault({ fault: { kind: 'delay', ms: 100 }, transport: 'tcp', match: (m) => m.questions[0]!.name.key() === 'a.example.' });
    const slow = res.query(Name.parse('a.example.'), RRType.A);
    await s.nextQuery(); // the UDP try of the slow one
    await s.nextQuery(); // its TCP query, now held back
    const fast = ok(await res.query(Name.parse('unsigned.example.'), RRType.A));
    const slowAnswer = ok(await slow);
    expect(fast.message.answers[0]!.name.key()).to.equal('unsigned.example.');
    expect(slowAnswer.message.answers[0]!.name.key()).to.equal('a.example.');
    expect(s.stats.tcpConnections).to.equal(1);
  });

  it('drops a TCP answer for an ID nobody asked for, a wrong question and garbage, then takes the answer', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'wrong-id' }, transport: 'tcp' });
    s.addFault({ fault: { kind: 'wrong-question' }, transport: 'tcp' });
    s.addFault({ fault: { kind: 'garbage' }, transport: 'tcp' });
    s.addFault({ fault: { kind: 'duplicate' }, transport: 'tcp' });
    const res = h.resolver([s]);
    const r = ok(await res.query(BIG, RRType.TXT));
    expect(r.attempts[1]!.dropped).to.include({ 'wrong-question': 1, malformed: 1 });
    expect(res.stats.dropped['wrong-id']).to.be.at.least(1);
  });

  it('fails the try when the answer is truncated even over TCP', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'truncate' } });
    const f = failed(await h.resolver([s], { attempts: 1 }).query(BIG, RRType.TXT));
    expect(f.code).to.equal('truncated');
    expect(f.reason).to.contain('even over TCP');
  });

  it('moves on to the next upstream when the TCP connection is closed instead of answered', async () => {
    const a = await h.server();
    const b = await h.server();
    a.addFault({ fault: { kind: 'close' }, transport: 'tcp' });
    const r = ok(await h.resolver([a, b]).query(BIG, RRType.TXT));
    expect(r.server).to.equal(b.address);
    expect(r.attempts.map((x) => `${x.transport}:${x.code}`)).to.deep.equal(['udp:retry-tcp', 'tcp:network', 'udp:retry-tcp', 'tcp:ok']);
  });

  it('opens a new connection when the server has closed the one it reused', async () => {
    const s = await h.server();
    const res = h.resolver([s], { cacheSize: 0 });
    ok(await res.query(BIG, RRType.TXT));
    s.addFault({ fault: { kind: 'close' }, transport: 'tcp', times: 1 });
    const r = ok(await res.query(BIG, RRType.TXT));
    expect(r.transport).to.equal('tcp');
    expect(s.stats.tcpConnections).to.equal(2);
  });

  it('times out a TCP try whose answer never comes', async () => {
    const s = await h.server();
    s.addFault({ fault: { kind: 'drop' }, transport: 'tcp' });
    const f = failed(await h.resolver([s], { timeoutMs: 200, attempts: 1 }).query(BIG, RRType.TXT));
    expect(f.code).to.equal('timeout');
    expect(f.reason).to.contain('no answer over TCP within 200 ms');
  });
});
