/**
 * One DNS exchange over UDP (RFC 1035 §4.2.1).
 *
 * Each exchange opens its own socket, so each query leaves from a fresh ephemeral port that the
 * operating system picks at random (RFC 5452 §4.5: source port randomisation), and closes it when
 * the exchange ends, however it ends. The socket is `connect()`ed to the server, as Unbound does by
 * default (`udp-connect: yes`): the kernel then discards datagrams from any other address or port
 * (RFC 5452 §9.1; the check below stays as a second line), and reports an ICMP port unreachable as
 * ECONNREFUSED, so a server that is not listening fails this try at once instead of after the whole
 * timeout (`--resolver 127.0.0.1:1` took 20 s). The caller's `accept` checks ID and question
 * (RFC 5452 §4.1-4.3).
 */
import { createSocket, type Socket } from 'node:dgram';
import { SocketAddress } from 'node:net';
import {
  abortReason,
  noDrops,
  type ExchangeOptions,
  type ExchangeOutcome,
} from './transport.ts';

function normalise(address: string, family: 4 | 6): string {
  try {
    return new SocketAddress({ address, family: family === 6 ? 'ipv6' : 'ipv4' }).address.toLowerCase();
  } catch {
    return address.toLowerCase();
  }
}

/**
 * Sends `query` to `server` over UDP and waits for a datagram that comes from exactly the server's
 * address and port and that `accept` accepts; every other datagram is dropped and counted.
 * Never throws: failures are outcomes (`timeout`, `network`, `aborted`).
 */
export function udpExchange<T>(opts: ExchangeOptions<T>): Promise<ExchangeOutcome<T>> {
  const { server, query, accept, timeoutMs, signal } = opts;
  const dropped = noDrops();
  if (signal?.aborted) return Promise.resolve({ ok: false, code: 'aborted', reason: abortReason(signal), dropped });
  const expectedHost = normalise(server.host, server.family);

  return new Promise((resolve) => {
    let socket: Socket | undefined;
    let timer: NodeJS.Timeout | undefined;
    let done = false;

    const finish = (outcome: ExchangeOutcome<T>): void => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (socket !== undefined) {
        socket.removeAllListeners('message');
        // An error after close (rare, e.g. a late ICMP report) must not become an uncaught 'error'.
        socket.on('error', () => {});
        try {
          socket.close();
        } catch {
          // already closed
        }
      }
      resolve(outcome);
    };
    const onAbort = (): void => finish({ ok: false, code: 'aborted', reason: abortReason(signal!), dropped });

    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(
      () => finish({ ok: false, code: 'timeout', reason: `no answer over UDP within ${timeoutMs} ms`, dropped }),
      timeoutMs,
    );

    try {
      socket = createSocket({ type: server.family === 6 ? 'udp6' : 'udp4' });
    } catch (e) {
      finish({ ok: false, code: 'network', reason: `cannot open a UDP socket: ${(e as Error).message}`, dropped });
      return;
    }
    socket.on('error', (e) => {
      const refused = (e as NodeJS.ErrnoException).code === 'ECONNREFUSED';
      finish({ ok: false, code: 'network', reason: refused ? `${server.text} refused the query (port unreachable)` : `UDP: ${e.message}`, dropped });
    });
    socket.on('message', (msg, rinfo) => {
      if (done) return;
      // RFC 5452 §9.1: only the address and port the query went to may answer it.
      if (rinfo.port !== server.port || normalise(rinfo.address, server.family) !== expectedHost) {
        dropped['wrong-source']++;
        return;
      }
      const verdict = accept(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
      if ('drop' in verdict) {
        dropped[verdict.drop]++;
        return;
      }
      finish({ ok: true, value: verdict.accept, dropped });
    });
    // connect() binds the new socket to port 0 first: the OS picks a random ephemeral port for this query alone.
    const s = socket;
    s.connect(server.port, server.host, () => {
      if (done) return;
      s.send(query, (err) => {
        if (err) finish({ ok: false, code: 'network', reason: `UDP send to ${server.text}: ${err.message}`, dropped });
      });
    });
  });
}
