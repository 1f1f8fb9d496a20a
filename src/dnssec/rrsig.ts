/**
 * One RRset against one RRSIG and a DNSKEY set (RFC 4035 §5.3).
 *
 * `verifyRRset` checks, cheapest first: the RRSIG fields against the RRset (§5.3.1: owner, class,
 * type covered, labels, signer is the owner or an ancestor), the validity window in RFC 1982 serial
 * arithmetic (RFC 4034 §3.1.5), the algorithm, then tries the DNSKEYs named by signer, algorithm and
 * key tag (ZONE flag set, protocol 3, REVOKE clear) over the signed data of RFC 4034 §3.1.8.1 with
 * wildcard owner reconstruction (RFC 4035 §5.3.2). At most MAX_KEYS_PER_RRSIG keys are tried
 * (KeyTrap, CVE-2023-50387).
 *
 * Scope: this proves that *some* listed key signed the RRset. Whether that key is trusted (a DS
 * chain to an anchor), and whether the signer is the right zone for the owner, is the validator's.
 *
 * Speed: this is the hot path of validation. The signed data is written into one reused buffer,
 * names straight from their labels, and nothing allocates on success but the result and its
 * Date; reasons are built only on failure. bench/README.md has the measurements behind each step.
 */
import type { Name } from '../dns/name.ts';
import { DnsFormatError } from '../dns/errors.ts';
import type { DNSKEYData, RecordOf, ResourceRecord, RRSIGData } from '../dns/record.ts';
import { RRType, rrTypeToString } from '../dns/iana/rr-types.ts';
import { canonicalRdataSet } from '../dns/canonical.ts';
import { algorithmStatus, defaultBackend, verifySignature, type AlgorithmInfo, type CryptoPolicy } from './algorithms.ts';
import { keyTag } from './keytag.ts';
import { MAX_KEYS_PER_RRSIG } from './limits.ts';
import { formatTime, serialAdd, serialDiff, serialLt, serialToDate, toSerialTime } from './serial.ts';
import type { CryptoBackend } from './crypto/types.ts';

/** RFC 4034 §2.1.1: bit 7 of the flags, the ZONE key flag. */
export const DNSKEY_FLAG_ZONE = 0x0100;
/** RFC 5011 §2.1: bit 8, REVOKE. */
export const DNSKEY_FLAG_REVOKE = 0x0080;
/** RFC 4034 §2.1.1: bit 15, Secure Entry Point (informational only, never checked). */
export const DNSKEY_FLAG_SEP = 0x0001;
/** RFC 4034 §2.1.2: the protocol field must be 3. */
export const DNSKEY_PROTOCOL = 3;
/** Octets of RRSIG RDATA before the signer name: type covered .. key tag (RFC 4034 §3.1). */
export const RRSIG_FIXED_OCTETS = 18;

/** Why an RRset did not verify. */
export type RRsetVerifyCode =
  | 'empty-rrset'
  | 'rrset-inconsistent' // records of the "RRset" differ in owner, type or class
  | 'rrset-malformed' // a record's RDATA does not fit its type (canonical form impossible)
  | 'rrsig-owner-mismatch'
  | 'rrsig-class-mismatch'
  | 'rrsig-type-mismatch'
  | 'rrsig-labels-exceed-owner'
  | 'rrsig-signer-not-ancestor'
  | 'rrsig-window-inverted'
  | 'signature-expired'
  | 'signature-not-yet-valid'
  | 'algorithm-unsupported'
  | 'algorithm-disabled'
  | 'dnskey-missing'
  | 'dnskey-not-zone-key'
  | 'dnskey-revoked'
  | 'dnskey-bad-protocol'
  | 'key-malformed'
  | 'signature-malformed'
  | 'signature-invalid'
  | 'key-attempts-exceeded';

