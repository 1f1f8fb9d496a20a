/**
 * One SMTP client session up to a TLS handshake: TCP -> 220 greeting -> EHLO -> STARTTLS -> TLS
 * with SNI -> QUIT (RFC 5321, RFC 3207, RFC 7672 §8.1), returning the peer's certificate chain.
 *
 * Every peer behaviour is a value: the result says which step failed and why, with the full
 * transcript. STARTTLS absent or refused is a failure, never a plaintext fallback (RFC 7672
 * §2.2: with DANE or mandatory TLS, STARTTLS is required). TLS 1.2 is the default minimum.
 * Certificates are not judged here (the chain is returned for `dane/match.ts`), so node's own
 * PKIX verdict is ignored; the session trusts no CA store.
 *
 * Limitation: node:tls exposes the peer chain only as OpenSSL links it by issuer from what the
 * server sent, so `chain` is in issuance order from the leaf, and a sent certificate that issues
 * nothing on that path is not reported. With an empty CA store (`ca: []`) nothing is added that
 * the server did not send.
 */
import { publish } from '../diagnostics.ts';
import { connect as netConnect, type Socket } from 'node:net';
import type { DetailedPeerCertificate, SecureVersion, TLSSocket } from 'node:tls';
import { tlsConnect } from '../lazy-tls.ts';
import { ehloKeywords, formatReply, ReplyParser, type ReplyResult, type SmtpReply } from './reply.ts';

/** Per-step time limits in milliseconds. */
export interface SessionTimeouts {
  connect: number;
  /** Waiting for the 220 greeting (RFC 5321 §4.5.3.2.1 suggests 5 minutes for an MTA). */
  greeting: number;
  /** Waiting for the reply to EHLO or STARTTLS. */
  command: number;
  /** The TLS handshake. */
  tls: number;
  /** Waiting for the 221 after QUIT (its absence is not a failure). */
  quit: number;
}

/** Defaults: shorter than an MTA's RFC 5321 §4.5.3.2 minutes, as a verifier reports rather than queues. */
export const DEFAULT_SESSION_TIMEOUTS: Readonly<SessionTimeouts> = Object.freeze({
  connect: 30_000,
  greeting: 60_000,
  command: 60_000,
  tls: 60_000,
  quit: 5_000,
});
/** The SMTP port (RFC 5321 §4.5.4.1 / IANA). */
export const SMTP_PORT = 25;
/** At most this many certificates are taken from the peer chain. */
export const MAX_PEER_CHAIN = 16;

/** Options for {@link startTlsSession}. */
export interface StartTlsOptions {
  /** IP address (or host name) to connect to. */
  address: string;
  port?: number;
  /** SNI: the TLSA base domain (RFC 7672 §8.1). A trailing dot is removed. */
  servername: string;
  /** The name we give in EHLO; the address literal of our end of the connection when absent. */
  ehloName?: string;
  /** Lowest TLS version accepted; TLS 1.2 by default. Below 1.2 also lowers OpenSSL's security level to 0. */
  minVersion?: SecureVersion;
  /** One limit for every step (overridden per step by `timeouts`). */
  timeoutMs?: number;
  timeouts?: Partial<SessionTimeouts>;
  signal?: AbortSignal;
  /**
   * Time the whole session may take, in ms (default: no total bound beyond the per-step
   * timeouts). A peer that keeps each step just under its timeout is cut off here.
   */
  totalTimeoutMs?: number;
  /**
   * Also judge the server's certificate under the Web PKI, as MTA-STS asks (RFC 8461 §4.2): a
   * chain to `ca` (PEM; default node's CA store) and `name` in the certificate (RFC 6125). The
   * verdict is `pkix` in the result; the session does not fail for it. Only with this option is
   * a CA store loaded, and `chain` may then end with a certificate of the store; a DANE check
   * (without it) gets only what the server sent.
   */
  pkix?: { readonly name: string; readonly ca?: string | readonly string[] };
}

/** The Web PKI verdict on the server's certificate (with {@link StartTlsOptions.pkix}). */
export interface PkixVerdict {
  readonly valid: boolean;
  /** OpenSSL's or node's code when not valid (`CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID` ...). */
  readonly code?: string;
  readonly reason: string;
}

