/**
 * Property-based tests (fast-check) of what the resolver does with bytes from the network:
 * response matching never throws and never accepts what it should not, TCP framing survives any
 * split of the stream into reads, and the cache never holds more than its bound.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { Name } from '../../src/dns/name.ts';
import { decodeMessage, encodeMessage } from '../../src/dns/message.ts';
import { RRType, RRClass } from '../../src/dns/iana/rr-types.ts';
import { buildQuery, matchResponse } from '../../src/resolver/query.ts';
import { TtlCache } from '../../src/resolver/cache.ts';
import { TcpConnection } from '../../src/resolver/transport-tcp.ts';
import { parseServerAddress } from '../../src/resolver/server-address.ts';
import { replyTo, startDnsServer } from '../../src/testing/dns-server.ts';
import { createSocket } from 'node:dgram';

const query = buildQuery({ name: Name.parse('mx.example.'), type: RRType.TLSA, class: RRClass.IN }, { id: 0x1234, udpSize: 1232 });
const answer = encodeMessage(replyTo(query));

describe('resolver properties (fast-check)', () => {
  it('matchResponse never throws, and accepts only decodable responses with the query ID', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, withId) => {
        // Half the inputs carry the query's ID, so that the decoding and question checks are reached.
        if (withId && bytes.length >= 2) bytes.set([0x12, 0x34], 0);
        const v = matchResponse(query, bytes);
        if ('accept' in v) {
          expect(v.accept.id).to.equal(0x1234);
          expect(() => decodeMessage(bytes)).not.to.throw();
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("matchResponse accepts an answer with a byte changed only if it still has the query's ID and question", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: answer.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const b = answer.slice();
        b[at] = b[at]! ^ x;
        const v = matchResponse(query, b);
        if ('accept' in v) {
          // Whatever got through still answers exactly this question with this ID.
          expect(v.accept.id).to.equal(query.id);
          expect(v.accept.flags.qr).to.equal(true);
          const q = v.accept.questions[0];
          if (q !== undefined) {
            expect(q.name.equals(query.questions[0]!.name)).to.equal(true);
            expect([q.type, q.class]).to.deep.equal([RRType.TLSA, RRClass.IN]);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the test server survives random datagrams and still answers a real query', async () => {
    const server = await startDnsServer({ handler: (q) => replyTo(q) });
    const sock = createSocket('udp4');
    try {
      const samples = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 300 }), { numRuns: 300, seed: 42 });
      const answered = new Promise<void>((resolve) => {
        sock.on('message', (msg: Buffer) => {
          try {
            const m = decodeMessage(new Uint8Array(msg));
            if (m.id === query.id && m.rcode === 0 && m.questions[0]?.type === RRType.TLSA) resolve();
          } catch {
            // FORMERR headers for the random datagrams decode; anything else is not what we wait for
          }
        });
      });
      // One at a time, each seen by the server before the next, so no datagram is lost to a full socket buffer.
      for (const b of samples) {
        const seen = server.nextQuery();
        sock.send(b, server.port, server.host);
        await seen;
      }
      sock.send(encodeMessage(query), server.port, server.host);
      await answered;
      expect(server.errors).to.deep.equal([]);
    } finally {
      sock.close();
      await server.close();
    }
  });

  it('a TtlCache never holds more than its bound and always returns the latest value of a live key', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 100 })), { maxLength: 100 }),
        (bound, ops) => {
          const c = new TtlCache<number>(bound);
          ops.forEach(([k, ttl], i) => {
            c.set(String(k), i, ttl, 0);
            expect(c.size).to.be.at.most(bound);
            expect(c.get(String(k), 0)?.value).to.equal(i);
          });
        },
      ),
    );
  });

  it('TCP framing delivers every answer whatever the split of the stream into reads', async () => {
    let plan: number[] = [];
    const sockets = new Set<Socket>();
    const srv = createServer((sock) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
      let buf = Buffer.alloc(0);
      const ids: number[] = [];
      sock.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          ids.push(buf.readUInt16BE(2));
          buf = buf.subarray(2 + buf.readUInt16BE(0));
        }
        if (ids.length < 3) return;
        // All three answers as one stream, cut into reads at the planned points.
        const stream = Buffer.concat(
          ids.splice(0).map((id) => {
            const m = encodeMessage({ ...replyTo({ ...query, id }) });
            const f = Buffer.alloc(2 + m.length);
            f.writeUInt16BE(m.length, 0);
            f.set(m, 2);
            return f;
          }),
        );
        let at = 0;
        const writeNext = (k: number): void => {
          if (at >= stream.length) return;
          const n = Math.max(1, plan[k % plan.length]!);
          sock.write(stream.subarray(at, at + n), () => writeNext(k + 1));
          at += n;
        };
        writeNext(0);
      });
    });
    srv.listen(0, '127.0.0.1');
    await once(srv, 'listening');
    const server = parseServerAddress(`127.0.0.1:${(srv.address() as { port: number }).port}`);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 10 }), async (cuts) => {
          plan = cuts;
          const o = await TcpConnection.open(server, { timeoutMs: 5_000 });
          if (!o.ok) throw new Error(o.reason);
          try {
            const outs = await Promise.all(
              [1, 2, 3].map((id) => {
                const q = { ...query, id };
                return o.connection.exchange({ query: encodeMessage(q), accept: (b) => matchResponse(q, b), timeoutMs: 5_000 });
              }),
            );
            expect(outs.map((x) => x.ok && x.value.id)).to.deep.equal([1, 2, 3]);
          } finally {
            o.connection.close();
          }
        }),
        { numRuns: 30 },
      );
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});
