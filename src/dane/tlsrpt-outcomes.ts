/**
 * TLS-RPT attempts (mail-policy/tlsrpt-report.ts) from what this library already says about a
 * delivery: a `verifyDane` result, or a connect plan's target with its `verify` verdict (an MTA
 * that owns its sockets). Which policy an attempt is reported under follows RFC 8461 §2 as
 * mta-sts-precedence.ts decides it: `tlsa` (with the host's TLSA records) where DANE governs,
 * `sts` (the policy's lines and mx patterns) where MTA-STS does, `no-policy-found` elsewhere.
 *
 * What counts as a session (RFC 8460 §4.4 counts TLS sessions): an address that got a TLS
 * session (authenticated, or unauthenticated under mandatory TLS) is a success; a failure with a
 * result type is a failure; an address never reached (no TCP, a timeout before STARTTLS) has no
 * result type and is not reported. Hosts MTA-STS governs count by the sessions of the MTA-STS check
 * (a Web PKI certificate for the host: success). A host that DNSSEC made unusable is one failure
 * (`dnssec-invalid`) without an address; an MTA-STS policy that could not be fetched is one
 * failure of the domain (`sts-policy-fetch-error`, `sts-webpki-invalid`, `sts-policy-invalid`).
 */
import type { DaneResult, HostResult } from './verify.ts';
import type { ConnectTarget, SkippedHost, TargetVerdict } from './connect-plan.ts';
import type { HostPolicy } from './policy.ts';
import type { MtaStsResult } from '../mail-policy/mta-sts-lookup.ts';
import type { TlsRptAttempt } from '../mail-policy/tlsrpt-report.ts';

export interface AttemptContext {
  /** When the attempt was made (default: now). */
  readonly at?: Date;
  /** The sending MTA's address (`sending-mta-ip`). */
  readonly sendingMtaIp?: string;
}

const bare = (n: string) => n.replace(/\.$/, '');

function tlsaPolicy(h: HostPolicy): TlsRptAttempt['policy'] {
  return { type: 'tlsa', strings: h.tlsa.map((t) => t.text), mxHosts: [bare(h.host)] };
}

function stsPolicy(sts: MtaStsResult): TlsRptAttempt['policy'] | undefined {
  const p = sts.policy;
  return p ? { type: 'sts', strings: [...p.lines], mxHosts: [...p.policy.mx] } : undefined;
}

/** The policy an attempt to `host` is reported under (RFC 8461 §2 precedence). */
function policyFor(host: HostPolicy, sts: MtaStsResult | undefined): TlsRptAttempt['policy'] {
  if (host.policy === 'dane' || host.policy === 'mandatory-tls' || (host.policy === 'no-delivery' && host.tlsa.length > 0)) return tlsaPolicy(host);
  const s = sts?.outcome === 'policy' && sts.policy?.policy.mode !== 'none' ? stsPolicy(sts) : undefined;
  return s ?? { type: 'no-policy-found', mxHosts: [bare(host.host)] };
}

function hostAttempts(domain: string, h: HostResult, sts: MtaStsResult | undefined, c: AttemptContext, at: Date): TlsRptAttempt[] {
  const policy = policyFor(h.policy, sts);
  const base = { at, policyDomain: domain, policy, mxHost: bare(h.host), ...(c.sendingMtaIp ? { sendingMtaIp: c.sendingMtaIp } : {}) };
  if (h.governedBy === 'mta-sts') {
    // The sessions of the MTA-STS check (mta-sts-session.ts); a host the policy does not list got none.
    return (h.mtaSts?.sessions ?? []).flatMap((x): TlsRptAttempt[] => {
      if (x.outcome === 'valid') return [{ ...base, receivingIp: x.address, success: true }];
      if (!x.tlsrpt) return [];
      return [{ ...base, receivingIp: x.address, success: false, resultType: x.tlsrpt, additionalInformation: x.reason.slice(0, 1000) }];
    });
  }
  if (h.addresses.length === 0) {
    // A host-level verdict without a session: DNSSEC failure, or DANE required but absent.
    return h.tlsrpt ? [{ ...base, success: false, resultType: h.tlsrpt, additionalInformation: h.reason.slice(0, 1000) }] : [];
  }
  return h.addresses.flatMap((a): TlsRptAttempt[] => {
    if (a.outcome === 'authenticated' || a.outcome === 'unauthenticated') return [{ ...base, receivingIp: a.address, success: true }];
    if (!a.tlsrpt) return [];
    return [{ ...base, receivingIp: a.address, success: false, resultType: a.tlsrpt, additionalInformation: a.reason.slice(0, 1000) }];
  });
}

/** The attempts a `verifyDane` result stands for (one per address that got a session, see the module comment). */
export function attemptsFromDaneResult(r: DaneResult, c: AttemptContext = {}): TlsRptAttempt[] {
  const at = c.at ?? new Date();
  const domain = bare(r.domain);
  if (r.domain.startsWith('[')) return []; // an address literal has no policy domain
  const out = r.hosts.flatMap((h) => hostAttempts(domain, h, r.mtaSts, c, at));
  const f = r.mtaSts?.outcome === 'failed' ? r.mtaSts.failure : undefined;
  if (f) out.push({ at, policyDomain: domain, policy: { type: 'sts' }, success: false, resultType: f.tlsrpt, additionalInformation: f.reason.slice(0, 1000), failureReasonCode: f.code, ...(c.sendingMtaIp ? { sendingMtaIp: c.sendingMtaIp } : {}) });
  return out;
}

/** The attempt a connect plan target's `verify` verdict stands for; pass the domain's MTA-STS state if you have it. */
export function attemptFromVerdict(domain: string, target: ConnectTarget, verdict: TargetVerdict, c: AttemptContext & { readonly mtaSts?: MtaStsResult } = {}): TlsRptAttempt {
  const base = { at: c.at ?? new Date(), policyDomain: bare(domain), policy: policyFor(target.hostPolicy, c.mtaSts), mxHost: bare(target.host), receivingIp: target.address, ...(c.sendingMtaIp ? { sendingMtaIp: c.sendingMtaIp } : {}) };
  return verdict.ok ? { ...base, success: true } : { ...base, success: false, resultType: verdict.tlsrpt, additionalInformation: verdict.reason.slice(0, 1000) };
}

/** The attempt a skipped host of a connect plan stands for, or undefined when it has no result type (unreachable, no address). */
export function attemptFromSkipped(domain: string, skipped: SkippedHost, c: AttemptContext = {}): TlsRptAttempt | undefined {
  if (!skipped.tlsrpt) return undefined;
  const host = bare(skipped.host);
  return { at: c.at ?? new Date(), policyDomain: bare(domain), policy: { type: skipped.tlsrpt === 'dane-required' ? 'no-policy-found' : 'tlsa', mxHosts: [host] }, mxHost: host, success: false, resultType: skipped.tlsrpt, additionalInformation: skipped.reason.slice(0, 1000), ...(c.sendingMtaIp ? { sendingMtaIp: c.sendingMtaIp } : {}) };
}
