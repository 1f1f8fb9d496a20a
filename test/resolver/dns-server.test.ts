import { expect } from 'chai';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Name } from '../../src/dns/name.ts';
import { createQuery, decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { startDnsServer, replyTo, type DnsServer, type QueryInfo } from '../../src/testing/dns-server.ts';
import { toyHandler } from './fixtures.ts';
import { createTestChain } from '../../src/testing/certs.ts';

/** Sends raw bytes over UDP and resolves with the first datagram back. */
async function udpRaw(server: DnsServer, bytes: Uint8Array): Promise<Uint8Array> {
  const s = createSocket('udp4');
  try {
    s.send(bytes, server.port, server.host);
    const [msg] = (await once(s, 'message')) as [Buffer];
    return new Uint8Array(msg);
  } finally {
    s.close();
  }
}

async function udpAsk(server: DnsServer, query: Message): Promise<Message> {
  return decodeMessage(await udpRaw(server, encodeMessage(query)));
}

/** Sends queries on one TCP connection and resolves with the first `n` answers in arrival order. */
async function tcpAsk(server: DnsServer, queries: Message[], n = queries.length): Promise<Message[]> {
  const sock = connect({ host: server.host, port: server.port });
  await once(sock, 'connect');
  const out: Message[] = [];
  try {
    for (const q of queries) {
      const b = encodeMessage(q);
      const f = Buffer.alloc(2 + b.length);
      f.writeUInt16BE(b.length, 0);
      f.set(b, 2);
      sock.write(f);
    }
    let buf = Buffer.alloc(0);
    while (out.length < n) {
      const [chunk] = (await once(sock, 'data')) as [Buffer];
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        out.push(decodeMessage(new Uint8Array(buf.subarray(2, 2 + buf.readUInt16BE(0)))));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
    }
    return out;
  } finally {
    sock.destroy();
  }
}

const q = (name: string, type: number, extra: Partial<Parameters<typeof createQuery>[0]> = {}): Message =>
  createQuery({ id: 0x4242, name: Name.parse(name), type, cd: true, ...extra });

describe('testing/dns-server', () => {
  let server: DnsServer;
  const seen: QueryInfo[] = [];
  beforeEach(async () => {
    seen.length = 0;
    server = await startDnsServer({
      handler: (query, info) => {
        seen.push(info);
        return toyHandler(query);
      },
    });
  });
  afterEach(() => server.close());

  it('listens for UDP and TCP on one loopback port and tells the handler the transport', async () => {
    expect(server.address).to.equal(`127.0.0.1:${server.port}`);
    const u = await udpAsk(server, q('a.example.', RRType.A));
    const [t] = await tcpAsk(server, [q('a.example.', RRType.A)]);
    for (const m of [u, t!]) {
      expect(m.id).to.equal(0x4242);
      expect(m.flags).to.include({ qr: true, rd: true, ra: true, cd: true, tc: false });
      expect(m.answers.map((rr) => rr.type)).to.deep.equal([RRType.A, RRType.RRSIG]);
      expect(m.edns).to.include({ dnssecOk: true });
    }
    expect(seen.map((i) => i.transport)).to.deep.equal(['udp', 'tcp']);
    expect(server.stats).to.deep.equal({ udp: 1, tcp: 1, tls: 0, tcpConnections: 1, tlsConnections: 0 });
    expect(server.log[0]!.message!.questions[0]!.name.toString()).to.equal('a.example.');
  });

  it('truncates a UDP answer larger than the advertised EDNS size: TC=1, sections emptied, OPT kept', async () => {
    const m = await udpAsk(server, q('big.example.', RRType.TXT));
    expect(m.flags.tc).to.equal(true);
    expect([m.answers.length, m.authorities.length, m.additionals.length]).to.deep.equal([0, 0, 0]);
    expect(m.edns).to.not.equal(undefined);
    const [t] = await tcpAsk(server, [q('big.example.', RRType.TXT)]);
    expect(t!.flags.tc).to.equal(false);
    expect(t!.answers).to.have.length(25);
  });

  it('holds a UDP answer to 512 octets without EDNS and to the advertised size with it', async () => {
    const noEdns = await udpAsk(server, q('mid.example.', RRType.TXT, { edns: false }));
    expect(noEdns.flags.tc).to.equal(true);
    const small = await udpAsk(server, q('mid.example.', RRType.TXT, { edns: { udpSize: 512 } }));
    expect(small.flags.tc).to.equal(true);
    const ok = await udpAsk(server, q('mid.example.', RRType.TXT, { edns: { udpSize: 1232 } }));
    expect(ok.flags.tc).to.equal(false);
    expect(ok.answers).to.have.length(7);
  });

  it('answers FORMERR to a query that does not decode but has a header', async () => {
    const bad = encodeMessage(q('a.example.', RRType.A)).slice(0, 20);
    const m = decodeMessage(await udpRaw(server, bad));
    expect(m).to.include({ id: 0x4242, rcode: Rcode.FORMERR });
    expect(m.flags.qr).to.equal(true);
    expect(server.log[0]!.message).to.equal(undefined);
  });

  it('answers SERVFAIL when the handler throws', async () => {
    await server.close();
    server = await startDnsServer({
      handler: () => {
        throw new Error('handler bug');
      },
    });
    expect((await udpAsk(server, q('a.example.', RRType.A))).rcode).to.equal(Rcode.SERVFAIL);
    expect(server.errors.map((e) => e.message)).to.deep.equal(['handler bug']);
  });

  it('answers pipelined TCP queries as they complete, a delayed one after a later one', async () => {
    server.addFault({ fault: { kind: 'delay', ms: 100 }, match: (m) => m.questions[0]!.name.key() === 'a.example.' });
    const [first, second] = await tcpAsk(server, [q('a.example.', RRType.A, { id: 1 }), q('unsigned.example.', RRType.A, { id: 2 })]);
    expect([first!.id, second!.id]).to.deep.equal([2, 1]);
    expect(server.stats.tcpConnections).to.equal(1);
  });

  it('trickles a TCP answer one octet per interval; UDP answers are not slowed; close() stops the trickle', async () => {
    server.addFault({ fault: { kind: 'trickle', intervalMs: 20 } });
    const udpStart = performance.now();
    expect((await udpAsk(server, q('a.example.', RRType.A))).rcode).to.equal(Rcode.NOERROR);
    expect(performance.now() - udpStart).to.be.below(1_000);
    const sock = connect({ host: server.host, port: server.port });
    await once(sock, 'connect');
    const b = encodeMessage(q('a.example.', RRType.A));
    const f = Buffer.alloc(2 + b.length);
    f.writeUInt16BE(b.length, 0);
    f.set(b, 2);
    sock.write(f);
    const chunks: Buffer[] = [];
    sock.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((r) => setTimeout(r, 200));
    // One octet per write, so about one per interval has arrived: far from the whole answer.
    const got = Buffer.concat(chunks).length;
    expect(got).to.be.at.least(2).and.below(20);
    expect(chunks.every((c) => c.length <= 2)).to.equal(true);
    const closed = performance.now();
    await server.close();
    expect(performance.now() - closed).to.be.below(1_000);
    sock.destroy();
  });

  it('applies a fault only on its transport, to matching queries, as many times as told', async () => {
    server.addFault({ fault: { kind: 'servfail' }, transport: 'udp', times: 1, match: (m) => m.questions[0]!.type === RRType.A });
    expect((await udpAsk(server, q('a.example.', RRType.TXT))).rcode).to.equal(Rcode.NXDOMAIN);
    expect((await tcpAsk(server, [q('a.example.', RRType.A)]))[0]!.rcode).to.equal(Rcode.NOERROR);
    expect((await udpAsk(server, q('a.example.', RRType.A))).rcode).to.equal(Rcode.SERVFAIL);
    expect((await udpAsk(server, q('a.example.', RRType.A))).rcode).to.equal(Rcode.NOERROR);
    server.addFault({ fault: { kind: 'rcode', rcode: Rcode.REFUSED } });
    expect((await udpAsk(server, q('a.example.', RRType.A))).rcode).to.equal(Rcode.REFUSED);
    server.clearFaults();
    expect((await udpAsk(server, q('a.example.', RRType.A))).rcode).to.equal(Rcode.NOERROR);
  });

  it('strips DNSSEC records, the OPT record or the DO bit on request', async () => {
    server.addFault({ fault: { kind: 'strip-dnssec' }, times: 1 });
    const s = await udpAsk(server, q('nx.example.', RRType.A));
    expect(s.authorities.map((rr) => rr.type)).to.deep.equal([RRType.SOA]);
    expect(s.edns?.dnssecOk).to.equal(false);
    server.addFault({ fault: { kind: 'strip-rrsig' }, times: 1 });
    const r = await udpAsk(server, q('nx.example.', RRType.A));
    expect(r.authorities.map((rr) => rr.type)).to.deep.equal([RRType.SOA, RRType.NSEC]);
    expect(r.edns?.dnssecOk).to.equal(true);
    server.addFault({ fault: { kind: 'strip-opt' }, times: 1 });
    expect((await udpAsk(server, q('a.example.', RRType.A))).edns).to.equal(undefined);
    server.addFault({ fault: { kind: 'clear-do' }, times: 1 });
    const c = await udpAsk(server, q('a.example.', RRType.A));
    expect(c.edns?.dnssecOk).to.equal(false);
    expect(c.answers).to.have.length(2);
  });

  it('sends a copy with another ID, or undecodable bytes with the right ID, before the answer', async () => {
    server.addFault({ fault: { kind: 'wrong-id', alone: true }, times: 1 });
    expect((await udpAsk(server, q('a.example.', RRType.A))).id).to.not.equal(0x4242);
    server.addFault({ fault: { kind: 'wrong-question', alone: true }, times: 1 });
    expect((await udpAsk(server, q('a.example.', RRType.A))).questions[0]!.name.toString()).to.equal('wrong.a.example.');
    server.addFault({ fault: { kind: 'garbage', alone: true }, times: 1 });
    const g = await udpRaw(server, encodeMessage(q('a.example.', RRType.A)));
    expect([g[0], g[1]]).to.deep.equal([0x42, 0x42]);
    expect(() => decodeMessage(g)).to.throw();
  });

  it('closes while a client holds a TCP connection and another sits in a TLS handshake', async () => {
    const chain = createTestChain({ leafCN: 'dns.test', leafDnsNames: ['dns.test'] });
    const tlsServer = await startDnsServer({ handler: toyHandler, tls: { cert: chain.leaf.pem, key: chain.leaf.keyPem } });
    const idle = connect({ host: tlsServer.host, port: tlsServer.port });
    const stuck = connect({ host: tlsServer.host, port: tlsServer.tlsPort! });
    await Promise.all([once(idle, 'connect'), once(stuck, 'connect')]);
    const closedByServer = Promise.all([once(idle, 'close'), once(stuck, 'close')]);
    await tlsServer.close();
    await closedByServer;
  });

    it('builds replies that echo ID, question, RD, CD and DO', () => {
    const query = q('a.example.', RRType.A, { edns: { dnssecOk: false } });
    const r = replyTo(query, { rcode: Rcode.NXDOMAIN });
    expect(r).to.include({ id: 0x4242, rcode: Rcode.NXDOMAIN });
    expect(r.flags).to.include({ qr: true, rd: true, cd: true });
    expect(r.edns).to.include({ dnssecOk: false });
    expect(replyTo(q('a.example.', RRType.A, { edns: false })).edns).to.equal(undefined);
  });
});
