/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766), and over TLS (RFC 7858 §3.3: the same framing inside
 * a TLS session, the server authenticated by name, RFC 8310 §8.1): each message framed by a 2-octet length, several
 * queries in flight on one connection (RFC 7766 §6.2.1.1), answers matched by message ID and
 * then by the caller's `accept`, in whatever order they arrive (RFC 7766 §7).
 *
 * A connection closes itself after {@link TCP_IDLE_TIMEOUT_MS} without outstanding queries
 * (RFC 7766 §6.2.3) and never keeps the process alive while idle. A server that closes the
 * connection fails the queries still waiting on it with a `network` outcome.
 */
import { connect, type Socket } from 'node:net';
import type { SecureVersion } from 'node:tls';
import { tlsConnect } from '../lazy-tls.ts';
import { MAX_TCP_MESSAGE_BYTES, MAX_TCP_PENDING, TCP_IDLE_TIMEOUT_MS } from './defaults.ts';
import type { ServerAddress } from './server-address.ts';
import {
  abortReason,
  noDrops,
  type Acceptor,
  type DropCounts,
  type DropReason,
  type ExchangeFailureCode,
  type ExchangeOutcome,
} from './transport.ts';

interface Pending {
  readonly accept: Acceptor<unknown>;
  readonly dropped: DropCounts;
  readonly finish: (outcome: ExchangeOutcome<unknown>) => void;
}

/** TLS for a DNS-over-TLS connection (RFC 7858). */
export interface DotOptions {
  /** The name the server's certificate must be valid for; also sent as SNI. */
  readonly servername: string;
  /** CA certificates (PEM) to trust instead of the system's, e.g. a private CA in tests. */
  readonly ca?: string | readonly string[] | undefined;
}

/** TLS 1.2 is the oldest version RFC 8310 §9 / RFC 9325 allow. */
const MIN_TLS_VERSION: SecureVersion = 'TLSv1.2';
/** ALPN identifier of DNS over TLS (IANA TLS ALPN registry). */
const DOT_ALPN = 'dot';

/** Outcome of opening a connection. */
export type TcpOpenOutcome =
  | { readonly ok: true; readonly connection: TcpConnection }
  | { readonly ok: false; readonly code: ExchangeFailureCode; readonly reason: string };

/** One TCP (or TLS) connection to one upstream, carrying any number of framed queries. */
export class TcpConnection {
  readonly server: ServerAddress;
  /** Frames that matched no outstanding query (unknown or already answered ID), or were too short to hold an ID. */
  readonly unmatched: DropCounts = noDrops();
  private readonly socket: Socket;
  private readonly pending = new Map<number, Pending>();
  private buffer: Buffer = Buffer.alloc(0);
  private idleTimer: NodeJS.Timeout | undefined;
  private isClosed = false;
  private closeReason = 'connection closed';

  private readonly onUnmatched: ((reason: DropReason) => void) | undefined;
  /** `TCP` or `TLS`, for reasons. */
  private readonly what: string;