/** RFC 8914 Extended DNS Error for each code. */
export const EDE_FOR_CODE: Readonly<Record<RRsetVerifyCode, number>> = Object.freeze({
  'empty-rrset': 6,
  'rrset-inconsistent': 6,
  'rrset-malformed': 6,
  'rrsig-owner-mismatch': 6,
  'rrsig-class-mismatch': 6,
  'rrsig-type-mismatch': 6,
  'rrsig-labels-exceed-owner': 6,
  'rrsig-signer-not-ancestor': 6,
  'rrsig-window-inverted': 6,
  'signature-expired': 7,
  'signature-not-yet-valid': 8,
  'algorithm-unsupported': 1,
  'algorithm-disabled': 1,
  'dnskey-missing': 9,
  'dnskey-not-zone-key': 11,
  'dnskey-revoked': 6,
  'dnskey-bad-protocol': 6,
  'key-malformed': 6,
  'signature-malformed': 6,
  'signature-invalid': 6,
  'key-attempts-exceeded': 6,
});

/** A verified RRset: which key signed it and how long the result may be kept. */
export interface RRsetVerified {
  readonly ok: true;
  /** The DNSKEY whose signature verified. */
  readonly key: RecordOf<typeof RRType.DNSKEY>;
  readonly keyTag: number;
  /**
   * Seconds the RRset may be kept (RFC 4035 §5.3.3): the least of the records' TTLs, the RRSIG's
   * original TTL and the time left until the signature expires.
   */
  readonly ttl: number;
  /** When the signature expires. */
  readonly expiresAt: Date;
}

/** An RRset that did not verify, with a machine-readable code, an RFC 8914 EDE and words for people. */
export interface RRsetVerifyFailure {
  readonly ok: false;
  readonly code: RRsetVerifyCode;
  /** RFC 8914 Extended DNS Error code. */
  readonly ede: number;
  /** Words for people: which RRset, which signer and key, which check. */
  readonly reason: string;
  /** Signature verifications performed (bounded by `maxKeyAttempts`). */
  readonly attempts: number;
}

/** The result of {@link verifyRRset}: check `ok` before using either branch. */
export type RRsetVerifyResult = RRsetVerified | RRsetVerifyFailure;

/** Input of {@link verifyRRset}; only `rrset`, `rrsig` and `keys` are required. */
export interface VerifyRRsetInput {
  /** The RRset: every record with the same owner, class and type. Duplicates are harmless. */
  readonly rrset: readonly ResourceRecord[];
  /** One RRSIG record covering it. */
  readonly rrsig: ResourceRecord;
  /** Candidate DNSKEY records (normally the signer zone's DNSKEY RRset); others are ignored. */
  readonly keys: readonly ResourceRecord[];
  /** The clock (default: now). */
  readonly now?: Date;
  /** Seconds of clock skew tolerated at both ends of the validity window (default 0). */
  readonly clockSkewSeconds?: number;
  /** Crypto policy (SHA-1 algorithms on or off). */
  readonly policy?: CryptoPolicy;
  /** Crypto backend (default: native when available). */
  readonly backend?: CryptoBackend;
  /** Bound on signature checks for this RRSIG (default MAX_KEYS_PER_RRSIG). */
  readonly maxKeyAttempts?: number;
  /**
   * Accept a key with the REVOKE bit for its own self-signature over the DNSKEY RRset that holds it:
   * only for RFC 5011 §2.1 revocation processing of trust anchors. Default false: a revoked key
   * validates nothing.
   */
  readonly allowRevokedSelfSignature?: boolean;
}

const PROBLEM_RANK: Readonly<Record<string, number>> = {
  'dnskey-bad-protocol': 1,
  'dnskey-not-zone-key': 2,
  'dnskey-revoked': 3,
  'key-malformed': 4,
  'signature-malformed': 5,
  'signature-invalid': 6,
};

interface Problem {
  readonly code: RRsetVerifyCode;
  readonly detail: string;
}

