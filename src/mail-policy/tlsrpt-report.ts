/**
 * TLS-RPT aggregate reports (RFC 8460 §4): an MTA records the outcome of each delivery attempt
 * (a TLS session that succeeded, or a failure with its result type, §4.3), and the recorder builds
 * one report per policy domain per UTC day, in the JSON of §4.4:
 *
 * ```
 * { "organization-name", "date-range": { "start-datetime", "end-datetime" }, "contact-info", "report-id",
 *   "policies": [ { "policy": { "policy-type": "tlsa" | "sts" | "no-policy-found", "policy-string": [...],
 *                               "policy-domain", "mx-host": [...] },
 *                   "summary": { "total-successful-session-count", "total-failure-session-count" },
 *                   "failure-details": [ { "result-type", "sending-mta-ip", "receiving-mx-hostname",
 *                                          "receiving-mx-helo", "receiving-ip", "failed-session-count",
 *                                          "additional-information", "failure-reason-code" } ] } ] }
 * ```
 * The schema written from §4 ships as schemas/tlsrpt-report.schema.json.
 *
 * Choices where RFC 8460 is open (written down once):
 * - A policy is one (policy-type, policy-string, mx-host) triple: for `tlsa`, the TLSA records of
 *   one MX host (presentation form) with that host as `mx-host`; for `sts`, the policy's lines
 *   (`policyLines`) with its `mx` patterns as `mx-host`; `no-policy-found` has no policy-string
 *   and the MX host as `mx-host`.
 * - The day is the UTC day of the attempt; `end-datetime` is its last second (`23:59:59Z`), as the
 *   RFC's example and the large senders' reports write it.
 * - Attempts are aggregated as they are recorded: memory grows with the distinct groups, not the
 *   attempts, and is bounded by {@link MAX_TLSRPT_GROUPS}; past it an attempt is not counted and
 *   `dropped` says how many were not.
 */
import type { TlsRptResultType } from '../dane/tlsrpt.ts';
import { isTlsRptResultType } from '../dane/tlsrpt.ts';

/** Distinct (policy domain, day, policy, failure detail) groups a recorder keeps at most. */
export const MAX_TLSRPT_GROUPS = 100_000;
/** Characters of one string field of an attempt (names, addresses, policy lines, free text). */
export const MAX_TLSRPT_FIELD_LENGTH = 4_096;
/** Lines of one policy-string (an MTA-STS policy has few; a TLSA RRset a handful). */
export const MAX_TLSRPT_POLICY_STRINGS = 256;

export type TlsRptPolicyType = 'tlsa' | 'sts' | 'no-policy-found';

/** One delivery attempt's outcome, as an MTA records it. */
export interface TlsRptAttempt {
  /** When the attempt was made (its UTC day picks the report). */
  readonly at: Date;
  /** The policy domain (the recipient domain), A-labels; a trailing dot is dropped. */
  readonly policyDomain: string;
  readonly policy: {
    readonly type: TlsRptPolicyType;
    /** `tlsa`: the TLSA records; `sts`: the policy's lines. Absent for `no-policy-found`. */
    readonly strings?: readonly string[];
    /** Default: `[mxHost]` for `tlsa` and `no-policy-found`; the policy's mx patterns for `sts`. */
    readonly mxHosts?: readonly string[];
  };
  /** The MX host the attempt went to (`receiving-mx-hostname`); absent for a failure before any host (an MTA-STS fetch). */
  readonly mxHost?: string;
  readonly receivingIp?: string;
  readonly sendingMtaIp?: string;
  /** A TLS session was established under the policy. */
  readonly success: boolean;
  /** Required for a failure (RFC 8460 §4.3). */
  readonly resultType?: TlsRptResultType;
  readonly receivingMxHelo?: string;
  readonly additionalInformation?: string;
  readonly failureReasonCode?: string;
}

/** RFC 8460 §4.4 failure-details entry. */
export interface TlsRptFailureDetails {
  'result-type': TlsRptResultType;
  'sending-mta-ip'?: string;
  'receiving-mx-hostname'?: string;
  'receiving-mx-helo'?: string;
  'receiving-ip'?: string;
  'failed-session-count': number;
  'additional-information'?: string;
  'failure-reason-code'?: string;
}

