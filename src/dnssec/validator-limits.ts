import { MAX_DENIAL_RECORDS } from './denial.ts';
import { NSEC3_MAX_ITERATIONS_BOGUS, NSEC3_MAX_ITERATIONS_INSECURE } from './nsec3.ts';

/**
 * Bounds of the validator's work per lookup (ARCHITECTURE.md invariant 3). Exceeding one makes the
 * lookup bogus with a reason naming the bound; nothing an answer contains can make it loop.
 */
export interface ValidatorLimits {
  /** Signature verifications one lookup may perform, across every RRset and zone (KeyTrap). */
  readonly maxSignatureChecks: number;
  /** Signature verifications one lookup may spend on the RRsets of one zone. */
  readonly maxSignatureChecksPerZone: number;
  /** Zone cuts (secure delegations) one walk from a trust anchor may descend. */
  readonly maxZoneCuts: number;
  /** RRSIGs tried for one RRset before giving up (several algorithms or keys legitimately sign one RRset). */
  readonly maxRrsigsPerRRset: number;
  /** Upstream queries one lookup may send (DS/DNSKEY walk, CNAME targets). */
  readonly maxQueries: number;
  /** CNAME/DNAME links followed from the query name. */
  readonly maxCnameChain: number;
  /** NSEC/NSEC3 records considered in one denial proof. */
  readonly maxDenialRecords: number;
  /** NSEC3 iterations above which a proof is insecure (RFC 9276 §3.2; BIND and Unbound use 150). */
  readonly nsec3InsecureIterations: number;
  /** NSEC3 iterations above which a proof is bogus without hashing anything. */
  readonly nsec3BogusIterations: number;
  /** Longest time validated data is kept, in seconds, whatever its TTL says. */
  readonly maxCacheTtl: number;
  /** Time bogus or indeterminate key results are kept, in seconds (so a broken zone is not hammered). */
  readonly badCacheTtl: number;
}

export const DEFAULT_VALIDATOR_LIMITS: ValidatorLimits = Object.freeze({
  maxSignatureChecks: 64,
  maxSignatureChecksPerZone: 24,
  maxZoneCuts: 16,
  maxRrsigsPerRRset: 8,
  maxQueries: 48,
  maxCnameChain: 12,
  maxDenialRecords: MAX_DENIAL_RECORDS,
  nsec3InsecureIterations: NSEC3_MAX_ITERATIONS_INSECURE,
  nsec3BogusIterations: NSEC3_MAX_ITERATIONS_BOGUS,
  maxCacheTtl: 86400,
  badCacheTtl: 60,
});