/** The more telling of two problems (PROBLEM_RANK). */
function worse(p: Problem | undefined, code: RRsetVerifyCode, detail: string): Problem {
  return p && (PROBLEM_RANK[code] ?? 0) <= (PROBLEM_RANK[p.code] ?? 0) ? p : { code, detail };
}

/**
 * A failure result. The reason's subject is built here, only on failure: printing names costs
 * more than all the checks of a successful verification (measured).
 */
function failure(
  sig: RecordOf<typeof RRType.RRSIG>,
  first: ResourceRecord | undefined,
  attempts: number,
  code: RRsetVerifyCode,
  detail: string,
): RRsetVerifyFailure {
  const d = sig.data;
  return {
    ok: false,
    code,
    ede: EDE_FOR_CODE[code],
    reason: `RRSIG for ${(first?.name ?? sig.name).toString()} ${rrTypeToString(first?.type ?? d.typeCovered)} by ${d.signerName.toString()} key ${d.keyTag} ${detail}`,
    attempts,
  };
}

/** Key tags by RDATA object: a validator re-checks the same cached DNSKEY RRset many times. */
const keyTags = new WeakMap<Uint8Array, number>();
function cachedKeyTag(rdata: Uint8Array): number {
  let t = keyTags.get(rdata);
  if (t === undefined) {
    t = keyTag(rdata);
    keyTags.set(rdata, t);
  }
  return t;
}

function isDnskey(rr: ResourceRecord): rr is RecordOf<typeof RRType.DNSKEY> {
  return rr.type === RRType.DNSKEY;
}

/** The owner name as signed: `*.` + the right-most `labels` labels when fewer than the owner has (RFC 4035 §5.3.2). */
export function signedOwner(owner: Name, labels: number): Name {
  return labels < owner.rrsigLabelCount ? owner.suffix(labels).wildcard() : owner;
}

/**
 * Octets of the reusable buffer that verifyRRset builds signed data in: an RRset whose signed data
 * fits is verified without allocating it (measured: allocating a 600-octet Uint8Array costs ~0.6 us
 * on Node 20, a fifth of all the other per-call work of an RSA verification). Larger ones get
 * their own array.
 */
export const SIGNED_DATA_SCRATCH_OCTETS = 16 * 1024;
/** RDATA up to this many octets is copied by a loop; longer by TypedArray#set (cheaper from here on, measured). */
const COPY_LOOP_MAX_OCTETS = 24;

let scratch: Uint8Array | undefined;
/** True while a verification reads the scratch buffer (a re-entrant call then allocates its own). */
let scratchBusy = false;

/** Octets of the signed owner's wire form when restored to its wildcard (see {@link signedOwner}). */
function wildcardOwnerLength(owner: Name, labels: number): number {
  const ls = owner.labels;
  let len = 3; // the `*` label (2 octets) and the root (1)
  for (let i = ls.length - labels; i < ls.length; i++) len += ls[i]!.length + 1;
  return len;
}

/** Writes labels[from..] and the root in canonical (lower-case) wire form; returns the offset after. */
function writeCanonicalLabels(out: Uint8Array, o: number, ls: readonly Uint8Array[], from: number): number {
  for (let i = from; i < ls.length; i++) {
    const l = ls[i]!;
    out[o++] = l.length;
    for (let j = 0; j < l.length; j++) {
      const b = l[j]!;
      out[o++] = b >= 0x41 && b <= 0x5a ? b | 0x20 : b; // RFC 4034 §6.2: ASCII A-Z only
    }
  }
  out[o++] = 0;
  return o;
}

/**
 * Signed data (RFC 4034 §3.1.8.1) into the scratch buffer when `useScratch` and it fits, else
 * into a new array. `fixed` holds the 18 RRSIG octets before the signer name at its start.
 */