/** RFC 8460 §4.4 report. */
export interface TlsRptReport {
  'organization-name': string;
  'date-range': { 'start-datetime': string; 'end-datetime': string };
  'contact-info': string;
  'report-id': string;
  policies: {
    policy: { 'policy-type': TlsRptPolicyType; 'policy-string'?: string[]; 'policy-domain': string; 'mx-host'?: string[] };
    summary: { 'total-successful-session-count': number; 'total-failure-session-count': number };
    'failure-details'?: TlsRptFailureDetails[];
  }[];
}

export interface TlsRptReportOptions {
  /** `organization-name`. */
  readonly organizationName: string;
  /** `contact-info`: an address or URI for questions about the report. */
  readonly contactInfo: string;
  /** `report-id` of each report (default `<start-datetime>_<policy-domain>`). */
  readonly reportId?: (policyDomain: string, day: string) => string;
}

interface PolicyGroup {
  readonly policy: TlsRptReport['policies'][number]['policy'];
  success: number;
  failure: number;
  readonly failures: Map<string, TlsRptFailureDetails>;
}

const DAY_MS = 86_400_000;
const text = (v: unknown, what: string, required = false): string | undefined => {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '' || v.length > MAX_TLSRPT_FIELD_LENGTH || /[\x00-\x1f\x7f]/.test(v)) {
    throw new TypeError(`expected ${what} as a non-empty string of at most ${MAX_TLSRPT_FIELD_LENGTH} characters without control characters, got ${JSON.stringify(v)?.slice(0, 80)}`);
  }
  return v;
};
const domainOf = (v: unknown, what: string): string => {
  const d = text(v, what, true)!.replace(/\.$/, '').toLowerCase();
  if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(d)) throw new TypeError(`expected ${what} as a domain name in A-labels, got ${JSON.stringify(v)}`);
  return d;
};

/** The UTC day of `at`, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Collects attempts and builds the reports. Not thread-safe across processes: one recorder per
 * MTA process; feed it from your delivery log, or persist attempts as JSONL and use
 * `dane-verify report`.
 */
export class TlsRptRecorder {
  /** Attempts not counted because {@link MAX_TLSRPT_GROUPS} was reached. */
  dropped = 0;
  private readonly days = new Map<string, Map<string, PolicyGroup>>();
  private groups = 0;
  private readonly maxGroups: number;

  constructor(options: { readonly maxGroups?: number } = {}) {
    this.maxGroups = options.maxGroups ?? MAX_TLSRPT_GROUPS;
  }

