/**
 * What a denial-of-existence proof returns, shared by the NSEC (RFC 4035 §5.4) and NSEC3
 * (RFC 5155 §8) proof functions.
 *
 * Vocabulary, used the same way in nsec.ts and nsec3.ts:
 * - a record **matches** a name when it is the record of that name (NSEC: owner = name; NSEC3:
 *   owner label = hash of the name);
 * - a record **covers** a name when the name falls strictly between the owner and the next name
 *   (NSEC: canonical name order, RFC 4034 §6.1; NSEC3: hash order), wrapping at the end of the
 *   chain. For NSEC3, "covers" is about hashes only;
 * - the **closest encloser** is the longest existing ancestor of a name (RFC 5155 §1.3,
 *   RFC 4592 §3.3.1); the **next closer name** is the closest encloser plus one more label of the
 *   name; the **source of synthesis** is `*.<closest encloser>`.
 *
 * Every function takes records whose RRSIGs the validator has already verified. The result is a
 * value, never an exception: `ok` is true only for a secure proof, so a caller that checks `ok`
 * alone can never mistake "insecure" or "no proof" for a secure denial.
 */
import type { Name } from '../dns/name.ts';
import type { ResourceRecord } from '../dns/record.ts';

/**
 * Most NSEC or NSEC3 records one proof considers (the validator's `maxDenialRecords`). A complete
 * proof needs at most three; a response offering more than this is refused rather than searched.
 */
export const MAX_DENIAL_RECORDS = 32;

/** Options common to every proof. Field names match the validator's limits object. */
export interface DenialOptions {
  /** Records one proof may consider (default {@link MAX_DENIAL_RECORDS}). */
  readonly maxDenialRecords?: number;
}

/** Reads a count option: a non-negative integer, or the default. @throws RangeError on misuse */
export function countOption(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`expected ${name} as a non-negative integer, got ${value}`);
  return value;
}

/** RFC 8914 Extended DNS Error codes carried by denial results. */
export const EDE_DNSSEC_BOGUS = 6;
export const EDE_NSEC_MISSING = 12;
export const EDE_UNSUPPORTED_NSEC3_ITERATIONS = 27;

/** What a secure proof established. */
export type DenialKind =
  | 'nxdomain' // the name does not exist and no wildcard could have produced it
  | 'nodata' // the name exists without the type (nor a CNAME)
  | 'empty-non-terminal' // the name exists only because names below it exist: no type at all
  | 'wildcard-nodata' // no exact match; the wildcard that would answer lacks the type
  | 'wildcard-answer' // no exact match and no closer wildcard: a wildcard expansion was legitimate
  | 'insecure-delegation'; // a delegation without DS: the chain of trust ends here (RFC 4035 §5.2)

/** The fact one record contributed to a proof. */
export type ProofRole =
  | 'matches-qname'
  | 'covers-qname'
  | 'covers-wildcard'
  | 'matches-wildcard'
  | 'matches-closest-encloser'
  | 'covers-next-closer'
  | 'proves-empty-non-terminal';

/** One step of a proof: which record established what about which name. */
export interface ProofStep {
  readonly role: ProofRole;
  /** The (unhashed) name the step is about. */
  readonly name: Name;
  readonly record: ResourceRecord;
}

/** The details of a secure denial. */
export interface DenialProof {
  readonly kind: DenialKind;
  /** The closest encloser, where the proof establishes one (NXDOMAIN, wildcard cases, NSEC3 proofs). */
  readonly closestEncloser?: Name;
  /** Each record used and what it proved, in the order the proof used them. */
  readonly steps: readonly ProofStep[];
}

/** Why a proof came out insecure rather than secure. */
export type InsecureCode =
  | 'nsec3-opt-out' // the next closer name falls in an opt-out span (RFC 5155 §6, §9.2)
  | 'nsec3-iterations' // iterations above the insecure limit (RFC 9276 §3.2)
  | 'nsec3-unknown-hash'; // every NSEC3 record uses a hash algorithm we do not know (RFC 5155 §8.1)

/** Why the records do not prove what was asked. */
export type BogusCode =
  | 'out-of-zone' // the name is not in the zone whose records were given
  | 'no-records' // no usable record of the right type
  | 'name-exists' // a record matches the name that was to be denied
  | 'not-covered' // no record covers (or matches) the name
  | 'wildcard-not-denied' // no record covers the source of synthesis
  | 'wildcard-mismatch' // the records point to a different closest encloser than the wildcard used
  | 'no-wildcard-record' // wildcard NODATA without the record of the wildcard itself
  | 'type-present' // the matching record lists the queried type
  | 'cname-present' // the matching record lists CNAME: a CNAME answer was due
  | 'parent-side-record' // a delegation's (NS without SOA) record used for a name at or below the cut
  | 'child-side-record' // a zone apex record (SOA) used for a DS question, which the parent answers
  | 'dname-record' // a DNAME owner's record used for a name below it
  | 'ds-present' // the delegation's record lists DS
  | 'not-a-delegation' // no NS at the name: no zone cut, so "no DS" means nothing for the chain
  | 'nsec3-parameter-mismatch' // NSEC3 records of one proof from different chains
  | 'nsec3-iterations-bogus' // iterations above the hard limit: refused without hashing
  | 'too-many-records' // more NSEC/NSEC3 records than a proof may consider
  | 'nsec3-hash-budget' // the proof needed more hashes than allowed
  | 'nsec3-no-closest-encloser' // no ancestor of the name is matched
  | 'nsec3-next-closer-not-covered' // the closest encloser candidate is not proven closest
  | 'nsec3-not-opt-out'; // an insecure-delegation proof whose next-closer cover lacks opt-out