function writeSignedData(
  rrset: readonly ResourceRecord[],
  fixed: Uint8Array,
  signerName: Name,
  labels: number,
  originalTtl: number,
  useScratch: boolean,
): Uint8Array {
  const first = rrset[0]!;
  const owner = first.name;
  // RFC 4035 §5.3.2: fewer labels than the owner has means a wildcard expansion.
  const expanded = labels < owner.rrsigLabelCount;
  const ownerLength = expanded ? wildcardOwnerLength(owner, labels) : owner.wireLength;
  const rdatas = canonicalRdataSet(rrset);
  let size = RRSIG_FIXED_OCTETS + signerName.wireLength;
  for (let i = 0; i < rdatas.length; i++) size += ownerLength + 10 + rdatas[i]!.length;
  let out: Uint8Array;
  if (useScratch && size <= SIGNED_DATA_SCRATCH_OCTETS) out = scratch ??= new Uint8Array(SIGNED_DATA_SCRATCH_OCTETS);
  else out = new Uint8Array(size);
  for (let i = 0; i < RRSIG_FIXED_OCTETS; i++) out[i] = fixed[i]!;
  // RFC 4034 §3.1.8.1: the signer name in canonical form (§6.2)
  let o = writeCanonicalLabels(out, RRSIG_FIXED_OCTETS, signerName.labels, 0);
  // The owner, in canonical form and restored to its wildcard (RFC 4035 §5.3.2), written once and
  // copied for the other records.
  const ownerAt = o;
  if (!expanded) writeCanonicalLabels(out, o, owner.labels, 0);
  else {
    out[o] = 1;
    out[o + 1] = 0x2a;
    writeCanonicalLabels(out, o + 2, owner.labels, owner.labels.length - labels);
  }
  // type | class | original TTL are the same for every RR (RFC 4034 §3.1.8.1)
  const t = first.type, c = first.class, ttl = originalTtl >>> 0;
  for (let k = 0; k < rdatas.length; k++) {
    const r = rdatas[k]!;
    if (k > 0) for (let i = 0; i < ownerLength; i++) out[o + i] = out[ownerAt + i]!;
    o += ownerLength;
    out[o] = t >> 8;
    out[o + 1] = t & 0xff;
    out[o + 2] = c >> 8;
    out[o + 3] = c & 0xff;
    out[o + 4] = ttl >>> 24;
    out[o + 5] = (ttl >>> 16) & 0xff;
    out[o + 6] = (ttl >>> 8) & 0xff;
    out[o + 7] = ttl & 0xff;
    out[o + 8] = r.length >> 8;
    out[o + 9] = r.length & 0xff;
    o += 10;
    if (r.length <= COPY_LOOP_MAX_OCTETS) for (let i = 0; i < r.length; i++) out[o + i] = r[i]!;
    else out.set(r, o);
    o += r.length;
  }
  return out === scratch ? scratchView(size) : out;
}

/**
 * Views of the scratch buffer by length, so that a verification of a familiar size does not
 * allocate a view either (a subarray costs ~70 ns, measured). At most SCRATCH_VIEWS entries.
 */
const scratchViews = new Map<number, Uint8Array>();
/** Bound on the cached views of the scratch buffer (one per signed-data length seen). */
const SCRATCH_VIEWS = 64;

function scratchView(size: number): Uint8Array {
  let view = scratchViews.get(size);
  if (view === undefined) {
    if (scratchViews.size >= SCRATCH_VIEWS) scratchViews.clear();
    view = scratch!.subarray(0, size);
    scratchViews.set(size, view);
  }
  return view;
}

/**
 * The data an RRSIG signs (RFC 4034 §3.1.8.1): the RRSIG RDATA without the signature, signer name
 * in canonical form, then each RR of the RRset in canonical form (owner lower-cased and restored to
 * its wildcard when `labels` says so; the original TTL; canonical RDATA) in canonical order with
 * duplicates removed (RFC 4034 §6.3). Returns a new array.
 * @param rrsigFixed the first 18 octets of the RRSIG RDATA (type covered .. key tag)
 */
