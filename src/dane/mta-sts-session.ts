/**
 * The connection side of MTA-STS (RFC 8461 §4.2) for the hosts it governs (mta-sts-precedence.ts):
 * STARTTLS to each validated address (at most MAX_ADDRESSES_PER_HOST, within the call's SMTP
 * session budget), and the server's certificate judged under the Web PKI for the MX host name
 * (node's CA store, or `ca`). A host the policy does not list gets no session: under `enforce`
 * it must not be used, under `testing` the mismatch is already the finding.
 *
 * Nothing here changes a DANE outcome: the sessions are reported in `hosts[].mtaSts.sessions`.
 * TLS-RPT types (RFC 8460 §4.3.1): no STARTTLS `starttls-not-supported`; a certificate expired
 * `certificate-expired`, for another name `certificate-host-mismatch`, from no trusted CA
 * `certificate-not-trusted`; a failed handshake `validation-failure`.
 */
import { startTlsSession } from '../smtp/session.ts';
import { BudgetExhausted, type CallBudget } from '../dnssec/call-budget.ts';
import { tlsRptForSessionFailure, type TlsRptResultType } from './tlsrpt.ts';
import { tlsRptForError } from './tlsrpt-errors.ts';
import type { MtaStsHostVerdict } from '../mail-policy/mta-sts-lookup.ts';
import type { HostPolicy } from './policy.ts';
import type { SecureVersion } from 'node:tls';

/** One STARTTLS session to a host MTA-STS governs. */
export interface MtaStsSession {
  readonly address: string;
  /** `valid`: TLS with a Web PKI certificate for the host; `failed`: TLS-RPT failure; `error`: not reached (temporary). */
  readonly outcome: 'valid' | 'failed' | 'error';
  readonly tlsrpt?: TlsRptResultType;
  readonly tlsVersion?: string;
  readonly reason: string;
}

/** The policy's verdict on a host, with the sessions when it governs the host and connecting was asked. */
export type MtaStsHostCheck = MtaStsHostVerdict & { readonly sessions?: readonly MtaStsSession[]; readonly addressesNotTried?: number };

export interface MtaStsSessionOptions {
  readonly port: number;
  readonly timeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly callBudget: CallBudget;
  readonly maxAddresses: number;
  readonly ca?: string | readonly string[];
  readonly minTlsVersion?: SecureVersion;
  readonly ehloName?: string;
  readonly allowAddress?: (address: string, host: string) => boolean;
}

function session(host: HostPolicy, address: string, o: MtaStsSessionOptions): Promise<MtaStsSession> {
  return o.callBudget.inSession(() => webPkiSession(host, address, o), (why): MtaStsSession => ({ address, outcome: 'error', reason: `not connected: ${why}` }));
}

async function webPkiSession(host: HostPolicy, address: string, o: MtaStsSessionOptions): Promise<MtaStsSession> {
  const name = host.host.replace(/\.$/, '');
  const s = await startTlsSession({
    address, port: o.port, servername: name, timeoutMs: o.timeoutMs, totalTimeoutMs: o.totalTimeoutMs, signal: o.callBudget.signal,
    pkix: { name, ...(o.ca !== undefined ? { ca: o.ca } : {}) },
    ...(o.minTlsVersion ? { minVersion: o.minTlsVersion } : {}), ...(o.ehloName ? { ehloName: o.ehloName } : {}),
  });
  if (!s.ok) {
    const tlsrpt = tlsRptForSessionFailure(s.failure, s.step);
    return { address, outcome: tlsrpt && s.failure !== 'timeout' ? 'failed' : 'error', ...(tlsrpt ? { tlsrpt } : {}), reason: s.reason };
  }
  const p = s.pkix!;
  if (p.valid) return { address, outcome: 'valid', tlsVersion: s.tlsVersion, reason: `STARTTLS ${s.tlsVersion}: ${p.reason}` };
  const tlsrpt = tlsRptForError({ code: p.code }) ?? 'certificate-not-trusted';
  return { address, outcome: 'failed', tlsrpt, tlsVersion: s.tlsVersion, reason: `STARTTLS ${s.tlsVersion}, but ${p.reason} (RFC 8461 §4.2)` };
}

/**
 * The sessions to a host MTA-STS governs and allows (its addresses, bounded), each judged under
 * the Web PKI. Never rejects for anything the peer does.
 */
export async function checkMtaStsHost(host: HostPolicy, verdict: MtaStsHostVerdict, o: MtaStsSessionOptions): Promise<MtaStsHostCheck> {
  if (!verdict.matches) return verdict;
  const allowed = host.addresses.filter((a) => !o.allowAddress || o.allowAddress(a, host.host));
  const capped = allowed.slice(0, o.maxAddresses);
  let granted = 0;
  let why = '';
  try {
    const r = capped.length ? o.callBudget.reserveSessions(capped.length, `${capped.length} addresses of ${host.host} (MTA-STS)`) : { granted: 0 };
    granted = r.granted;
    why = r.reason?.text ?? '';
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) throw e;
    why = e.reason.text;
  }
  const refused = host.addresses.filter((a) => !allowed.includes(a)).map((a): MtaStsSession => ({ address: a, outcome: 'error', reason: `address ${a} of ${host.host} refused by allowAddress: not connected` }));
  const sessions = [...refused, ...(await Promise.all(capped.slice(0, granted).map((a) => session(host, a, o))))];
  const notTried = allowed.length - granted;
  if (sessions.length === 0 && why) sessions.push({ address: capped[0] ?? '', outcome: 'error', reason: `not connected: ${why}` });
  return { ...verdict, sessions, ...(notTried > 0 ? { addressesNotTried: notTried } : {}) };
}
