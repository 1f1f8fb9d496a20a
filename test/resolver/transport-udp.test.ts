import { expect } from 'chai';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { udpExchange } from '../../src/resolver/transport-udp.ts';
import { parseServerAddress, type ServerAddress } from '../../src/resolver/server-address.ts';
import type { Verdict } from '../../src/resolver/transport.ts';

/** A raw UDP peer on 127.0.0.1 that hands each datagram to `onQuery`. */
async function udpPeer(onQuery: (msg: Buffer, from: RemoteInfo, sock: Socket) => void): Promise<{ server: ServerAddress; sock: Socket }> {
  const sock = createSocket('udp4');
  sock.on('message', (msg, from) => onQuery(msg, from, sock));
  sock.bind(0, '127.0.0.1');
  await once(sock, 'listening');
  return { server: parseServerAddress(`127.0.0.1:${sock.address().port}`), sock };
}

/** Accepts a datagram whose first two bytes equal the query's and whose third byte is 0xaa. */
function acceptEcho(query: Uint8Array) {
  return (b: Uint8Array): Verdict<string> => {
    if (b.length < 3) return { drop: 'malformed' };
    if (b[0] !== query[0] || b[1] !== query[1]) return { drop: 'wrong-id' };
    return b[2] === 0xaa ? { accept: 'answer' } : { drop: 'wrong-question' };
  };
}

const QUERY = Uint8Array.from([0x12, 0x34, 0x00]);

describe('resolver/transport-udp', () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const c of closers.splice(0)) c();
  });

  it('returns the answer that the caller accepts', async () => {
    const { server, sock } = await udpPeer((msg, from, s) => s.send(Buffer.from([msg[0]!, msg[1]!, 0xaa]), from.port, from.address));
    closers.push(() => sock.close());
    const out = await udpExchange({ server, query: QUERY, accept: acceptEcho(QUERY), timeoutMs: 5_000 });
    expect(out).to.deep.include({ ok: true, value: 'answer' });
  });

  it('never sees a datagram from another port (connected socket), drops and counts a wrong ID, a wrong question and a runt, then takes the answer', async () => {
    const other = createSocket('udp4');
    other.bind(0, '127.0.0.1');
    await once(other, 'listening');
    closers.push(() => other.close());
    const { server, sock } = await udpPeer((msg, from, s) => {
      // Sent in order from this socket; the spoof from the other socket is sent first of all.
      other.send(Buffer.from([msg[0]!, msg[1]!, 0xaa]), from.port, from.address, () => {
        s.send(Buffer.from([msg[0]! ^ 1, msg[1]!, 0xaa]), from.port, from.address);
        s.send(Buffer.from([msg[0]!, msg[1]!, 0x00]), from.port, from.address);
        s.send(Buffer.from([msg[0]!]), from.port, from.address);
        s.send(Buffer.from([msg[0]!, msg[1]!, 0xaa]), from.port, from.address);
      });
    });
    closers.push(() => sock.close());
    const out = await udpExchange({ server, query: QUERY, accept: acceptEcho(QUERY), timeoutMs: 5_000 });
    expect(out.ok).to.equal(true);
    expect(out.dropped).to.include({ 'wrong-source': 0, 'wrong-id': 1, 'wrong-question': 1, malformed: 1 });
  });

  it('times out when no acceptable answer arrives, reporting what it dropped', async () => {
    const { server, sock } = await udpPeer((msg, from, s) => s.send(Buffer.from([msg[0]! ^ 1, msg[1]!, 0xaa]), from.port, from.address));
    closers.push(() => sock.close());
    const out = await udpExchange({ server, query: QUERY, accept: acceptEcho(QUERY), timeoutMs: 200 });
    expect(out).to.deep.include({ ok: false, code: 'timeout' });
    expect(out.dropped['wrong-id']).to.equal(1);
  });

  it('ends with "aborted" when the signal fires, and at once when it already has', async () => {
    const { server, sock } = await udpPeer(() => {});
    closers.push(() => sock.close());
    const ac = new AbortController();
    const p = udpExchange({ server, query: QUERY, accept: acceptEcho(QUERY), timeoutMs: 60_000, signal: ac.signal });
    ac.abort(new Error('caller gave up'));
    expect(await p).to.deep.include({ ok: false, code: 'aborted', reason: 'caller gave up' });
    expect(await udpExchange({ server, query: QUERY, accept: acceptEcho(QUERY), timeoutMs: 60_000, signal: ac.signal })).to.deep.include({ ok: false, code: 'aborted' });
  });

  it('sends each exchange from a fresh ephemeral port', async () => {
    const ports: number[] = [];
    const { server, sock } = await udpPeer((msg, from, s) => {
      ports.push(from.port);
      s.send(Buffer.from([msg[0]!, msg[1]!, 0xaa]), from.port, from.address);
    });
    closers.push(() => sock.close());
    const n = 10;
    for (let i = 0; i < n; i++) {
      const out = await udpExchange({ server, query: QUERY, accept: acceptEcho(QUERY), timeoutMs: 5_000 });
      expect(out.ok).to.equal(true);
    }
    // Linux picks UDP ephemeral ports at random; a collision or two among ten is possible, ten equal ports are not.
    expect(new Set(ports).size).to.be.at.least(n - 2);
  });

  it('reports a send failure as "network"', async () => {
    const out = await udpExchange({ server: parseServerAddress('127.0.0.1:9'), query: new Uint8Array(70_000), accept: acceptEcho(QUERY), timeoutMs: 5_000 });
    expect(out).to.deep.include({ ok: false, code: 'network' });
  });
});
