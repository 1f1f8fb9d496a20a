/**
 * `dane-verify/nodemailer`: send one message to a domain with DANE enforced (RFC 7672), on
 * nodemailer's `SMTPConnection` (nodemailer is a peer dependency; tested with 10.0.10).
 *
 * ```ts
 * import { sendMailWithDane } from 'dane-verify/nodemailer';
 * const r = await sendMailWithDane({ from: 'me@example.org', to: ['you@example.com'] }, rawMessage, { name: 'mx.example.org' });
 * // r.target: where it went; r.verdict.authenticated: a TLSA record matched
 * ```
 *
 * What it does that nodemailer's own options cannot: connects to the *validated* address of each
 * target of the connect plan (never to the host name, which nodemailer would resolve again through
 * unvalidated system DNS), with STARTTLS required where the policy requires TLS, the SNI and TLS
 * options of the plan, and the DANE check on the TLS socket after STARTTLS and before MAIL FROM.
 * nodemailer's `tls.checkServerIdentity` cannot do that check: node calls it only after OpenSSL's
 * own PKIX verification passed, never for a self-signed or private-CA certificate (dane/identity.ts).
 *
 * nodemailer has no public hook between the handshake and MAIL FROM and no public accessor for the
 * socket; the TLS socket is read from its `_socket` field after `connect()`, and checked to be a
 * connected TLS socket: a nodemailer where that is not so fails loudly, it is never skipped.
 */
import type { TLSSocket } from 'node:tls';
import { createRequire } from 'node:module';
import { connectPlan, type ConnectTarget, type TargetVerdict } from '../dane/connect-plan.ts';
import { resolveDanePolicy, type DaneOptions } from '../dane/verify.ts';
import type { TlsRptResultType } from '../dane/tlsrpt.ts';
import { tlsRptForError } from '../dane/tlsrpt-errors.ts';

/** The part of nodemailer's `SMTPConnection` this adapter uses. */
interface SmtpConnectionLike {
  connect(cb: (err?: Error | null) => void): void;
  send(envelope: { from: string; to: string[] }, message: string | Buffer, cb: (err: Error | null, info: unknown) => void): void;
  quit(): void;
  close(): void;
  on(event: 'error', cb: (err: Error) => void): void;
  secure: boolean;
  _socket?: unknown;
}
type SmtpConnectionClass = new (options: Record<string, unknown>) => SmtpConnectionLike;

export interface DaneSendOptions extends Pick<DaneOptions, 'resolvers' | 'trustAnchors' | 'timeoutMs' | 'validator' | 'requireDane' | 'minTlsVersion' | 'signal' | 'limits' | 'cryptoPolicy' | 'budget'> {
  /** SMTP port (default 25); the TLSA records are looked up for it (`_<port>._tcp`). */
  readonly port?: number;
  /** The name to say in EHLO (nodemailer's `name`; default: its own, the machine's host name). */
  readonly name?: string;
  /** More `SMTPConnection` options (timeouts, logger, localAddress); host, port, TLS and SNI are the plan's. */
  readonly connection?: Readonly<Record<string, unknown>>;
  /** The `SMTPConnection` class to use (default: `nodemailer/lib/smtp-connection`, the peer dependency). */
  readonly SMTPConnection?: SmtpConnectionClass;
}

/** One target tried, and what came of it. */
export interface SendAttempt {
  readonly host: string;
  readonly address: string;
  readonly ok: boolean;
  readonly reason: string;
  readonly tlsrpt?: TlsRptResultType;
}

export interface DaneSendResult {
  /** What nodemailer's `send` reported (accepted and rejected recipients, the server's response). */
  readonly info: unknown;
  /** The target that took the message. */
  readonly target: ConnectTarget;
  readonly verdict: Extract<TargetVerdict, { ok: true }>;
  /** Every target tried, in order, the last being the one that took it. */
  readonly attempts: readonly SendAttempt[];
}

