/**
 * BIND's delv as a peer validator: it sends its queries with CD=1 through the world's Unbound
 * (`+cdflag`, so Unbound hands over even data it judges bogus) and validates everything itself
 * from the private root's anchor, like our own validator does.
 */
import type { World } from './world.ts';
import type { LookupStatus, LookupType, Observed } from './types.ts';
import { run } from './exec.ts';

/** What delv concluded, read from its output. */
export interface DelvVerdict {
  status: LookupStatus;
  /** data: an RRset was returned; nxdomain / nodata: a negative answer. */
  answer?: 'data' | 'nxdomain' | 'nodata';
  /** delv's `resolution failed:` text, if any. */
  failure?: string;
}

/**
 * delv's `;; resolution failed: <text>` values that say the lookup could not be completed, not
 * that a proof failed: indeterminate (RFC 4035 §4.3). Every other failure text names a DNSSEC
 * check (e.g. "RRSIG failed to verify", "broken trust chain", "insecurity proof failed"): bogus.
 * With +cdflag, Unbound's SERVFAIL (delv: "failure") means the resolver could not get the data.
 */
export const DELV_INDETERMINATE_FAILURES: readonly string[] = [
  'failure', 'timed out', 'SERVFAIL', 'no servers could be reached', 'connection refused',
  'network unreachable', 'host unreachable', 'operation canceled',
];

/** The failure texts that accompany a negative answer (followed by its own status line). */
const NEGATIVE_FAILURES: readonly string[] = ['ncache nxdomain', 'ncache nxrrset'];

/** Reads delv's verdict from its output; throws on output it does not recognise. */
export function parseDelv(output: string): DelvVerdict {
  const lines = output.split('\n').map((l) => l.trimEnd());
  const failureLine = lines.find((l) => l.startsWith(';; resolution failed: '));
  const failure = failureLine?.slice(';; resolution failed: '.length);
  const negative = failure !== undefined && NEGATIVE_FAILURES.includes(failure)
    ? (failure === 'ncache nxdomain' ? 'nxdomain' : 'nodata') : undefined;
  // A failed proof anywhere (e.g. at the target of a validated CNAME) decides the lookup.
  if (failure !== undefined && !NEGATIVE_FAILURES.includes(failure)) {
    return {
      status: DELV_INDETERMINATE_FAILURES.includes(failure) ? 'indeterminate' : 'bogus',
      failure,
    };
  }
  // delv prints one status line per RRset: a CNAME chain has several (the CNAME's, then the
  // target's). The lookup is only as secure as its weakest link (RFC 4035 §4.3): insecure if any
  // is; the answer kind is the final target's (the last line).
  let verdict: DelvVerdict | undefined;
  for (const line of lines) {
    const status = STATUS_LINES.get(line);
    if (!status) continue;
    const answer = line.startsWith('; negative') ? negative ?? 'nxdomain' : 'data';
    verdict = { status: verdict?.status === 'insecure' ? 'insecure' : status, answer };
  }
  if (verdict) return verdict;
  throw new Error(`unrecognised delv output:\n${output}`);
}

/** delv's status line before each RRset it prints, and what it says. */
const STATUS_LINES: ReadonlyMap<string, LookupStatus> = new Map([
  ['; fully validated', 'secure'],
  ['; unsigned answer', 'insecure'],
  ['; negative response, fully validated', 'secure'],
  ['; negative response, unsigned answer', 'insecure'],
]);

/** Runs delv for one lookup in the world's namespace (the tests run inside it). */
export async function runDelv(world: World, name: string, type: LookupType): Promise<Observed<DelvVerdict>> {
  const { output } = await run('delv', [
    '+cdflag', '-a', world.delvAnchors, `@${world.resolver}`, '-q', name, '-t', type,
  ]);
  return { verdict: parseDelv(output), output };
}
