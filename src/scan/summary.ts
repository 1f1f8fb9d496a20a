/**
 * What a scan found, counted from the result objects (the `--json` objects of cli/report.ts), so
 * the same summary is made from results checked now, read back with `--resume`, or collected
 * from queue workers. Bounded whatever the list: counts by a closed set of values, and failure
 * reasons by text up to {@link MAX_SUMMARY_REASONS} distinct ones (the rest counted together).
 */

/** Distinct failure reasons counted one by one; past it they go under "other reasons". */
export const MAX_SUMMARY_REASONS = 1000;
/** Failure reasons listed in the text summary. */
export const TOP_REASONS = 10;
/** Characters of a reason kept (the rest is cut: reasons name records and addresses). */
export const MAX_REASON_LENGTH = 300;

/** A domain's outcome by its exit code (cli/usage.ts ExitCode). */
export const OUTCOME_BY_EXIT: Readonly<Record<number, string>> = { 0: 'authenticated', 1: 'failed', 2: 'no-dane', 3: 'temporary' };

interface HostJson {
  host?: unknown;
  outcome?: unknown;
  tlsrpt?: unknown;
  reason?: unknown;
  policy?: unknown;
}

/** The counts of a scan. */
export interface ScanSummaryJson {
  /** Domains with a result. */
  readonly domains: number;
  /** Domains by outcome: authenticated (with --no-connect: DANE applies), failed, no-dane, temporary. */
  readonly outcomes: Record<string, number>;
  /** MX hosts by DANE policy (dane, none, no-delivery ...). */
  readonly policies: Record<string, number>;
  /** MX hosts by outcome. */
  readonly hostOutcomes: Record<string, number>;
  /** MX hosts by TLS-RPT result type (RFC 8460 §4.3), where they failed. */
  readonly tlsRptTypes: Record<string, number>;
  /** Domains by their TLS-RPT policy lookup (policy, none, invalid, failed). */
  readonly tlsRptPolicies: Record<string, number>;
  /** Failure reasons of hosts (failed, bogus, error), the domain's own names replaced by `<domain>`/`<host>`, most frequent first. */
  readonly topReasons: readonly { readonly reason: string; readonly hosts: number }[];
}

const inc = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Replaces every occurrence of `name` (with or without its final dot) in `text`. */
function replaceName(text: string, name: string, by: string): string {
  const bare = name.replace(/\.$/, '');
  if (bare.length < 3) return text;
  return text.split(`${bare}.`).join(by).split(bare).join(by);
}

/** A reason with the names of the domain and host replaced, key tags hidden, cut to {@link MAX_REASON_LENGTH}: reasons that differ only there are counted together. */
function normalized(reason: string, names: readonly (readonly [string, string])[]): string {
  let r = reason;
  for (const [name, by] of names) r = replaceName(r, name, by);
  r = r.replace(/\bkey (\d+)/g, 'key <tag>');
  return r.length > MAX_REASON_LENGTH ? `${r.slice(0, MAX_REASON_LENGTH)}...` : r;
}

export class ScanSummary {
  private domains = 0;
  private readonly outcomes: Record<string, number> = {};
  private readonly policies: Record<string, number> = {};
  private readonly hostOutcomes: Record<string, number> = {};
  private readonly tlsRptTypes: Record<string, number> = {};
  private readonly tlsRptPolicies: Record<string, number> = {};
  private readonly reasons = new Map<string, number>();
  private otherReasons = 0;

  /** Counts one result object. */
  add(json: Record<string, unknown>): void {
    this.domains++;
    inc(this.outcomes, OUTCOME_BY_EXIT[json.exitCode as number] ?? 'unknown');
    const tlsRpt = json.tlsRpt as { outcome?: unknown } | undefined;
    if (tlsRpt && typeof tlsRpt.outcome === 'string') inc(this.tlsRptPolicies, tlsRpt.outcome);
    const domain = typeof json.domain === 'string' ? json.domain : '';
    const hosts = Array.isArray(json.hosts) ? (json.hosts as HostJson[]) : [];
    // Failed before any host (the MX lookup bogus or indeterminate): the domain's own reason.
    if (hosts.length === 0 && (json.exitCode === 1 || json.exitCode === 3)) this.countReason(normalized(String(json.summary ?? ''), [[domain, '<domain>']]));
    for (const h of hosts) {
      if (typeof h.policy === 'string') inc(this.policies, h.policy);
      if (typeof h.outcome === 'string') inc(this.hostOutcomes, h.outcome);
      if (typeof h.tlsrpt === 'string') inc(this.tlsRptTypes, h.tlsrpt);
      if (h.outcome === 'failed' || h.outcome === 'bogus' || h.outcome === 'error') {
        this.countReason(normalized(String(h.reason ?? ''), [[typeof h.host === 'string' ? h.host : '', '<host>'], [domain, '<domain>']]));
      }
    }
  }

  private countReason(reason: string): void {
    const known = this.reasons.get(reason);
    if (known !== undefined) this.reasons.set(reason, known + 1);
    else if (this.reasons.size < MAX_SUMMARY_REASONS) this.reasons.set(reason, 1);
    else this.otherReasons++;
  }

  toJSON(): ScanSummaryJson {
    const top = [...this.reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_REASONS).map(([reason, hosts]) => ({ reason, hosts }));
    if (this.otherReasons) top.push({ reason: `(other reasons, past ${MAX_SUMMARY_REASONS} distinct ones)`, hosts: this.otherReasons });
    return {
      domains: this.domains,
      outcomes: { ...this.outcomes },
      policies: { ...this.policies },
      hostOutcomes: { ...this.hostOutcomes },
      tlsRptTypes: { ...this.tlsRptTypes },
      tlsRptPolicies: { ...this.tlsRptPolicies },
      topReasons: top,
    };
  }

  /** The summary for people, a few lines. */
  text(): string {
    const j = this.toJSON();
    const counts = (m: Record<string, number>) => (Object.keys(m).length ? Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') : '-');
    const lines = [
      `domains: ${j.domains}`,
      `  outcomes: ${counts(j.outcomes)}`,
      `  MX host policies: ${counts(j.policies)}`,
      `  MX host outcomes: ${counts(j.hostOutcomes)}`,
      `  TLS-RPT result types: ${counts(j.tlsRptTypes)}`,
      `  TLS-RPT policies: ${counts(j.tlsRptPolicies)}`,
    ];
    if (j.topReasons.length) lines.push('  top failure reasons (MX hosts):', ...j.topReasons.map((r) => `    ${String(r.hosts).padStart(7)}  ${r.reason}`));
    return lines.join('\n') + '\n';
  }
}