/** The message was not delivered: `temporary` says whether to try again later (defer) or give up (bounce). */
export class DaneDeliveryError extends Error {
  override readonly name = 'DaneDeliveryError';
  readonly code = 'ERR_DANE_DELIVERY';
  constructor(
    message: string,
    readonly temporary: boolean,
    readonly attempts: readonly SendAttempt[],
    /** The SMTP reply code when the server refused the message itself. */
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

function loadSmtpConnection(): SmtpConnectionClass {
  const require = createRequire(import.meta.url);
  try {
    const m = require('nodemailer/lib/smtp-connection') as SmtpConnectionClass | { default: SmtpConnectionClass };
    return typeof m === 'function' ? m : m.default;
  } catch (e) {
    throw new Error(`dane-verify/nodemailer needs nodemailer (a peer dependency): npm install nodemailer (${(e as Error).message})`);
  }
}

/** The domain all recipients share: one call delivers to one destination. */
function destinationOf(to: readonly string[]): string {
  if (to.length === 0) throw new TypeError('expected at least one recipient');
  const domains = new Set(to.map((a) => a.slice(a.lastIndexOf('@') + 1).toLowerCase()));
  if (domains.size !== 1 || to.some((a) => !a.includes('@'))) throw new TypeError(`expected recipients of one domain, got ${to.join(', ')}`);
  return [...domains][0]!;
}

function isConnectedTls(s: unknown): s is TLSSocket {
  return typeof s === 'object' && s !== null && (s as TLSSocket).encrypted === true && typeof (s as TLSSocket).getPeerCertificate === 'function';
}

/**
 * Sends `message` to the recipients' domain: the domain's DANE policy, then each target of its
 * connect plan in order until one takes the message. Resolves when a server accepted it.
 * @throws DaneDeliveryError (`temporary` true: defer; false: bounce) when it was not delivered
 * @throws TypeError for recipients of several domains or none, InvalidDomainError for a bad domain (caller misuse)
 */
export async function sendMailWithDane(envelope: { readonly from: string; readonly to: readonly string[] }, message: string | Buffer, options: DaneSendOptions = {}): Promise<DaneSendResult> {
  const domain = destinationOf(envelope.to);
  const SMTPConnection = options.SMTPConnection ?? loadSmtpConnection();
  const port = options.port ?? 25;
  const policy = await resolveDanePolicy(domain, { ...options, port });
  const plan = connectPlan(policy, { port, ...(options.requireDane ? { requireDane: true } : {}), ...(options.minTlsVersion ? { minTlsVersion: options.minTlsVersion } : {}) });
  const attempts: SendAttempt[] = plan.skipped.map((s) => ({ host: s.host, address: '', ok: false, reason: s.reason, ...(s.tlsrpt ? { tlsrpt: s.tlsrpt } : {}) }));
  if (plan.action !== 'deliver') throw new DaneDeliveryError(`${domain}: ${plan.reason}`, plan.action === 'defer', attempts);
  for (const t of plan.targets) {
    options.signal?.throwIfAborted();
    const conn = new SMTPConnection({
      ...options.connection,
      host: t.address,
      port: t.port,
      ...(options.name ? { name: options.name } : {}),
      secure: false,
      requireTLS: t.requireTls,
      opportunisticTLS: !t.requireTls,
      servername: t.servername,
      tls: { ...t.tlsOptions },
    });
    const failed = (reason: string, tlsrpt?: TlsRptResultType) => {
      attempts.push({ host: t.host, address: t.address, ok: false, reason, ...(tlsrpt ? { tlsrpt } : {}) });
      conn.close();
    };
    // SMTPConnection reports a failure while connecting (a refused STARTTLS: ETLS) as an 'error'
    // event, not through connect's callback; later errors arrive through send's callback, and a
    // stray one must not crash the MTA: one listener for all, rejecting whatever waits.
    let waiting: ((e: Error) => void) | undefined;
    conn.on('error', (e) => waiting?.(e));
    const call = <T>(start: (resolve: (v: T) => void, reject: (e: Error) => void) => void): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        waiting = reject;
        start(resolve, reject);
      }).finally(() => (waiting = undefined));
    try {
      await call<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
    } catch (e) {
      failed(`${t.host} [${t.address}]: ${(e as Error).message}`, tlsRptForError(e));
      continue;
    }
    let verdict: TargetVerdict;
    if (t.requireTls || conn.secure) {
      if (!isConnectedTls(conn._socket)) {
        conn.close();
        throw new Error(`dane-verify/nodemailer: nodemailer's SMTPConnection exposes no connected TLS socket after STARTTLS (tested with nodemailer 10.0.10); refusing to send unverified`);
      }
      verdict = await t.verify(conn._socket);
    } else {
      verdict = { ok: true, authenticated: false, reason: `${t.host}: no DANE, and the server offered no STARTTLS: plaintext, as the policy allows` };
    }
    if (!verdict.ok) {
      failed(`${t.host} [${t.address}]: ${verdict.reason}`, verdict.tlsrpt);
      continue;
    }
    try {
      const info = await call<unknown>((resolve, reject) => conn.send({ from: envelope.from, to: [...envelope.to] }, message, (err, i) => (err ? reject(err) : resolve(i))));
      attempts.push({ host: t.host, address: t.address, ok: true, reason: verdict.reason });
      conn.quit();
      return { info, target: t, verdict, attempts };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      failed(`${t.host} [${t.address}]: ${(e as Error).message}`);
      // The server refused the message itself (5xx): its verdict, not a transport failure.
      if (code !== undefined && code >= 500) throw new DaneDeliveryError(`${domain}: refused by ${t.host}: ${(e as Error).message}`, false, attempts, code);
    }
  }
  throw new DaneDeliveryError(`${domain}: no target took the message (${attempts.map((a) => a.reason).join('; ')})`, true, attempts);
}