export function buildSignedData(
  rrset: readonly ResourceRecord[],
  rrsigFixed: Uint8Array,
  signerName: Name,
  labels: number,
  originalTtl: number,
): Uint8Array {
  if (!rrset[0]) throw new RangeError('expected a non-empty RRset');
  if (rrsigFixed.length !== RRSIG_FIXED_OCTETS) throw new RangeError(`expected ${RRSIG_FIXED_OCTETS} RRSIG octets, got length=${rrsigFixed.length}`);
  return writeSignedData(rrset, rrsigFixed, signerName, labels, originalTtl, false);
}

/** The fixed 18 octets of an RRSIG's RDATA, from its structured fields. */
export function rrsigFixedOctets(d: Omit<RRSIGData, 'signerName' | 'signature'>): Uint8Array {
  const out = new Uint8Array(RRSIG_FIXED_OCTETS);
  const v = new DataView(out.buffer);
  v.setUint16(0, d.typeCovered);
  v.setUint8(2, d.algorithm);
  v.setUint8(3, d.labels);
  v.setUint32(4, d.originalTtl >>> 0);
  v.setUint32(8, d.expiration >>> 0);
  v.setUint32(12, d.inception >>> 0);
  v.setUint16(16, d.keyTag);
  return out;
}

/** The 18 octets before the signer name: from the RDATA bytes (the source of truth) when present. */
function fixedOctetsOf(rrsig: RecordOf<typeof RRType.RRSIG>): Uint8Array {
  return rrsig.rdata.length >= RRSIG_FIXED_OCTETS ? rrsig.rdata : rrsigFixedOctets(rrsig.data);
}

/** The RRSIG's signed data, built from its RDATA bytes (the source of truth) and the RRset; a new array. */
export function rrsigSignedData(rrset: readonly ResourceRecord[], rrsig: RecordOf<typeof RRType.RRSIG>): Uint8Array {
  const d = rrsig.data;
  if (!rrset[0]) throw new RangeError('expected a non-empty RRset');
  return writeSignedData(rrset, fixedOctetsOf(rrsig), d.signerName, d.labels, d.originalTtl, false);
}

/**
 * Verifies an RRset with one RRSIG and a set of candidate DNSKEYs (RFC 4035 §5.3).
 * Never throws for data that fails to verify: the result says which check failed.
 * @throws TypeError when `rrsig` is not an RRSIG record, `now` is an Invalid Date or
 *   `clockSkewSeconds` is not finite (caller misuse)
 */