/** A secure proof. */
export interface DenialSecure {
  readonly ok: true;
  readonly status: 'secure';
  readonly proof: DenialProof;
  /** NSEC3 hashes computed for this proof (0 for NSEC). */
  readonly hashes: number;
}

/** A proof that the answer cannot be secure but is not forged either (RFC 4035 §4.3 "insecure"). */
export interface DenialInsecure {
  readonly ok: false;
  readonly status: 'insecure';
  readonly code: InsecureCode;
  readonly reason: string;
  readonly ede?: number;
  /** What was proven before the proof turned insecure (e.g. the closest encloser of an opt-out span). */
  readonly proof?: DenialProof;
  readonly hashes: number;
}

/** The records do not prove it: for a response that needs this proof, the answer is bogus. */
export interface DenialBogus {
  readonly ok: false;
  readonly status: 'bogus';
  readonly code: BogusCode;
  readonly reason: string;
  readonly ede: number;
  /** The record that contradicts the denial, where there is one. */
  readonly record?: ResourceRecord;
  readonly hashes: number;
}

/** Result of every proof function. Check `status` exhaustively; `ok` is true only when secure. */
export type DenialResult = DenialSecure | DenialInsecure | DenialBogus;

/** Builds a secure result. */
export function secure(proof: DenialProof, hashes = 0): DenialSecure {
  return Object.freeze({ ok: true, status: 'secure', proof: freezeProof(proof), hashes });
}

/** Builds an insecure result. */
export function insecure(
  code: InsecureCode,
  reason: string,
  extra: { ede?: number; proof?: DenialProof; hashes?: number } = {},
): DenialInsecure {
  const r: DenialInsecure = {
    ok: false,
    status: 'insecure',
    code,
    reason,
    hashes: extra.hashes ?? 0,
    ...(extra.ede !== undefined ? { ede: extra.ede } : {}),
    ...(extra.proof !== undefined ? { proof: freezeProof(extra.proof) } : {}),
  };
  return Object.freeze(r);
}

/** Builds a bogus result; EDE 12 (NSEC Missing) unless the records contradict the denial. */
export function bogus(
  code: BogusCode,
  reason: string,
  extra: { ede?: number; record?: ResourceRecord; hashes?: number } = {},
): DenialBogus {
  const r: DenialBogus = {
    ok: false,
    status: 'bogus',
    code,
    reason,
    ede: extra.ede ?? defaultEde(code),
    hashes: extra.hashes ?? 0,
    ...(extra.record !== undefined ? { record: extra.record } : {}),
  };
  return Object.freeze(r);
}

function defaultEde(code: BogusCode): number {
  switch (code) {
    case 'no-records':
    case 'not-covered':
    case 'wildcard-not-denied':
    case 'no-wildcard-record':
    case 'nsec3-no-closest-encloser':
    case 'nsec3-next-closer-not-covered':
      return EDE_NSEC_MISSING;
    case 'nsec3-iterations-bogus':
      return EDE_UNSUPPORTED_NSEC3_ITERATIONS;
    default:
      return EDE_DNSSEC_BOGUS;
  }
}

function freezeProof(p: DenialProof): DenialProof {
  return Object.freeze({ ...p, steps: Object.freeze(p.steps.map((s) => Object.freeze({ ...s }))) });
}

/**
 * The closest encloser of a wildcard expansion: the owner's right-most `rrsigLabels` labels
 * (RFC 4035 §5.3.4: the RRSIG Labels field counts the labels of the wildcard owner without `*`).
 * @throws RangeError when `rrsigLabels` does not leave at least one label of `owner` to expand
 */
export function wildcardClosestEncloser(owner: Name, rrsigLabels: number): Name {
  if (!Number.isInteger(rrsigLabels) || rrsigLabels < 0 || rrsigLabels >= owner.labelCount) {
    throw new RangeError(
      `expected RRSIG labels below the owner's ${owner.labelCount} labels for a wildcard expansion, got ${rrsigLabels}`,
    );
  }
  return owner.suffix(rrsigLabels);
}

/** True when a type bitmap (a list of type numbers) holds `type`. */
export function hasType(types: readonly number[], type: number): boolean {
  return types.includes(type);
}
