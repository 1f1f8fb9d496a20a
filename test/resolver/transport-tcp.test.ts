import { expect } from 'chai';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { TcpConnection } from '../../src/resolver/transport-tcp.ts';
import { parseServerAddress, type ServerAddress } from '../../src/resolver/server-address.ts';
import type { Verdict } from '../../src/resolver/transport.ts';

/** A raw TCP peer on 127.0.0.1 that hands each framed message to `onFrame`. */
async function tcpPeer(onFrame: (frame: Buffer, sock: Socket) => void): Promise<{ server: ServerAddress; srv: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const srv = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const len = buf.readUInt16BE(0);
        onFrame(buf.subarray(2, 2 + len), sock);
        buf = buf.subarray(2 + len);
      }
    });
  });
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  return { server: parseServerAddress(`127.0.0.1:${port}`), srv, sockets };
}

function frame(bytes: number[]): Buffer {
  const b = Buffer.alloc(2 + bytes.length);
  b.writeUInt16BE(bytes.length, 0);
  b.set(bytes, 2);
  return b;
}

/** A 12-byte "query" with the given ID. */
function query(id: number): Uint8Array {
  const q = new Uint8Array(12);
  q[0] = id >> 8;
  q[1] = id & 0xff;
  return q;
}

const acceptMarked = (b: Uint8Array): Verdict<number> => (b[2] === 0xaa ? { accept: (b[0]! << 8) | b[1]! } : { drop: 'wrong-question' });

async function open(server: ServerAddress): Promise<TcpConnection> {
  const o = await TcpConnection.open(server, { timeoutMs: 5_000 });
  if (!o.ok) throw new Error(o.reason);
  return o.connection;
}

describe('resolver/transport-tcp', () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const c of closers.splice(0)) c();
  });
  function track(p: { srv: Server; sockets: Set<Socket> }): void {
    closers.push(() => {
      for (const s of p.sockets) s.destroy();
      p.srv.close();
    });
  }

  it('carries several queries on one connection and matches answers that arrive out of order', async () => {
    const held: Buffer[] = [];
    const peer = await tcpPeer((f, sock) => {
      held.push(Buffer.from(f));
      if (held.length === 3) for (const h of held.reverse()) sock.write(frame([h[0]!, h[1]!, 0xaa]));
    });
    track(peer);
    const conn = await open(peer.server);
    closers.push(() => conn.close());
    const outs = await Promise.all([1, 2, 3].map((id) => conn.exchange({ query: query(id), accept: acceptMarked, timeoutMs: 5_000 })));
    expect(outs.map((o) => (o.ok ? o.value : -1))).to.deep.equal([1, 2, 3]);
    expect(peer.sockets.size).to.equal(1);
    expect(conn.pendingCount).to.equal(0);
  });

  it('reassembles frames split across reads and joined in one read', async () => {
    const peer = await tcpPeer((f, sock) => {
      const whole = Buffer.concat([frame([f[0]!, f[1]!, 0x00]), frame([f[0]!, f[1]!, 0xaa])]);
      // One byte at a time: the length prefix itself is split.
      for (const b of whole) sock.write(Buffer.from([b]));
    });
    track(peer);
    const conn = await open(peer.server);
    closers.push(() => conn.close());
    const out = await conn.exchange({ query: query(7), accept: acceptMarked, timeoutMs: 5_000 });
    expect(out).to.deep.include({ ok: true, value: 7 });
    expect(out.dropped['wrong-question']).to.equal(1);
  });

  it('counts a frame for an ID nobody asked for and keeps waiting for the real one', async () => {
    const peer = await tcpPeer((f, sock) => {
      sock.write(frame([f[0]!, f[1]! ^ 0xff, 0xaa]));
      sock.write(frame([0x01]));
      sock.write(frame([f[0]!, f[1]!, 0xaa]));
    });
    track(peer);
    const conn = await open(peer.server);
    closers.push(() => conn.close());
    const out = await conn.exchange({ query: query(0x0102), accept: acceptMarked, timeoutMs: 5_000 });
    expect(out.ok).to.equal(true);
    expect(conn.unmatched).to.include({ 'wrong-id': 1, malformed: 1 });
  });

  it('fails waiting queries with "network" when the server closes the connection', async () => {
    const peer = await tcpPeer((_f, sock) => sock.end());
    track(peer);
    const conn = await open(peer.server);
    const out = await conn.exchange({ query: query(1), accept: acceptMarked, timeoutMs: 5_000 });
    expect(out).to.deep.include({ ok: false, code: 'network' });
    expect(conn.closed).to.equal(true);
    expect(await conn.exchange({ query: query(2), accept: acceptMarked, timeoutMs: 5_000 })).to.deep.include({ ok: false, code: 'network' });
  });

  it('times out a query that gets no answer and lets the connection carry the next', async () => {
    let n = 0;
    const peer = await tcpPeer((f, sock) => {
      if (n++ > 0) sock.write(frame([f[0]!, f[1]!, 0xaa]));
    });
    track(peer);
    const conn = await open(peer.server);
    closers.push(() => conn.close());
    expect(await conn.exchange({ query: query(1), accept: acceptMarked, timeoutMs: 200 })).to.deep.include({ ok: false, code: 'timeout' });
    expect(await conn.exchange({ query: query(2), accept: acceptMarked, timeoutMs: 5_000 })).to.deep.include({ ok: true, value: 2 });
  });

  it('ends a query with "aborted" when its signal fires, leaving the others', async () => {
    const peer = await tcpPeer(() => {});
    track(peer);
    const conn = await open(peer.server);
    closers.push(() => conn.close());
    const ac = new AbortController();
    const p = conn.exchange({ query: query(1), accept: acceptMarked, timeoutMs: 60_000, signal: ac.signal });
    const other = conn.exchange({ query: query(2), accept: acceptMarked, timeoutMs: 60_000 });
    ac.abort();
    expect(await p).to.deep.include({ ok: false, code: 'aborted' });
    expect(conn.pendingCount).to.equal(1);
    conn.close();
    expect(await other).to.deep.include({ ok: false, code: 'network' });
  });

  it('reports a refused connection as "network"', async () => {
    const peer = await tcpPeer(() => {});
    const { server } = peer;
    await new Promise<void>((r) => peer.srv.close(() => r()));
    const o = await TcpConnection.open(server, { timeoutMs: 5_000 });
    expect(o).to.deep.include({ ok: false, code: 'network' });
  });

  it('rejects a query ID already outstanding and a message too short to be DNS (caller misuse)', async () => {
    const peer = await tcpPeer(() => {});
    track(peer);
    const conn = await open(peer.server);
    closers.push(() => conn.close());
    void conn.exchange({ query: query(5), accept: acceptMarked, timeoutMs: 60_000 });
    expect(conn.hasPending(5)).to.equal(true);
    expect(() => conn.exchange({ query: query(5), accept: acceptMarked, timeoutMs: 1 })).to.throw(RangeError);
    expect(() => conn.exchange({ query: new Uint8Array(3), accept: acceptMarked, timeoutMs: 1 })).to.throw(RangeError);
  });
});