  /**
   * Records one attempt. Returns false when it was not counted (the group bound was reached).
   * @throws TypeError for an attempt that is not one (a failure without a result type, a bad date ...)
   */
  record(a: TlsRptAttempt): boolean {
    if (!(a.at instanceof Date) || Number.isNaN(a.at.getTime())) throw new TypeError(`expected at as a valid Date, got ${String(a.at)}`);
    const policyDomain = domainOf(a.policyDomain, 'policyDomain');
    const type = a.policy?.type;
    if (type !== 'tlsa' && type !== 'sts' && type !== 'no-policy-found') throw new TypeError(`expected policy.type tlsa, sts or no-policy-found, got ${JSON.stringify(type)}`);
    const mxHost = a.mxHost === undefined ? undefined : domainOf(a.mxHost, 'mxHost');
    const strings = (a.policy.strings ?? []).map((s, i) => text(s, `policy.strings[${i}]`, true)!);
    if (strings.length > MAX_TLSRPT_POLICY_STRINGS) throw new TypeError(`expected at most ${MAX_TLSRPT_POLICY_STRINGS} policy strings, got ${strings.length}`);
    const mxHosts = (a.policy.mxHosts ?? (type === 'sts' || mxHost === undefined ? [] : [mxHost])).map((h, i) => text(h, `policy.mxHosts[${i}]`, true)!);
    if (mxHosts.length > MAX_TLSRPT_POLICY_STRINGS) throw new TypeError(`expected at most ${MAX_TLSRPT_POLICY_STRINGS} policy mx hosts, got ${mxHosts.length}`);
    if (typeof a.success !== 'boolean') throw new TypeError(`expected success as a boolean, got ${JSON.stringify(a.success)}`);
    if (!a.success && (typeof a.resultType !== 'string' || !isTlsRptResultType(a.resultType))) throw new TypeError(`a failure needs resultType, one of RFC 8460 §4.3's result types, got ${JSON.stringify(a.resultType)}`);
    // Every field is checked, on successes too: a bad attempt is refused whatever its outcome.
    const fields = {
      sendingMtaIp: text(a.sendingMtaIp, 'sendingMtaIp'),
      receivingMxHelo: text(a.receivingMxHelo, 'receivingMxHelo'),
      receivingIp: text(a.receivingIp, 'receivingIp'),
      additionalInformation: text(a.additionalInformation, 'additionalInformation'),
      failureReasonCode: text(a.failureReasonCode, 'failureReasonCode'),
    };
    const detail: TlsRptFailureDetails | undefined = a.success ? undefined : {
      'result-type': a.resultType!,
      ...opt('sending-mta-ip', fields.sendingMtaIp),
      ...opt('receiving-mx-hostname', mxHost),
      ...opt('receiving-mx-helo', fields.receivingMxHelo),
      ...opt('receiving-ip', fields.receivingIp),
      'failed-session-count': 0,
      ...opt('additional-information', fields.additionalInformation),
      ...opt('failure-reason-code', fields.failureReasonCode),
    };

    const dayKey = `${policyDomain} ${utcDay(a.at)}`;
    const policy = { 'policy-type': type, ...(type === 'no-policy-found' ? {} : { 'policy-string': strings }), 'policy-domain': policyDomain, ...(mxHosts.length ? { 'mx-host': mxHosts } : {}) };
    const policyKey = JSON.stringify(policy);
    const detailKey = detail ? JSON.stringify(detail) : undefined;
    const day = this.days.get(dayKey);
    const group = day?.get(policyKey);
    const newGroups = (group ? 0 : 1) + (detailKey && !group?.failures.has(detailKey) ? 1 : 0);
    if (this.groups + newGroups > this.maxGroups) {
      this.dropped++;
      return false;
    }
    this.groups += newGroups;
    const d = day ?? new Map<string, PolicyGroup>();
    if (!day) this.days.set(dayKey, d);
    const g = group ?? { policy, success: 0, failure: 0, failures: new Map() };
    if (!group) d.set(policyKey, g);
    if (!detail) {
      g.success++;
      return true;
    }
    g.failure++;
    const f = g.failures.get(detailKey!) ?? detail;
    f['failed-session-count']++;
    g.failures.set(detailKey!, f);
    return true;
  }

  /** The reports, one per policy domain per UTC day, in domain then day order. */
  reports(o: TlsRptReportOptions): TlsRptReport[] {
    const organizationName = text(o.organizationName, 'organizationName', true)!;
    const contactInfo = text(o.contactInfo, 'contactInfo', true)!;
    const out: TlsRptReport[] = [];
    for (const key of [...this.days.keys()].sort()) {
      const [domain, day] = key.split(' ') as [string, string];
      const start = new Date(`${day}T00:00:00.000Z`);
      const startText = start.toISOString().replace('.000Z', 'Z');
      const end = new Date(start.getTime() + DAY_MS - 1000).toISOString().replace('.000Z', 'Z');
      const policies = [...this.days.get(key)!.values()].map((g) => ({
        policy: g.policy,
        summary: { 'total-successful-session-count': g.success, 'total-failure-session-count': g.failure },
        ...(g.failures.size ? { 'failure-details': [...g.failures.values()].map((f) => ({ ...f })) } : {}),
      }));
      out.push({
        'organization-name': organizationName,
        'date-range': { 'start-datetime': startText, 'end-datetime': end },
        'contact-info': contactInfo,
        'report-id': o.reportId ? o.reportId(domain, day) : `${startText}_${domain}`,
        policies,
      });
    }
    return out;
  }
}

function opt<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: string };
}
