/**
 * `dane-verify/mx-connect`: a policy-first connection through mx-connect (a peer dependency;
 * tested with 2.0.0). The DANE policy and connect plan come first; mx-connect then only opens the
 * TCP connection, to the plan's validated addresses, one target after another, and the socket comes
 * back with its target: the TLS options to STARTTLS with and the `verify` to call before MAIL FROM.
 *
 * ```ts
 * import { connectWithDane } from 'dane-verify/mx-connect';
 * const { socket, target } = await connectWithDane('example.com');
 * const tls = await yourStartTls(socket, target.tlsOptions);          // required when target.requireTls
 * const v = await target.verify(tls, { destroy: true });               // before MAIL FROM
 * ```
 *
 * Why not mx-connect's own hooks (`dnsOptions.resolveRecords`, `dane.resolveTlsa`) backed by the
 * validator: they return records, not RFC 7672's decisions; a CNAME'd MX host with a mismatching
 * TLSA record at its expanded name went out without DANE, and a PKIX-only TLSA set was blocked
 * instead of taken as mandatory unauthenticated TLS (issue #14). Here mx-connect resolves nothing:
 * addresses come from the plan, its DNS hooks answer "no data", and its own DANE and MTA-STS are off.
 */
import { createRequire } from 'node:module';
import { isIP, type Socket } from 'node:net';
import { connectPlan, type ConnectPlan, type ConnectTarget } from '../dane/connect-plan.ts';
import { resolveDanePolicy, type DaneOptions } from '../dane/verify.ts';
import type { TlsRptResultType } from '../dane/tlsrpt.ts';

/** What mx-connect resolves with (the fields read here). */
interface MxConnection {
  readonly socket: Socket;
  readonly hostname?: string;
  readonly host?: string;
  readonly port?: number;
}
type MxConnectFn = (options: Record<string, unknown>) => Promise<MxConnection>;

export interface DaneMxConnectOptions extends Pick<DaneOptions, 'resolvers' | 'trustAnchors' | 'timeoutMs' | 'validator' | 'requireDane' | 'minTlsVersion' | 'signal' | 'limits' | 'cryptoPolicy' | 'budget'> {
  /** SMTP port (default 25); the TLSA records are looked up for it. */
  readonly port?: number;
  /** More mx-connect options (localAddress, localHostname, maxConnectTime, connectHook ...); target, mx, dnsOptions, dane and mtaSts are the adapter's. */
  readonly mxConnect?: Readonly<Record<string, unknown>>;
  /** The mx-connect function (default: the peer dependency `mx-connect`). */
  readonly mxConnectFn?: MxConnectFn;
}

/** A target that could not be connected to, or a host the plan left out. */
export interface ConnectAttempt {
  readonly host: string;
  readonly address: string;
  readonly reason: string;
  readonly tlsrpt?: TlsRptResultType;
}

export interface DaneMxConnection {
  /** The plain TCP socket, the server's greeting not yet read. */
  readonly socket: Socket;
  /** The target it is connected to: `tlsOptions` and `requireTls` for STARTTLS, `verify` before MAIL FROM. */
  readonly target: ConnectTarget;
  /** The whole plan: when this target fails `verify`, connect to the next (`connectWithDane` with `after`). */
  readonly plan: ConnectPlan;
  readonly attempts: readonly ConnectAttempt[];
  /** What mx-connect returned. */
  readonly connection: unknown;
}

/** No connection was made: `temporary` says whether to try again later (defer) or not (bounce). */
export class DaneConnectError extends Error {
  override readonly name = 'DaneConnectError';
  readonly code = 'ERR_DANE_CONNECT';
  constructor(message: string, readonly temporary: boolean, readonly attempts: readonly ConnectAttempt[]) {
    super(message);
  }
}

function loadMxConnect(): MxConnectFn {
  const require = createRequire(import.meta.url);
  try {
    return require('mx-connect') as MxConnectFn;
  } catch (e) {
    throw new Error(`dane-verify/mx-connect needs mx-connect (a peer dependency): npm install mx-connect (${(e as Error).message})`);
  }
}

/** mx-connect's resolver hooks when every address is given: any lookup it still tries finds nothing. */
function noData(): never {
  throw Object.assign(new Error('dane-verify/mx-connect: addresses come from the validated plan only'), { code: 'ENODATA' });
}

/**
 * Connects to the first target of the domain's connect plan that accepts a TCP connection (after
 * the target `after`, when given: the one whose `verify` failed).
 * @throws DaneConnectError when no target could be connected to, or the plan says defer or no-mail
 */
export async function connectWithDane(domain: string, options: DaneMxConnectOptions = {}, after?: { readonly plan: ConnectPlan; readonly target: ConnectTarget }): Promise<DaneMxConnection> {
  const mxConnect = options.mxConnectFn ?? loadMxConnect();
  const port = options.port ?? 25;
  const plan = after?.plan ?? connectPlan(await resolveDanePolicy(domain, { ...options, port }), {
    port, ...(options.requireDane ? { requireDane: true } : {}), ...(options.minTlsVersion ? { minTlsVersion: options.minTlsVersion } : {}),
  });
  const attempts: ConnectAttempt[] = plan.skipped.map((s) => ({ host: s.host, address: '', reason: s.reason, ...(s.tlsrpt ? { tlsrpt: s.tlsrpt } : {}) }));
  if (plan.action !== 'deliver') throw new DaneConnectError(`${domain}: ${plan.reason}`, plan.action === 'defer', attempts);
  const start = after ? plan.targets.indexOf(after.target) + 1 : 0;
  for (const t of plan.targets.slice(start)) {
    options.signal?.throwIfAborted();
    const v6 = isIP(t.address) === 6;
    try {
      const connection = await mxConnect({
        ...options.mxConnect,
        target: domain,
        port: t.port,
        mx: [{ exchange: t.host.replace(/\.$/, ''), priority: t.preference, A: v6 ? [] : [t.address], AAAA: v6 ? [t.address] : [] }],
        dnsOptions: { resolveRecords: noData, ...(v6 ? {} : { ignoreIPv6: true }) },
        dane: { enabled: false },
        mtaSts: { enabled: false },
      });
      return { socket: connection.socket, target: t, plan, attempts, connection };
    } catch (e) {
      attempts.push({ host: t.host, address: t.address, reason: `${t.host} [${t.address}]: ${(e as Error).message}` });
    }
  }
  throw new DaneConnectError(`${domain}: no target could be connected to (${attempts.map((a) => a.reason).join('; ')})`, true, attempts);
}