/** One line of the transcript: what the client sent, what the server replied, or an event. */
export interface TranscriptEntry {
  from: 'client' | 'server' | 'event';
  text: string;
}

/** The session step a failure happened in. */
export type SessionStep = 'connect' | 'greeting' | 'ehlo' | 'starttls' | 'tls';

/** Why a session did not reach a completed TLS handshake. */
export type SessionFailure =
  | 'connect' // TCP connection failed
  | 'timeout'
  | 'closed' // the server closed the connection early
  | 'protocol' // not SMTP, or data injected after the 220 to STARTTLS
  | 'greeting-rejected' // greeting other than 220 (e.g. 554)
  | 'starttls-not-supported' // EHLO refused, or STARTTLS not advertised
  | 'starttls-refused' // STARTTLS answered with other than 220 (e.g. 454)
  | 'tls-version' // the server offers no TLS version at or above the minimum
  | 'tls-handshake'
  | 'aborted';

/** The outcome of {@link startTlsSession}. */
export type StartTlsResult =
  | {
      ok: true;
      /** The peer's chain, DER, leaf first (see the module's limitation note). */
      chain: Uint8Array[];
      /** The server sent more than {@link MAX_PEER_CHAIN} linked certificates: `chain` holds the first ones only. */
      chainCut: boolean;
      /** e.g. `TLSv1.3`. */
      tlsVersion: string;
      /** OpenSSL cipher name, e.g. `TLS_AES_256_GCM_SHA384`. */
      cipher: string;
      /** SNI sent. */
      servername: string;
      ehloKeywords: string[];
      transcript: TranscriptEntry[];
      /** With the `pkix` option: the Web PKI verdict. */
      pkix?: PkixVerdict;
    }
  | {
      ok: false;
      failure: SessionFailure;
      step: SessionStep;
      reason: string;
      transcript: TranscriptEntry[];
    };

class StepFailure {
  constructor(
    readonly failure: SessionFailure,
    readonly reason: string,
  ) {}
}

/** Reads replies from the plain-text part of the session. */
class PlainReader {
  private readonly parser = new ReplyParser();
  private readonly queue: ReplyResult[] = [];
  private ended: string | undefined;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.queue.push(...this.parser.feed(chunk));
    this.wake?.();
  };
  private readonly onEnd = () => {
    this.ended ??= 'the server closed the connection';
    this.wake?.();
  };
  private readonly onError = (e: Error) => {
    this.ended ??= `connection error: ${e.message}`;
    this.wake?.();
  };

  constructor(
    private readonly socket: Socket,
    private readonly transcript: TranscriptEntry[],
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** True when bytes or replies arrived that nobody asked for yet. */
  get hasUnread(): boolean {
    return this.queue.length > 0 || this.parser.inProgress;
  }

  async next(timeoutMs: number, what: string): Promise<SmtpReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = this.queue.shift();
      if (r) {
        if (!r.ok) throw new StepFailure('protocol', r.reason);
        for (const line of formatReply(r.reply)) this.transcript.push({ from: 'server', text: line });
        return r.reply;
      }
      if (this.ended) throw new StepFailure('closed', `${this.ended} while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new StepFailure('timeout', `no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Stops reading: the socket is handed to TLS. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
  }
}

function send(socket: Socket, transcript: TranscriptEntry[], line: string): void {
  transcript.push({ from: 'client', text: line });
  socket.write(`${line}\r\n`);
}

const ignore = (): void => {};

