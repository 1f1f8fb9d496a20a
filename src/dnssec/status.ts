/**
 * The four validation states of RFC 4035 §4.3 and the reasons that go with them.
 *
 * Every result of the validator is one of these states with a reason trail. Combination is
 * pessimistic: a chain is only as good as its worst link (bogus < indeterminate < insecure <
 * secure), and accumulators start from the worst state and are raised by proof, never lowered.
 */

/** RFC 4035 §4.3. */
export type SecurityStatus = 'secure' | 'insecure' | 'bogus' | 'indeterminate';

/** Machine-readable cause of a status other than secure (and of notable secure facts). */
export type ReasonCode =
  | 'no-trust-anchor'
  | 'network-error'
  | 'upstream-error'
  | 'upstream-strips-dnssec'
  | 'malformed-response'
  | 'rrsigs-missing'
  | 'signature-invalid'
  | 'signature-expired'
  | 'signature-not-yet-valid'
  | 'dnskey-missing'
  | 'ds-mismatch'
  | 'no-zone-key'
  | 'unsupported-algorithm'
  | 'unsupported-digest'
  | 'insecure-delegation'
  | 'nsec-missing'
  | 'denial-invalid'
  | 'nsec3-iterations'
  | 'nsec3-unsupported-hash'
  | 'nsec3-opt-out'
  | 'wildcard-invalid'
  | 'cname-invalid'
  | 'dname-invalid'
  | 'unexpected-signer'
  | 'limit-exceeded'
  | 'budget-exhausted'
  | 'lame-answer';

/** RFC 8914 Extended DNS Error codes that reasons carry where one fits. */
export const EDE = {
  UNSUPPORTED_DNSKEY_ALGORITHM: 1,
  UNSUPPORTED_DS_DIGEST: 2,
  DNSSEC_INDETERMINATE: 5,
  DNSSEC_BOGUS: 6,
  SIGNATURE_EXPIRED: 7,
  SIGNATURE_NOT_YET_VALID: 8,
  DNSKEY_MISSING: 9,
  RRSIGS_MISSING: 10,
  NO_ZONE_KEY_BIT: 11,
  NSEC_MISSING: 12,
  NO_REACHABLE_AUTHORITY: 22,
  NETWORK_ERROR: 23,
  UNSUPPORTED_NSEC3_ITERATIONS: 27,
} as const;

/** One step of a reason trail: what was checked, where, and what came of it. */
export interface Reason {
  readonly code: ReasonCode;
  /** RFC 8914 Extended DNS Error code, where one fits. */
  readonly ede?: number;
  /** Words for people, naming the zone, record and check, e.g. "RRSIG for x. TLSA by example. key 123 expired ...". */
  readonly text: string;
}

const RANK: Record<SecurityStatus, number> = { bogus: 0, indeterminate: 1, insecure: 2, secure: 3 };

/** The worse of two states: a chain is only as trustworthy as its weakest link. */
export function worst(a: SecurityStatus, b: SecurityStatus): SecurityStatus {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Exhaustiveness guard for switches over unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}
