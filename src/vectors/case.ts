/**
 * The conformance suite's data model: one JSON object per vector ("case"), the form every vector
 * file of vectors/ is read into, that vectors/schemas/<kind>.schema.json describes and that an
 * adapter receives on stdin (without `expect`). Records travel as presentation-format lines, so
 * that another implementation needs no knowledge of our types.
 */

/** The kinds of vector, one schema each (vectors/schemas/<kind>.schema.json). */
export const VECTOR_KINDS = ['ds', 'rrsig', 'nsec3-hash', 'denial', 'validator', 'presentation'] as const;
export type VectorKind = (typeof VECTOR_KINDS)[number];

/** DNSSEC security statuses (RFC 4035 §4.3), as the validator and the denial proofs report them. */
export type VectorStatus = 'secure' | 'insecure' | 'bogus' | 'indeterminate';

interface CaseBase<K extends VectorKind> {
  /** Unique in the suite: the file's path under vectors/ without extension, `#item` for one of several. */
  readonly id: string;
  readonly kind: K;
  /** The vector file, relative to vectors/. */
  readonly file: string;
  /** Where the data comes from, and the mutation applied, if any. */
  readonly source: string;
}

/** A DS digest: the DS a DNSKEY gives with a digest type (RFC 4034 §5.1.4, RFC 4509, RFC 6605). */
export interface DsCase extends CaseBase<'ds'> {
  readonly dnskey: string;
  readonly digestType: number;
  readonly expect: { readonly digest: string };
}

/** One RRSIG over one RRset, checked with a DNSKEY set at a given time (RFC 4035 §5.3). */
export interface RrsigCase extends CaseBase<'rrsig'> {
  /** The validation time, UTC, in the RRSIG time form YYYYMMDDHHmmSS. */
  readonly now: string;
  readonly rrset: readonly string[];
  readonly rrsig: string;
  readonly keys: readonly string[];
  readonly expect: { readonly valid: boolean };
}

/** An NSEC3 owner-name hash (RFC 5155 §5), base32hex without padding, lower case. */
export interface Nsec3HashCase extends CaseBase<'nsec3-hash'> {
  readonly name: string;
  readonly hashAlgorithm: number;
  readonly saltHex: string;
  readonly iterations: number;
  readonly expect: { readonly hash: string };
}

export type DenialProofKind = 'nxdomain' | 'nodata' | 'wildcard-nodata' | 'wildcard-answer' | 'no-ds';

/**
 * A denial-of-existence proof from NSEC or NSEC3 records whose signatures are taken as verified
 * (RFC 4035 §5.4, RFC 5155 §8): the status it proves and, where given, details of the proof.
 */
export interface DenialCase extends CaseBase<'denial'> {
  readonly zone: string;
  readonly query: { readonly name: string; readonly type: string };
  readonly proof: DenialProofKind;
  /** For `wildcard-answer`: the closest encloser the RRSIG labels field gives (an input). */
  readonly closestEncloser?: string;
  readonly records: readonly string[];
  readonly expect: {
    readonly status: VectorStatus;
    readonly code?: string;
    /** For other proofs than `wildcard-answer`: the closest encloser a secure (or opt-out) proof reports. */
    readonly closestEncloser?: string;
    readonly proofKind?: string;
    readonly hashes?: number;
  };
}

/** One recorded response of a validator vector. */
export interface RecordedResponseCase {
  readonly name: string;
  readonly type: string;
  readonly rcode: string;
  readonly answer: readonly string[];
  readonly authority: readonly string[];
}

/** A whole lookup through a validating resolver: trust anchors, the clock and every response it needs. */
export interface ValidatorCase extends CaseBase<'validator'> {
  readonly now: string;
  readonly anchors: readonly string[];
  readonly query: { readonly name: string; readonly type: string };
  readonly responses: readonly RecordedResponseCase[];
  readonly expect: { readonly status: VectorStatus; readonly code?: string };
}

/** A record as written in a zone file and the one line it prints as (RFC 1035 §5.1, RFC 3597 §5). */
export interface PresentationCase extends CaseBase<'presentation'> {
  readonly input: string;
  readonly expect: { readonly text: string };
}

export type VectorCase = DsCase | RrsigCase | Nsec3HashCase | DenialCase | ValidatorCase | PresentationCase;

/** What an implementation answers for one case: the fields of that kind's `expect`, or why it cannot. */
export type VectorAnswer =
  | { readonly skip: string }
  | { readonly error: string }
  | Readonly<Record<string, unknown>>;

/** A vector file that could not be read into cases: it fails under its file's id. */
export interface LoadFailure {
  readonly id: string;
  readonly kind: VectorKind;
  readonly file: string;
  readonly reason: string;
}

/** The cases of one kind, and the files that failed to load. */
export interface LoadedKind<C extends VectorCase = VectorCase> {
  readonly cases: readonly C[];
  readonly failures: readonly LoadFailure[];
}

/** A case as an adapter receives it: everything but the expectation. */
export function caseInput(c: VectorCase): Omit<VectorCase, 'expect'> {
  const { expect: _expect, ...input } = c;
  return input;
}