export function verifyRRset(input: VerifyRRsetInput): RRsetVerifyResult {
  const { rrset, rrsig } = input;
  if (rrsig.type !== RRType.RRSIG) throw new TypeError(`expected an RRSIG record, got type ${rrTypeToString(rrsig.type)}`);
  const sig = rrsig as RecordOf<typeof RRType.RRSIG>;
  const d = sig.data;
  const now = input.now ?? new Date();
  // An Invalid Date would make every serial comparison false, and so pass the window: misuse.
  if (Number.isNaN(now.getTime())) throw new TypeError('expected a valid Date for now, got an Invalid Date');
  const skewInput = input.clockSkewSeconds ?? 0;
  // NaN or Infinity would make the serial comparisons meaningless (and NaN passed any window): misuse.
  if (!Number.isFinite(skewInput)) throw new TypeError(`expected a finite clockSkewSeconds, got ${skewInput}`);
  const backend = input.backend ?? defaultBackend();
  const attempts = 0;

  const first = rrset[0];
  // ---- RRSIG fields against the RRset: RFC 4035 §5.3.1 ----
  if (!first) return failure(sig, first, attempts, 'empty-rrset', 'covers an empty RRset');
  for (let i = 1; i < rrset.length; i++) {
    const rr = rrset[i]!;
    if (rr.type !== first.type || rr.class !== first.class || !rr.name.equals(first.name)) {
      return failure(sig, first, attempts, 'rrset-inconsistent', `covers records that differ in owner, class or type (${rr.name.toString()} ${rrTypeToString(rr.type)})`);
    }
  }
  // §5.3.1: the RRSIG RR and the RRset MUST have the same owner name and the same class.
  if (!sig.name.equals(first.name)) return failure(sig, first, attempts, 'rrsig-owner-mismatch', `has owner ${sig.name.toString()}, not the RRset owner`);
  if (sig.class !== first.class) return failure(sig, first, attempts, 'rrsig-class-mismatch', `has class ${sig.class}, not the RRset class ${first.class}`);
  // §5.3.1: the Type Covered field MUST equal the RRset's type.
  if (d.typeCovered !== first.type) {
    return failure(sig, first, attempts, 'rrsig-type-mismatch', `covers type ${rrTypeToString(d.typeCovered)}, not ${rrTypeToString(first.type)}`);
  }
  // §5.3.1: the Labels field MUST be less than or equal to the owner's label count (no leading '*').
  if (d.labels > first.name.rrsigLabelCount) {
    return failure(sig, first, attempts, 'rrsig-labels-exceed-owner', `has labels field ${d.labels}, more than the ${first.name.rrsigLabelCount} labels of the owner`);
  }
  // §5.3.1: the Signer's Name MUST be the zone of the RRset: the owner or an ancestor.
  if (!first.name.isSubdomainOf(d.signerName)) {
    return failure(sig, first, attempts, 'rrsig-signer-not-ancestor', `names a signer that is neither the owner nor an ancestor of it`);
  }

  // ---- validity window: RFC 4035 §5.3.1, RFC 4034 §3.1.5 (serial arithmetic) ----
  const skew = Math.max(0, Math.floor(skewInput));
  const now32 = toSerialTime(now);
  if (serialLt(d.expiration, d.inception)) {
    return failure(sig, first, attempts, 'rrsig-window-inverted', `has expiration ${formatTime(serialToDate(d.expiration, now))} before inception ${formatTime(serialToDate(d.inception, now))}`);
  }
  if (serialLt(serialAdd(d.expiration, skew), now32)) {
    return failure(sig, first, attempts, 'signature-expired', `expired ${formatTime(serialToDate(d.expiration, now))}, now ${formatTime(now)}`);
  }
  if (serialLt(now32, serialAdd(d.inception, -skew))) {
    return failure(sig, first, attempts, 'signature-not-yet-valid', `is not valid before ${formatTime(serialToDate(d.inception, now))}, now ${formatTime(now)}`);
  }

  // ---- algorithm ----
  const status = algorithmStatus(d.algorithm, input.policy);
  if (!status.supported) return failure(sig, first, attempts, status.code, `not verifiable: ${status.detail}`);

  // ---- candidate keys: signer's DNSKEYs with this algorithm and key tag ----
  const candidates: RecordOf<typeof RRType.DNSKEY>[] = [];
  for (const k of input.keys) {
    if (!isDnskey(k) || k.data.algorithm !== d.algorithm || k.rdata.length < 4) continue;
    if (cachedKeyTag(k.rdata) !== d.keyTag || !k.name.equals(d.signerName)) continue;
    candidates.push(k);
  }
  if (candidates.length === 0) return failure(sig, first, attempts, 'dnskey-missing', `has no DNSKEY: none of ${d.signerName.toString()} with algorithm ${d.algorithm} and key tag ${d.keyTag}`);

  // The signed data lives in the scratch buffer from here until the key loop ends; a re-entrant
  // call (a backend that verifies through verifyRRset) finds it busy and allocates its own.
  const useScratch = !scratchBusy;
  let signedData: Uint8Array;
  try {
    signedData = writeSignedData(rrset, fixedOctetsOf(sig), d.signerName, d.labels, d.originalTtl, useScratch);
  } catch (e) {
    // RDATA that does not fit its type's layout cannot be put in canonical form: not verifiable.
    if (e instanceof DnsFormatError) return failure(sig, first, attempts, 'rrset-malformed', `covers a record whose RDATA is malformed (${e.message})`);
    throw e;
  }
  if (useScratch) scratchBusy = true;
  try {
    return tryKeys(input, sig, first, candidates, status.info, signedData, backend, now, now32);
  } finally {
    if (useScratch) scratchBusy = false;
  }
}

