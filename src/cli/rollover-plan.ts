/**
 * The steps of a TLSA rollover, in order (issue #15): what to publish, how long to wait, when to
 * swap the key, what to check and what to remove, as exact zone-file lines. The rule is RFC 7671
 * §8.1 (and RFC 7672 §9.2 for SMTP): a key change must never meet a resolver that still holds an
 * RRset without the new key's record, so the new record is published first, the old RRset is left
 * to expire from every cache (its TTL, bounded by the signature's original TTL), then the key is
 * swapped, and only then the old record removed.
 *
 * Pure: it takes what `rollover` found (which published record matches the current and the next
 * certificate) and returns the plan; rollover-command.ts does the lookups and TLS sessions.
 */

/** One published TLSA record and what it matches. */
export interface PlanRecord {
  /** `3 1 1 <hex>`: the RDATA in presentation form. */
  readonly rdata: string;
  readonly usable: boolean;
  /** Matches what the server presents now (at every address that answered). */
  readonly matchesCurrent: boolean;
  readonly matchesNext: boolean;
}

export interface PlanInput {
  readonly host: string;
  /** `_25._tcp.<base>.` */
  readonly tlsaName: string;
  /** Seconds a resolver may keep the RRset (undefined when unknown: no RRset yet). */
  readonly ttl?: number;
  readonly records: readonly PlanRecord[];
  /** RDATA for the current certificate, when the server presented one (same parameters as {@link nextRdata}). */
  readonly currentRdata?: string;
  /** RDATA for the next certificate: `3 1 <strongest published matching type> <hex>`. */
  readonly nextRdata: string;
  /** The current certificate is matched by the published RRset (at every address). */
  readonly currentMatched: boolean;
  readonly nextMatched: boolean;
  /** SMTP port when not 25, for the commands the plan prints. */
  readonly port?: number;
}

export type StepAction = 'publish' | 'wait' | 'swap' | 'check' | 'remove';

export interface RolloverStep {
  readonly action: StepAction;
  readonly text: string;
  /** Zone-file lines to add (`publish`) or delete (`remove`). */
  readonly lines?: readonly string[];
  /** For `wait`: at least this many seconds. */
  readonly seconds?: number;
}

/** Used when the RRset's TTL is unknown (nothing published yet): a common zone default. */
const UNKNOWN_TTL_SECONDS = 3600;

function human(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${seconds} s (${Math.ceil(seconds / 60)} min)`;
  return `${seconds} s (${(seconds / 3600).toFixed(1).replace(/\.0$/, '')} h)`;
}

/**
 * The ordered steps from where the host stands to a completed rollover. A host whose current
 * certificate matches nothing published is repaired first (its DANE senders defer its mail now).
 */
export function rolloverPlan(p: PlanInput): RolloverStep[] {
  const ttl = p.ttl ?? UNKNOWN_TTL_SECONDS;
  const portFlag = p.port !== undefined && p.port !== 25 ? ` --port ${p.port}` : '';
  const line = (rdata: string) => `${p.tlsaName} ${ttl} IN TLSA ${rdata}`;
  const steps: RolloverStep[] = [];
  const add: string[] = [];
  if (!p.currentMatched && p.currentRdata) add.push(line(p.currentRdata));
  if (!p.nextMatched) add.push(line(p.nextRdata));
  if (add.length > 0) {
    const why = !p.currentMatched
      ? 'the certificate the server presents now matches no published record, so senders that use DANE cannot deliver to it: publish its record now, and the next one beside it'
      : 'add the next certificate\'s record beside the records published now (keep them: the server still presents the current certificate)';
    steps.push({ action: 'publish', text: `${why}; the RRset keeps one TTL (RFC 2181 §5.2), and the zone must be signed again`, lines: add });
    steps.push({ action: 'wait', seconds: ttl, text: `at least ${human(ttl)} (the TLSA TTL${p.ttl === undefined ? ', assumed' : ''}) after every authoritative server serves the new RRset, so that no resolver still holds the old one` });
    steps.push({ action: 'check', text: `run dane-verify rollover ${p.host} --next <next.pem>${portFlag} again: it must say "safe"` });
  } else {
    steps.push({ action: 'wait', seconds: ttl, text: `if the next certificate's record was published less than ${human(ttl)} (the TLSA TTL) ago, wait until that much time has passed` });
  }
  steps.push({ action: 'swap', text: `install the next certificate and its key on ${p.host} (every address), and reload the server` });
  steps.push({ action: 'check', text: `run dane-verify --host ${p.host}${portFlag}: every address must be AUTHENTICATED` });
  // What only the old certificate needed (published, or added by step 1), and usable records
  // that match nothing at all (stale); records that also match the next certificate stay.
  const old = [...p.records.filter((r) => r.usable && !r.matchesNext).map((r) => r.rdata), ...(!p.currentMatched && p.currentRdata ? [p.currentRdata] : [])];
  if (old.length > 0) {
    steps.push({ action: 'remove', text: 'then remove the records the next certificate does not need (they match only the old certificate, or nothing)', lines: [...new Set(old)].map((r) => `${p.tlsaName} IN TLSA ${r}`) });
  }
  return steps;
}

/** The plan as numbered text lines. */
export function planText(steps: readonly RolloverStep[]): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s.action}: ${s.text}`);
    for (const l of s.lines ?? []) out.push(`       ${s.action === 'remove' ? '-' : '+'} ${l}`);
  });
  return out;
}
