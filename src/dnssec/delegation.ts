/**
 * What a signed "no DS" answer says about a name on the walk down from a trust anchor: an insecure
 * delegation (the chain of trust ends, RFC 4035 §5.2), no zone cut at all (the walk goes on with the
 * same zone's keys), or nothing provable (bogus).
 */
import type { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import { Rcode } from '../dns/iana/rcodes.ts';
import type { ResourceRecord } from '../dns/record.ts';
import type { DenialResult } from './denial.ts';
import { denialFunctions } from './denial-dispatch.ts';
import type { ValidatorLimits } from './validator-limits.ts';
import { EDE, type Reason } from './status.ts';

export type DsDenial =
  | { readonly kind: 'no-cut'; readonly exists: boolean }
  | { readonly kind: 'insecure'; readonly reason: Reason }
  | { readonly kind: 'bogus'; readonly reason: Reason };

function reasonOf(r: Exclude<DenialResult, { ok: true }>, child: Name): Reason {
  if (r.status === 'insecure') {
    const code = r.code === 'nsec3-opt-out' ? 'nsec3-opt-out' : r.code === 'nsec3-iterations' ? 'nsec3-iterations' : 'nsec3-unsupported-hash';
    return { code, ede: r.ede, text: `DS at ${child}: ${r.reason}` };
  }
  return { code: 'denial-invalid', ede: r.ede, text: `DS at ${child}: ${r.reason}` };
}

/**
 * Classifies the denial of DS at `child` by `zone` (its closest enclosing secure zone), from NSEC or
 * NSEC3 records whose signatures are already verified.
 */
export function classifyDsDenial(input: { child: Name; zone: Name; rcode: number; records: readonly ResourceRecord[]; limits: ValidatorLimits; onHash?: (iterations: number) => void }): DsDenial {
  const { child, zone, rcode, records, limits } = input;
  const proofs = denialFunctions(records, limits, input.onHash);
  if (rcode === Rcode.NXDOMAIN) {
    const nx = proofs.proveNxDomain(child, records, zone);
    if (nx.status === 'secure') return { kind: 'no-cut', exists: false };
    // An opt-out span may hide an unsigned delegation: insecure (RFC 5155 §9.2).
    if (nx.status === 'insecure') return { kind: 'insecure', reason: reasonOf(nx, child) };
    return { kind: 'bogus', reason: reasonOf(nx, child) };
  }
  const noDs = proofs.proveNoDs(child, records, zone);
  if (noDs.status === 'secure') {
    return { kind: 'insecure', reason: { code: 'insecure-delegation', text: `${child} is a delegation without DS, proven by ${zone}: the chain of trust ends there` } };
  }
  if (noDs.status === 'insecure') return { kind: 'insecure', reason: reasonOf(noDs, child) };
  if (noDs.code !== 'not-a-delegation') return { kind: 'bogus', reason: reasonOf(noDs, child) };
  // Not a delegation: the name exists without NS, is an empty non-terminal, or matches a wildcard.
  const nodata = proofs.proveNoData(child, RRType.DS, records, zone);
  if (nodata.status === 'secure') return { kind: 'no-cut', exists: true };
  const wild = proofs.proveWildcardNoData(child, RRType.DS, records, zone);
  if (wild.status === 'secure') return { kind: 'no-cut', exists: true };
  const nx = proofs.proveNxDomain(child, records, zone);
  if (nx.status === 'secure') return { kind: 'no-cut', exists: false };
  return { kind: 'bogus', reason: { code: 'denial-invalid', ede: EDE.DNSSEC_BOGUS, text: `DS at ${child}: ${nodata.status === 'bogus' ? nodata.reason : noDs.reason}` } };
}