/** A constant-shape success result; the TTL is bounded by RFC 4035 §5.3.3. */
function verified(
  rrset: readonly ResourceRecord[],
  d: RRSIGData,
  k: RecordOf<typeof RRType.DNSKEY>,
  now: Date,
  now32: number,
): RRsetVerified {
  const untilExpiry = serialDiff(now32, d.expiration);
  let ttl = d.originalTtl < untilExpiry ? d.originalTtl : untilExpiry;
  for (let i = 0; i < rrset.length; i++) {
    const t = rrset[i]!.ttl;
    if (t < ttl) ttl = t;
  }
  if (ttl < 0) ttl = 0;
  // the instant nearest to `now` that the expiration denotes, as serialToDate computes it
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + untilExpiry) * 1000);
  return { ok: true, key: k, keyTag: d.keyTag, ttl, expiresAt };
}

/** Tries each candidate key over the signed data: RFC 4034 §2.1 key checks, then the signature. */
function tryKeys(
  input: VerifyRRsetInput,
  sig: RecordOf<typeof RRType.RRSIG>,
  first: ResourceRecord,
  candidates: readonly RecordOf<typeof RRType.DNSKEY>[],
  info: AlgorithmInfo,
  signedData: Uint8Array,
  backend: CryptoBackend,
  now: Date,
  now32: number,
): RRsetVerifyResult {
  const { rrset } = input;
  const d = sig.data;
  const maxAttempts = input.maxKeyAttempts ?? MAX_KEYS_PER_RRSIG;
  let attempts = 0;
  // When no key verifies, report the most telling problem: a cryptographic failure of a usable key
  // says more than a flag problem of another key that merely shares the tag.
  let problem: Problem | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const k = candidates[i]!;
    const kd: DNSKEYData = k.data;
    // RFC 4034 §2.1.2: protocol MUST be 3, else the key is not a DNSSEC key.
    if (kd.protocol !== DNSKEY_PROTOCOL) {
      problem = worse(problem, 'dnskey-bad-protocol', `has only a DNSKEY with protocol ${kd.protocol}, not 3`);
      continue;
    }
    // RFC 4034 §2.1.1: a key without the ZONE flag MUST NOT be used to verify RRSIGs over RRsets.
    if ((kd.flags & DNSKEY_FLAG_ZONE) === 0) {
      problem = worse(problem, 'dnskey-not-zone-key', 'has only a DNSKEY without the ZONE flag');
      continue;
    }
    // RFC 5011 §2.1: a revoked key validates nothing (but its own revocation self-signature, on request).
    if ((kd.flags & DNSKEY_FLAG_REVOKE) !== 0) {
      const selfSig = input.allowRevokedSelfSignature === true && first.type === RRType.DNSKEY && rrset.some((r) => r === k || (r.rdata.length === k.rdata.length && r.rdata.every((b, j) => b === k.rdata[j])));
      if (!selfSig) {
        problem = worse(problem, 'dnskey-revoked', 'has only a DNSKEY with the REVOKE flag (RFC 5011)');
        continue;
      }
    }
    if (attempts >= maxAttempts) {
      return failure(sig, first, attempts, 'key-attempts-exceeded', `not verified: ${candidates.length} DNSKEYs share this key tag; stopped after ${attempts} failed checks (limit ${maxAttempts}, KeyTrap)`);
    }
    attempts++;
    const check = verifySignature(info, kd.publicKey, signedData, d.signature, backend);
    if (check.ok) return verified(rrset, d, k, now, now32);
    problem = worse(problem, check.code, check.detail);
  }
  const p: Problem = problem ?? { code: 'signature-invalid', detail: 'does not verify' };
  return failure(sig, first, attempts, p.code, p.detail);
}