function connectTcp(address: string, port: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    // Errors after this step are read from the session's own listeners; never unhandled.
    socket.on('error', ignore);
    const settle = (f: StepFailure | undefined) => {
      clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
      if (f) {
        socket.destroy();
        reject(f);
      } else resolve(socket);
    };
    const onAbort = () => settle(new StepFailure('aborted', 'aborted while connecting'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const t = setTimeout(() => settle(new StepFailure('timeout', `TCP connection to ${address}:${port} not established within ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => settle(undefined));
    socket.once('error', (e: NodeJS.ErrnoException) => settle(new StepFailure('connect', `TCP connection to ${address}:${port} failed: ${e.code ?? e.message}`)));
  });
}

const VERSION_ERROR = /UNSUPPORTED_PROTOCOL|PROTOCOL_VERSION|NO_PROTOCOLS_AVAILABLE|WRONG_SSL_VERSION/i;
/**
 * OpenSSL's words for bytes that are not a TLS record at all where the server's handshake should
 * be: plaintext sent after the 220 to STARTTLS in a later segment (an injection, or a broken
 * server). Reported as such: it was "no TLS version in common", which sent people looking at
 * protocol versions.
 */
const NOT_TLS_ERROR = /WRONG_VERSION_NUMBER|HTTP_REQUEST|UNKNOWN_PROTOCOL|PACKET_LENGTH_TOO_LONG/i;

function handshake(socket: Socket, servername: string, minVersion: SecureVersion, timeoutMs: number, pkix?: StartTlsOptions['pkix']): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const below12 = minVersion === 'TLSv1' || minVersion === 'TLSv1.1';
    const tls = tlsConnect({
      socket,
      servername,
      minVersion,
      // DANE decides trust (dane/match.ts); node's PKIX verdict is not used, and no CA store is
      // loaded so that the reported chain holds only what the server sent.
      // With `pkix` (MTA-STS), the CA store (or the given CAs) is loaded so that node gives its
      // PKIX verdict (tls.authorized); the connection is never refused for it here.
      rejectUnauthorized: false,
      ...(pkix ? (pkix.ca !== undefined ? { ca: typeof pkix.ca === 'string' ? pkix.ca : [...pkix.ca] } : {}) : { ca: [] }),
      ...(below12 ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
    });
    const t = setTimeout(() => {
      tls.destroy();
      reject(new StepFailure('timeout', `TLS handshake not complete within ${timeoutMs} ms`));
    }, timeoutMs);
    tls.on('error', ignore);
    tls.once('secureConnect', () => {
      clearTimeout(t);
      resolve(tls);
    });
    tls.once('close', () => {
      clearTimeout(t);
      reject(new StepFailure('closed', 'the connection closed during the TLS handshake'));
    });
    tls.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(t);
      tls.destroy();
      const detail = `${e.code ?? ''} ${e.message}`.trim();
      if (NOT_TLS_ERROR.test(detail)) {
        reject(new StepFailure('protocol', `the server answered the TLS handshake with data that is not TLS, e.g. plaintext after its 220 to STARTTLS (${detail})`));
      } else if (VERSION_ERROR.test(detail)) {
        reject(new StepFailure('tls-version', `no TLS version at or above ${minVersion} in common with the server (${detail})`));
      } else {
        reject(new StepFailure('tls-handshake', `TLS handshake failed: ${detail}`));
      }
    });
  });
}

/**
 * The peer chain of a TLS socket as node:tls links it by issuer from what the server sent, leaf
 * first, DER, at most {@link MAX_PEER_CHAIN} certificates. Connect with `ca: []` so that nothing
 * from a CA store is appended.
 */
export function peerCertificateChain(tls: TLSSocket): Uint8Array[] {
  return linkedPeerChain(tls).chain;
}

/** {@link peerCertificateChain}, and whether the server's chain went on past the bound. */
function linkedPeerChain(tls: TLSSocket): { chain: Uint8Array[]; cut: boolean } {
  const chain: Uint8Array[] = [];
  let c: DetailedPeerCertificate | undefined = tls.getPeerCertificate(true);
  const seen = new Set<DetailedPeerCertificate>();
  while (c && c.raw && !seen.has(c)) {
    if (chain.length === MAX_PEER_CHAIN) return { chain, cut: true };
    seen.add(c);
    chain.push(new Uint8Array(c.raw));
    c = c.issuerCertificate;
  }
  return { chain, cut: false };
}

async function quitOverTls(tls: TLSSocket, transcript: TranscriptEntry[], timeoutMs: number): Promise<void> {
  const parser = new ReplyParser();
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      tls.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      for (const r of parser.feed(chunk)) {
        if (r.ok) for (const line of formatReply(r.reply)) transcript.push({ from: 'server', text: line });
        done();
      }
    };
    const t = setTimeout(done, timeoutMs);
    tls.on('data', onData);
    tls.once('close', done);
    tls.once('error', done);
    transcript.push({ from: 'client', text: 'QUIT' });
    tls.write('QUIT\r\n');
  });
}

/**
 * Runs greeting -> EHLO -> STARTTLS -> TLS against one address and returns the peer's chain,
 * TLS version and cipher, or the step that failed and why. Never throws for peer behaviour;
 * throws `TypeError` for a missing address or servername. Every socket is closed on return.
 */
export async function startTlsSession(options: StartTlsOptions): Promise<StartTlsResult> {
  const port = options.port ?? SMTP_PORT;
  publish('smtpSessionStart', () => ({ address: options.address, port, servername: options.servername }));
  let r: StartTlsResult;
  try {
    r = await runSession(options);
  } catch (e) {
    // Only a caller's mistake (no address or servername) throws; its start still gets an end.
    publish('smtpSession', () => ({ address: options.address, port, servername: options.servername, ok: false, reason: (e as Error).message }));
    throw e;
  }
  publish('smtpSession', () => ({
    address: options.address,
    port,
    servername: options.servername,
    ok: r.ok,
    ...(r.ok ? { tlsVersion: r.tlsVersion } : { failure: r.failure, reason: r.reason }),
  }));
  return r;
}

async function runSession(options: StartTlsOptions): Promise<StartTlsResult> {
  if (!options.address) throw new TypeError('expected an address to connect to');
  if (!options.servername) throw new TypeError('expected a servername for SNI (the TLSA base domain)');
  const base = options.timeoutMs !== undefined ? { connect: options.timeoutMs, greeting: options.timeoutMs, command: options.timeoutMs, tls: options.timeoutMs, quit: Math.min(options.timeoutMs, DEFAULT_SESSION_TIMEOUTS.quit) } : DEFAULT_SESSION_TIMEOUTS;
  const timeouts: SessionTimeouts = { ...base, ...options.timeouts };
  const port = options.port ?? SMTP_PORT;
  const servername = options.servername.replace(/\.$/, '');
  const minVersion = options.minVersion ?? 'TLSv1.2';
  const transcript: TranscriptEntry[] = [];
  let step: SessionStep = 'connect';
  let socket: Socket | undefined;
  let tls: TLSSocket | undefined;
  const deadline = options.totalTimeoutMs !== undefined ? AbortSignal.timeout(options.totalTimeoutMs) : undefined;
  const signal = deadline && options.signal ? AbortSignal.any([options.signal, deadline]) : (deadline ?? options.signal);
  const onAbort = () => {
    tls?.destroy();
    socket?.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) throw new StepFailure('aborted', 'aborted before connecting');
    transcript.push({ from: 'event', text: `connect ${options.address}:${port}` });
    socket = await connectTcp(options.address, port, timeouts.connect, signal);
    const reader = new PlainReader(socket, transcript);

    step = 'greeting';
    const greeting = await reader.next(timeouts.greeting, 'greeting');
    // RFC 5321 §3.1: 554 instead of 220 means "no SMTP service here".
    if (greeting.code !== 220) throw new StepFailure('greeting-rejected', `greeting ${greeting.code} ${greeting.lines.join(' ')}`);

    step = 'ehlo';
    send(socket, transcript, `EHLO ${options.ehloName ?? addressLiteral(socket)}`);
    const ehlo = await reader.next(timeouts.command, 'reply to EHLO');
    if (ehlo.code !== 250) throw new StepFailure('starttls-not-supported', `EHLO refused with ${ehlo.code}: STARTTLS needs ESMTP (RFC 3207 §4)`);
    const keywords = ehloKeywords(ehlo);
    // RFC 7672 §2.2: with DANE, no STARTTLS means no delivery, never plaintext.
    if (!keywords.has('STARTTLS')) throw new StepFailure('starttls-not-supported', 'the server does not offer STARTTLS in its EHLO reply');

    step = 'starttls';
    send(socket, transcript, 'STARTTLS');
    const ready = await reader.next(timeouts.command, 'reply to STARTTLS');
    if (ready.code !== 220) throw new StepFailure('starttls-refused', `STARTTLS refused with ${ready.code} ${ready.lines.join(' ')}`);
    // RFC 3207 §5 / CVE-2011-0411: nothing may follow the 220 before the handshake.
    if (reader.hasUnread) throw new StepFailure('protocol', 'the server sent data after its 220 to STARTTLS, before the TLS handshake');
    reader.detach();

    step = 'tls';
    transcript.push({ from: 'event', text: `TLS handshake, SNI ${servername}, minimum ${minVersion}` });
    tls = await handshake(socket, servername, minVersion, timeouts.tls, options.pkix);
    const { chain, cut: chainCut } = linkedPeerChain(tls);
    const pkix = options.pkix ? pkixVerdict(tls, options.pkix.name) : undefined;
    const tlsVersion = tls.getProtocol() ?? 'unknown';
    const cipher = tls.getCipher().name;
    transcript.push({ from: 'event', text: `TLS established: ${tlsVersion} ${cipher}, ${chain.length} certificate(s)` });
    await quitOverTls(tls, transcript, timeouts.quit);
    return { ok: true, chain, chainCut, tlsVersion, cipher, servername, ehloKeywords: [...keywords], transcript, ...(pkix ? { pkix } : {}) };
  } catch (e) {
    if (deadline?.aborted) {
      transcript.push({ from: 'event', text: `total deadline of ${options.totalTimeoutMs} ms reached` });
      return { ok: false, failure: 'timeout', step, reason: `the session took longer than its total deadline of ${options.totalTimeoutMs} ms (during ${step})`, transcript };
    }
    if (signal?.aborted) {
      transcript.push({ from: 'event', text: 'aborted' });
      return { ok: false, failure: 'aborted', step, reason: 'the caller aborted the session', transcript };
    }
    if (!(e instanceof StepFailure)) throw e;
    transcript.push({ from: 'event', text: `${e.failure}: ${e.reason}` });
    if (socket && !socket.destroyed && step !== 'tls' && (e.failure === 'starttls-not-supported' || e.failure === 'starttls-refused' || e.failure === 'greeting-rejected')) {
      // Polite end of a plain session (RFC 5321 §3.1 after a 554 greeting, too); nothing else is sent in the clear.
      send(socket, transcript, 'QUIT');
      closeAfterFlush(socket, timeouts.quit);
      socket = undefined;
    }
    return { ok: false, failure: e.failure, step, reason: e.reason, transcript };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    tls?.destroy();
    socket?.destroy();
  }
}

/** node's PKIX verdict on a connected socket, and the name check of RFC 6125 for `name`. */
function pkixVerdict(tls: TLSSocket, name: string): PkixVerdict {
  const host = name.replace(/\.$/, '');
  if (!tls.authorized) {
    const code = String(tls.authorizationError ?? 'UNKNOWN');
    return { valid: false, code, reason: `the certificate is not valid under the Web PKI (${code})` };
  }
  const { checkServerIdentity } = process.getBuiltinModule('node:tls') as typeof import('node:tls');
  const err = checkServerIdentity(host, tls.getPeerCertificate()) as (Error & { code?: string }) | undefined;
  if (err) return { valid: false, code: err.code ?? 'ERR_TLS_CERT_ALTNAME_INVALID', reason: `the certificate does not name ${host}: ${err.message}` };
  return { valid: true, reason: `the certificate is valid under the Web PKI for ${host}` };
}

/** Half-closes after pending writes are flushed; destroys at the latest after `ms`. */
function closeAfterFlush(socket: Socket, ms: number): void {
  const t = setTimeout(() => socket.destroy(), ms);
  socket.once('close', () => clearTimeout(t));
  socket.end();
}

/** RFC 5321 §4.1.3 address literal of our end of the connection, for EHLO. */
function addressLiteral(socket: Socket): string {
  const a = socket.localAddress ?? '127.0.0.1';
  return a.includes(':') ? `[IPv6:${a}]` : `[${a}]`;
}