  private constructor(server: ServerAddress, socket: Socket, onUnmatched: ((reason: DropReason) => void) | undefined) {
    this.server = server;
    this.onUnmatched = onUnmatched;
    this.socket = socket;
    this.what = server.protocol === 'tls' ? 'TLS' : 'TCP';
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.teardown(`${this.what} to ${server.text}: ${e.message}`));
    socket.on('end', () => this.teardown(`${this.what} connection closed by ${server.text}`));
    socket.on('close', () => this.teardown(`${this.what} connection to ${server.text} closed`));
    this.armIdle();
  }

  /**
   * Opens a connection within `timeoutMs`, over TLS when `opts.tls` is given (the handshake,
   * certificate and name checks included in the time). Never throws: failures are outcomes.
   * @param opts.onUnmatched told of each frame that matches no outstanding query
   */
  static open(
    server: ServerAddress,
    opts: { timeoutMs: number; signal?: AbortSignal | undefined; onUnmatched?: (reason: DropReason) => void; tls?: DotOptions | undefined },
  ): Promise<TcpOpenOutcome> {
    const { timeoutMs, signal, tls } = opts;
    if (signal?.aborted) return Promise.resolve({ ok: false, code: 'aborted', reason: abortReason(signal) });
    const what = tls ? 'TLS' : 'TCP';
    return new Promise((resolve) => {
      let settled = false;
      const socket: Socket = tls
        ? tlsConnect({
            host: server.host,
            port: server.port,
            // Node checks the certificate against `servername` (RFC 6125) and rejects on any failure.
            servername: tls.servername.replace(/\.$/, ''),
            ...(tls.ca !== undefined ? { ca: typeof tls.ca === 'string' ? tls.ca : [...tls.ca] } : {}),
            rejectUnauthorized: true,
            minVersion: MIN_TLS_VERSION,
            ALPNProtocols: [DOT_ALPN],
          })
        : connect({ host: server.host, port: server.port, family: server.family });
      const settle = (outcome: TcpOpenOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.removeListener('error', onError);
        socket.removeListener('connect', onConnect);
        socket.removeListener('secureConnect', onConnect);
        if (!outcome.ok) {
          socket.on('error', () => {});
          socket.destroy();
        }
        resolve(outcome);
      };
      const onAbort = (): void => settle({ ok: false, code: 'aborted', reason: abortReason(signal!) });
      const onError = (e: Error): void => settle({ ok: false, code: 'network', reason: `${what} connect to ${server.text}: ${e.message}` });
      const onConnect = (): void => settle({ ok: true, connection: new TcpConnection(server, socket, opts.onUnmatched) });
      const timer = setTimeout(
        () => settle({ ok: false, code: 'timeout', reason: `${what} connect to ${server.text} took over ${timeoutMs} ms` }),
        timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', onError);
      socket.once(tls ? 'secureConnect' : 'connect', onConnect);
    });
  }

  /** True once the connection can carry no more queries. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Queries sent and not yet answered, timed out or aborted. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** True when a query with this ID is outstanding (IDs must be unique per connection, RFC 7766 §7). */
  hasPending(id: number): boolean {
    return this.pending.has(id);
  }

  /** True when another query may be sent now. */
  get hasRoom(): boolean {
    return !this.isClosed && this.pending.size < MAX_TCP_PENDING;
  }

  /**
   * Sends one query and waits for the frame with its ID that `accept` accepts; other frames with
   * that ID are dropped and counted on this exchange. Never throws.
   * @throws RangeError when the query is shorter than a header or longer than a TCP frame (caller misuse)
   */
  exchange<T>(opts: { query: Uint8Array; accept: Acceptor<T>; timeoutMs: number; signal?: AbortSignal | undefined }): Promise<ExchangeOutcome<T>> {
    const { query, accept, timeoutMs, signal } = opts;
    if (query.length < 12 || query.length > MAX_TCP_MESSAGE_BYTES) {
      throw new RangeError(`expected a DNS message of 12..${MAX_TCP_MESSAGE_BYTES} octets, got length=${query.length}`);
    }
    const id = (query[0]! << 8) | query[1]!;
    const dropped = noDrops();
    if (signal?.aborted) return Promise.resolve({ ok: false, code: 'aborted', reason: abortReason(signal), dropped });
    if (this.isClosed) return Promise.resolve({ ok: false, code: 'network', reason: this.closeReason, dropped });
    if (this.pending.has(id)) throw new RangeError(`query ID ${id} is already outstanding on this connection`);
    if (this.pending.size >= MAX_TCP_PENDING) {
      return Promise.resolve({ ok: false, code: 'network', reason: `${MAX_TCP_PENDING} queries already outstanding on one ${this.what} connection`, dropped });
    }

    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome: ExchangeOutcome<unknown>): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
        if (this.pending.size === 0) this.armIdle();
        resolve(outcome as ExchangeOutcome<T>);
      };
      const onAbort = (): void => finish({ ok: false, code: 'aborted', reason: abortReason(signal!), dropped });
      const timer = setTimeout(
        () => finish({ ok: false, code: 'timeout', reason: `no answer over ${this.what} within ${timeoutMs} ms`, dropped }),
        timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { accept, dropped, finish });
      this.disarmIdle();
      const frame = Buffer.allocUnsafe(2 + query.length);
      frame.writeUInt16BE(query.length, 0);
      frame.set(query, 2);
      this.socket.write(frame);
    });
  }

  /** Closes the connection; queries still waiting fail with a `network` outcome. Idempotent. */
  close(): void {
    this.teardown('connection closed by the resolver');
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (!this.isClosed && this.buffer.length >= 2) {
      const len = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + len) break;
      const frame = new Uint8Array(this.buffer.subarray(2, 2 + len));
      this.buffer = this.buffer.subarray(2 + len);
      this.onFrame(frame);
    }
  }

  private onFrame(frame: Uint8Array): void {
    const p = frame.length < 2 ? undefined : this.pending.get((frame[0]! << 8) | frame[1]!);
    if (p === undefined) {
      const reason: DropReason = frame.length < 2 ? 'malformed' : 'wrong-id';
      this.unmatched[reason]++;
      this.onUnmatched?.(reason);
      return;
    }
    const verdict = p.accept(frame);
    if ('drop' in verdict) {
      p.dropped[verdict.drop]++;
      return;
    }
    p.finish({ ok: true, value: verdict.accept, dropped: p.dropped });
  }

  private armIdle(): void {
    this.disarmIdle();
    if (this.isClosed) return;
    this.idleTimer = setTimeout(() => this.teardown(`idle ${this.what} connection closed`), TCP_IDLE_TIMEOUT_MS);
    this.idleTimer.unref();
    // An idle connection must not keep the process alive.
    this.socket.unref();
  }

  private disarmIdle(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.isClosed) this.socket.ref();
  }

  private teardown(reason: string): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.closeReason = reason;
    this.disarmIdle();
    this.socket.removeAllListeners('data');
    this.socket.on('error', () => {});
    this.socket.destroy();
    for (const p of [...this.pending.values()]) {
      p.finish({ ok: false, code: 'network', reason, dropped: p.dropped });
    }
  }
}
