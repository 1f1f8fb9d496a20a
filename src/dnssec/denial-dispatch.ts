/**
 * Chooses the NSEC or NSEC3 proof functions for a set of denial records, with the validator's
 * limits bound in. A zone uses one or the other; when a response has any NSEC3 record it is judged
 * by NSEC3 (each module ignores the other's records, so a mix can only lose proofs, never make one).
 */
import type { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import type { ResourceRecord } from '../dns/record.ts';
import type { DenialResult } from './denial.ts';
import * as nsec from './nsec.ts';
import * as nsec3 from './nsec3.ts';
import type { ValidatorLimits } from './validator-limits.ts';

/** The proofs the validator asks for, with one signature for NSEC and NSEC3. */
export interface DenialProofs {
  proveNxDomain(qname: Name, records: readonly ResourceRecord[], zone: Name): DenialResult;
  proveNoData(qname: Name, qtype: number, records: readonly ResourceRecord[], zone: Name): DenialResult;
  proveWildcardNoData(qname: Name, qtype: number, records: readonly ResourceRecord[], zone: Name): DenialResult;
  proveWildcardAnswer(qname: Name, closestEncloser: Name, records: readonly ResourceRecord[], zone: Name): DenialResult;
  proveNoDs(child: Name, records: readonly ResourceRecord[], zone: Name): DenialResult;
}

/**
 * The proof functions for `records`. `onHash` is called before each NSEC3 hash with its iteration
 * count (the lookup charges the call's budget there; NSEC needs no hashing).
 */
export function denialFunctions(records: readonly ResourceRecord[], limits: ValidatorLimits, onHash?: (iterations: number) => void): DenialProofs {
  if (!records.some((r) => r.type === RRType.NSEC3)) return nsec;
  const o: nsec3.Nsec3Options = {
    nsec3InsecureIterations: limits.nsec3InsecureIterations,
    nsec3BogusIterations: limits.nsec3BogusIterations,
    maxDenialRecords: limits.maxDenialRecords,
    ...(onHash ? { onHash } : {}),
  };
  return {
    proveNxDomain: (q, r, z) => nsec3.proveNxDomain(q, r, z, o),
    proveNoData: (q, t, r, z) => nsec3.proveNoData(q, t, r, z, o),
    proveWildcardNoData: (q, t, r, z) => nsec3.proveWildcardNoData(q, t, r, z, o),
    proveWildcardAnswer: (q, c, r, z) => nsec3.proveWildcardAnswer(q, c, r, z, o),
    proveNoDs: (c, r, z) => nsec3.proveNoDs(c, r, z, o),
  };
}
