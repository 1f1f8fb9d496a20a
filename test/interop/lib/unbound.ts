/**
 * Unbound as a peer validator: its own verdict on a lookup, read with dig from the AD flag, the
 * response code and the Extended DNS Error (RFC 8914) it attaches to SERVFAIL.
 */
import type { World } from './world.ts';
import type { LookupStatus, LookupType, Observed } from './types.ts';
import { run } from './exec.ts';

/** Unbound's verdict as read from dig. */
export interface UnboundVerdict {
  status: LookupStatus;
  rcode: string;
  ad: boolean;
  ede?: number;
}

/**
 * RFC 8914 codes by which Unbound says a SERVFAIL is a failed proof (bogus), not an outage:
 * 6 DNSSEC Bogus, 7 Signature Expired, 8 Signature Not Yet Valid, 9 DNSKEY Missing,
 * 10 RRSIGs Missing, 11 No Zone Key Bit Set, 12 NSEC Missing.
 */
export const BOGUS_EDE_CODES: readonly number[] = [6, 7, 8, 9, 10, 11, 12];

/** Seconds dig waits for Unbound, and tries. */
const DIG_TIME_S = 5;
const DIG_TRIES = 1;

/** Reads Unbound's verdict from dig's output; throws on output it does not recognise. */
export function parseDig(output: string): UnboundVerdict {
  const header = /status: ([A-Z]+),/.exec(output);
  const flags = /;; flags: ([a-z ]*);/.exec(output);
  if (!header || !flags) {
    if (/connection timed out|no servers could be reached/.test(output)) {
      return { status: 'indeterminate', rcode: 'TIMEOUT', ad: false };
    }
    throw new Error(`unrecognised dig output:\n${output}`);
  }
  const rcode = header[1] ?? '';
  const ad = (flags[1] ?? '').split(' ').includes('ad');
  const edeMatch = /; EDE: (\d+)/.exec(output);
  const ede = edeMatch ? Number(edeMatch[1]) : undefined;
  const base = { rcode, ad, ...(ede === undefined ? {} : { ede }) };
  if (rcode === 'NOERROR' || rcode === 'NXDOMAIN') return { status: ad ? 'secure' : 'insecure', ...base };
  if (rcode === 'SERVFAIL' && ede !== undefined && BOGUS_EDE_CODES.includes(ede)) return { status: 'bogus', ...base };
  return { status: 'indeterminate', ...base };
}

/** Asks the world's Unbound for one lookup with DO=1 (and CD=0: Unbound validates). */
export async function runDig(world: World, name: string, type: LookupType): Promise<Observed<UnboundVerdict>> {
  const { output } = await run('dig', [
    '+dnssec', `+time=${DIG_TIME_S}`, `+tries=${DIG_TRIES}`, `@${world.resolver}`, name, type,
  ]);
  return { verdict: parseDig(output), output };
}
