/**
 * NSEC3 denial-of-existence proofs (RFC 5155 §8, RFC 9276 §3.2), as pure functions over NSEC3
 * records whose RRSIGs the validator has already verified with the keys of `zone`.
 *
 * Vocabulary (see denial.ts): a record *matches* a name when its owner label is the name's hash; it
 * *covers* a name when the name's hash falls strictly between the owner hash and the next hash, in
 * hash order, wrapping at the end of the chain. "Covers" is about hashes only.
 *
 * What is enforced, each rule confirmed against Unbound's validator/val_nsec3.c:
 * - records with an unknown hash algorithm or flags other than 0/1 are ignored (RFC 5155 §8.1,
 *   §8.2); a proof built only from unknown-algorithm records is insecure (the zone's denial cannot
 *   be checked, as with an unsupported DNSKEY algorithm); owners must be `<hash>.<zone>` with a hash
 *   of the algorithm's length, else the record is ignored (nsec3_covers, filter_init);
 * - every usable record of one proof must share hash algorithm, iterations and salt, else bogus
 *   (RFC 5155 §8.2 "MAY"; param_set_same);
 * - iterations above the bogus limit make the proof bogus (EDE 27) without hashing anything;
 *   iterations above the insecure limit make a proof that holds insecure (EDE 27, RFC 9276 §3.2),
 *   but only once it has been checked: records that do not match or cover what they must are
 *   bogus, whatever their iteration count. This is stricter than Unbound and BIND (which return
 *   insecure on the count alone, nsec3_iteration_count_high) on purpose: with the count alone, one
 *   validly signed NSEC3 of such a zone, replayed beside any denial of that zone, would make it
 *   insecure, and so switch DANE off (issue #11). The price is the hashing of such a proof, bounded
 *   by {@link NSEC3_MAX_HASH_WORK} like any other;
 * - closest encloser proof (RFC 5155 §8.3): the longest ancestor of the name that is matched, which
 *   must be neither a delegation (NS without SOA) nor a DNAME owner (RFC 6840 §4.1), and a cover of
 *   the next closer name (nsec3_prove_closest_encloser);
 * - an opt-out cover of the next closer name never gives a secure denial: NXDOMAIN, wildcard and
 *   DS proofs that depend on it come out insecure (RFC 5155 §9.2; every `nsec3_has_optout` branch).
 *
 * Work is bounded: at most {@link MAX_DENIAL_RECORDS} records per proof, and per proof at most
 * {@link NSEC3_MAX_HASHES} hash computations and {@link NSEC3_MAX_HASH_WORK} SHA-1 computations
 * in all (so many iterations mean fewer hashes), each name hashed once (memoised).
 *
 * Limitations: proveNoData is strict RFC 5155 §8.5 for types other than DS (a matching NSEC3 is
 * required; Unbound also accepts an opt-out cover there as insecure). An NSEC3 record with NS set
 * and DS clear matching a non-DS NODATA question is bogus here, insecure in Unbound.
 */
import type { Name } from '../dns/name.ts';
import { fromBase32Hex } from '../dns/encoding.ts';
import { RRType, rrTypeToString as typeName } from '../dns/iana/rr-types.ts';
import { isType, type RecordOf, type ResourceRecord } from '../dns/record.ts';
import { compareBytes } from '../dns/canonical.ts';
import { NSEC3_HASH_SHA1, NSEC3_SHA1_LENGTH, nsec3HashBytes } from './nsec3-hash.ts';
import {
  bogus,
  countOption,
  EDE_UNSUPPORTED_NSEC3_ITERATIONS,
  hasType,
  insecure,
  MAX_DENIAL_RECORDS,
  secure,
  type DenialKind,
  type DenialOptions,
  type DenialProof,
  type DenialResult,
  type ProofStep,
} from './denial.ts';

/** RFC 9276 §3.2: above this many iterations a proof that holds is insecure (BIND and Unbound use 150, on the count alone). */
export const NSEC3_MAX_ITERATIONS_INSECURE = 150;
/** Above this many iterations a proof is bogus, refused without hashing. */
export const NSEC3_MAX_ITERATIONS_BOGUS = 500;
/** RFC 1035 §2.3.4: 255 octets hold at most 127 labels. */
const MAX_NAME_LABELS = 127;
/**
 * Most NSEC3 hashes one proof may compute. The closest encloser search hashes the name and each
 * ancestor down to the zone apex (at most {@link MAX_NAME_LABELS} + 1 names), and a proof adds one
 * more for the wildcard: no well-formed proof needs more. At the insecure iteration limit this caps
 * a proof at 129 x 151 SHA-1 computations.
 */
export const NSEC3_MAX_HASHES = MAX_NAME_LABELS + 2;
/**
 * Most SHA-1 computations one proof may spend: an NSEC3 hash with N iterations costs N + 1. Set so
 * that the worst proof costs what {@link NSEC3_MAX_HASHES} hashes cost at the insecure limit
 * (129 x 151 = 19,479; measured ~50-70 ms here), however many iterations a zone uses. A proof with
 * 500 iterations may so hash 38 names, enough for a name 37 labels below its zone (a TLSA name
 * needs 4 or 5); without this bound it could cost 129 x 501 (~190-220 ms, measured).
 */
export const NSEC3_MAX_HASH_WORK = NSEC3_MAX_HASHES * (NSEC3_MAX_ITERATIONS_INSECURE + 1);
/** RFC 5155 §3.1.2: the opt-out flag. Other flag bits make the record unusable (§8.2). */
const FLAG_OPT_OUT = 0x01;

/** Options of the NSEC3 proofs. Field names match the validator's limits object. */
export interface Nsec3Options extends DenialOptions {
  /** Iterations above which a proof is insecure (default {@link NSEC3_MAX_ITERATIONS_INSECURE}). */
  readonly nsec3InsecureIterations?: number;
  /** Iterations above which a proof is bogus without hashing (default {@link NSEC3_MAX_ITERATIONS_BOGUS}). */
  readonly nsec3BogusIterations?: number;
  /** Hashes one proof may compute (default {@link NSEC3_MAX_HASHES}). */
  readonly maxNsec3Hashes?: number;
  /** SHA-1 computations one proof may spend, iterations + 1 per hash (default {@link NSEC3_MAX_HASH_WORK}). */
  readonly maxNsec3HashWork?: number;
  /**
   * Called before each hash is computed, with the iteration count: the call's budget is charged here
   * (it throws to stop the proof; the exception passes through unchanged).
   */
  readonly onHash?: (iterations: number) => void;
}

type NSEC3Record = RecordOf<typeof RRType.NSEC3>;

/** A usable NSEC3 record with its owner hash decoded. */
interface Entry {
  readonly rr: NSEC3Record;
  readonly ownerHash: Uint8Array;
  readonly optOut: boolean;
}

/** Thrown inside a proof when the hash budget runs out; turned into a bogus result at the top. */
class HashBudgetExceeded extends Error {}

/** The state of one proof: the zone's usable records, their parameters, and the hash memo. */
class Nsec3Context {
  hashes = 0;
  private readonly memo = new Map<string, Uint8Array>();

  constructor(
    readonly zone: Name,
    readonly entries: readonly Entry[],
    private readonly salt: Uint8Array,
    readonly iterations: number,
    private readonly maxHashes: number,
    private readonly maxWork: number,
    /** Set when the iteration count is above the insecure limit (this limit): a proof that holds is insecure. */
    readonly insecureAbove: number | undefined,
    private readonly onHash: ((iterations: number) => void) | undefined,
  ) {}

  /** H(name) with this proof's parameters (RFC 5155 §5), memoised per name. */
  hash(name: Name): Uint8Array {
    const key = name.key();
    const known = this.memo.get(key);
    if (known) return known;
    if (this.hashes >= this.maxHashes || (this.hashes + 1) * (this.iterations + 1) > this.maxWork) throw new HashBudgetExceeded();
    this.onHash?.(this.iterations);
    this.hashes++;
    const h = nsec3HashBytes(name.toCanonicalWire(), this.salt, this.iterations);
    this.memo.set(key, h);
    return h;
  }

  /** The record whose owner is the hash of `name`. */
  match(name: Name): Entry | undefined {
    const h = this.hash(name);
    return this.entries.find((e) => compareBytes(e.ownerHash, h) === 0);
  }

  /** The record whose hash interval strictly contains the hash of `name` (RFC 5155 §1.3 "covers"). */
  cover(name: Name): Entry | undefined {
    const h = this.hash(name);
    return this.entries.find((e) => {
      const owner = e.ownerHash;
      const next = e.rr.data.nextHashedOwnerName;
      if (compareBytes(owner, next) < 0) return compareBytes(owner, h) < 0 && compareBytes(h, next) < 0;
      // Last record of the chain (next <= owner; next == owner for a one-record chain): it covers
      // the hashes after its owner and those before the first owner (nsec3_covers).
      return compareBytes(h, owner) > 0 || compareBytes(h, next) < 0;
    });
  }
}

/** Sets up a proof: filters the records, checks parameters and iteration limits. */
function prepare(nsec3s: readonly ResourceRecord[], zone: Name, options: Nsec3Options): Nsec3Context | DenialResult {
  const maxRecords = countOption(options.maxDenialRecords, MAX_DENIAL_RECORDS, 'maxDenialRecords');
  const insecureAbove = countOption(options.nsec3InsecureIterations, NSEC3_MAX_ITERATIONS_INSECURE, 'nsec3InsecureIterations');
  const bogusAbove = countOption(options.nsec3BogusIterations, NSEC3_MAX_ITERATIONS_BOGUS, 'nsec3BogusIterations');
  const maxHashes = countOption(options.maxNsec3Hashes, NSEC3_MAX_HASHES, 'maxNsec3Hashes');
  const maxWork = countOption(options.maxNsec3HashWork, NSEC3_MAX_HASH_WORK, 'maxNsec3HashWork');

  const entries: Entry[] = [];
  let unknownHash = 0;
  for (const rr of nsec3s) {
    if (!isType(rr, RRType.NSEC3)) continue;
    // The owner is `<base32hex hash>.<zone>` (RFC 5155 §3); anything else is not this zone's chain.
    if (rr.name.labelCount !== zone.labelCount + 1 || !rr.name.parent().equals(zone)) continue;
    if (rr.data.hashAlgorithm !== NSEC3_HASH_SHA1) {
      unknownHash++; // RFC 5155 §8.1: ignored
      continue;
    }
    if ((rr.data.flags & ~FLAG_OPT_OUT) !== 0) continue; // RFC 5155 §8.2: ignored
    const ownerHash = decodeOwnerHash(rr.name.labels[0]!);
    if (ownerHash?.length !== NSEC3_SHA1_LENGTH || rr.data.nextHashedOwnerName.length !== NSEC3_SHA1_LENGTH) continue;
    entries.push({ rr, ownerHash, optOut: (rr.data.flags & FLAG_OPT_OUT) !== 0 });
  }
  if (entries.length === 0) {
    if (unknownHash > 0) {
      return insecure('nsec3-unknown-hash', `every NSEC3 record of zone ${zone} uses a hash algorithm this validator does not know (RFC 5155 §8.1)`);
    }
    return bogus('no-records', `no usable NSEC3 record of zone ${zone}`);
  }
  if (entries.length > maxRecords) {
    return bogus('too-many-records', `${entries.length} NSEC3 records offered for one proof; at most ${maxRecords} are considered`);
  }
  const first = entries[0]!.rr.data;
  for (const e of entries) {
    const d = e.rr.data;
    if (d.iterations !== first.iterations || compareBytes(d.salt, first.salt) !== 0) {
      return bogus(
        'nsec3-parameter-mismatch',
        `NSEC3 records of zone ${zone} from different chains (iterations ${first.iterations} and ${d.iterations}, or different salts) (RFC 5155 §8.2)`,
        { record: e.rr },
      );
    }
  }
  // RFC 9276 §3.2: decide on the iteration count before any hashing.
  if (first.iterations > bogusAbove) {
    return bogus('nsec3-iterations-bogus', `NSEC3 of zone ${zone} uses ${first.iterations} iterations, above the limit of ${bogusAbove}: refused without hashing`, {
      ede: EDE_UNSUPPORTED_NSEC3_ITERATIONS,
    });
  }
  // Above the insecure limit the proof still runs: only a proof that holds may come out insecure.
  return new Nsec3Context(zone, entries, first.salt, first.iterations, maxHashes, maxWork, first.iterations > insecureAbove ? insecureAbove : undefined, options.onHash);
}

function decodeOwnerHash(label: Uint8Array): Uint8Array | undefined {
  try {
    return fromBase32Hex(String.fromCharCode(...label));
  } catch {
    return undefined; // not base32hex: not an NSEC3 owner
  }
}

function isResult(x: unknown): x is DenialResult {
  return typeof x === 'object' && x !== null && 'status' in x;
}

/** Runs a proof body with its context, turning an exhausted hash budget into a bogus result. */
function run(
  nsec3s: readonly ResourceRecord[],
  zone: Name,
  names: readonly Name[],
  options: Nsec3Options,
  body: (ctx: Nsec3Context) => DenialResult,
): DenialResult {
  for (const name of names) {
    if (!name.isSubdomainOf(zone)) return bogus('out-of-zone', `${name} is not in zone ${zone}, whose NSEC3 records were given`);
  }
  const ctx = prepare(nsec3s, zone, options);
  if (isResult(ctx)) return ctx;
  try {
    return withHashes(lowerForIterations(ctx, body(ctx)), ctx.hashes);
  } catch (e) {
    if (!(e instanceof HashBudgetExceeded)) throw e;
    return bogus('nsec3-hash-budget', `the proof needed more than ${ctx.hashes} NSEC3 hashes of ${ctx.iterations} iterations, the limit per proof`, { hashes: ctx.hashes });
  }
}

/**
 * RFC 9276 §3.2: a proof that holds, made with more iterations than the insecure limit, is insecure.
 * A broken proof stays bogus, and an opt-out proof stays insecure for its own reason.
 */
function lowerForIterations(ctx: Nsec3Context, r: DenialResult): DenialResult {
  if (ctx.insecureAbove === undefined || r.status !== 'secure') return r;
  return insecure('nsec3-iterations', `NSEC3 of zone ${ctx.zone} uses ${ctx.iterations} iterations, above ${ctx.insecureAbove}: the proof holds, but is treated as insecure (RFC 9276 §3.2)`, {
    ede: EDE_UNSUPPORTED_NSEC3_ITERATIONS,
    proof: r.proof,
  });
}

function withHashes(r: DenialResult, hashes: number): DenialResult {
  return r.hashes === hashes ? r : Object.freeze({ ...r, hashes });
}

/** A proven closest encloser (RFC 5155 §8.3). */
interface ClosestEncloser {
  readonly ce: Name;
  readonly ceRecord: Entry;
  /** Absent when the closest encloser is the name itself. */
  readonly nextCloser?: Name;
  readonly ncRecord?: Entry;
}

/** RFC 5155 §8.3 closest encloser proof for `qname`. */
function proveClosestEncloser(ctx: Nsec3Context, qname: Name): ClosestEncloser | DenialResult {
  let ce: Name | undefined;
  let ceRecord: Entry | undefined;
  for (const candidate of qname.ancestors()) {
    if (!candidate.isSubdomainOf(ctx.zone)) break;
    const m = ctx.match(candidate);
    if (m) {
      ce = candidate;
      ceRecord = m;
      break;
    }
  }
  if (!ce || !ceRecord) return bogus('nsec3-no-closest-encloser', `no NSEC3 matches ${qname} or any of its ancestors in zone ${ctx.zone}`);
  if (ce.equals(qname)) return { ce, ceRecord };
  const types = ceRecord.rr.data.types;
  // RFC 5155 §8.3, RFC 6840 §4.1: a DNAME or delegation record cannot be the closest encloser.
  if (hasType(types, RRType.DNAME)) {
    return bogus('dname-record', `the closest encloser ${ce} of ${qname} has DNAME: names below it are redirected, not denied`, { record: ceRecord.rr });
  }
  if (hasType(types, RRType.NS) && !hasType(types, RRType.SOA)) {
    return bogus('parent-side-record', `the closest encloser ${ce} of ${qname} is a delegation (NS without SOA): names below it belong to the child zone`, {
      record: ceRecord.rr,
    });
  }
  const nextCloser = qname.suffix(ce.labelCount + 1);
  const ncRecord = ctx.cover(nextCloser);
  if (!ncRecord) {
    return bogus('nsec3-next-closer-not-covered', `no NSEC3 covers the next closer name ${nextCloser}, so ${ce} is not proven the closest encloser of ${qname}`);
  }
  return { ce, ceRecord, nextCloser, ncRecord };
}

function ceSteps(p: ClosestEncloser): ProofStep[] {
  const steps: ProofStep[] = [{ role: 'matches-closest-encloser', name: p.ce, record: p.ceRecord.rr }];
  if (p.nextCloser && p.ncRecord) steps.push({ role: 'covers-next-closer', name: p.nextCloser, record: p.ncRecord.rr });
  return steps;
}

/** Secure, unless the next closer name lies in an opt-out span (RFC 5155 §9.2): then insecure. */
function secureUnlessOptOut(kind: DenialKind, p: ClosestEncloser, steps: ProofStep[], what: string): DenialResult {
  const proof: DenialProof = { kind, closestEncloser: p.ce, steps };
  if (p.ncRecord?.optOut) {
    return insecure('nsec3-opt-out', `the next closer name ${p.nextCloser} lies in an opt-out span (NSEC3 ${p.ncRecord.rr.name}): ${what} cannot be proven secure (RFC 5155 §9.2)`, {
      proof,
    });
  }
  return secure(proof);
}

/**
 * Proves that `qname` does not exist (RFC 5155 §8.4): closest encloser proof, and a cover of the
 * wildcard at the closest encloser. Insecure when the next closer name is in an opt-out span.
 */
export function proveNxDomain(qname: Name, nsec3s: readonly ResourceRecord[], zone: Name, options: Nsec3Options = {}): DenialResult {
  return run(nsec3s, zone, [qname], options, (ctx) => {
    const p = proveClosestEncloser(ctx, qname);
    if (isResult(p)) return p;
    if (p.ce.equals(qname)) return bogus('name-exists', `an NSEC3 matches ${qname}: the name exists`, { record: p.ceRecord.rr });
    const wildcard = p.ce.wildcard();
    const wc = ctx.cover(wildcard);
    if (!wc) {
      const exists = ctx.match(wildcard);
      return exists
        ? bogus('wildcard-not-denied', `the wildcard ${wildcard} exists (an NSEC3 matches it), so ${qname} would have been synthesised from it`, {
            record: exists.rr,
            ede: 6,
          })
        : bogus('wildcard-not-denied', `no NSEC3 covers the wildcard ${wildcard} at the closest encloser ${p.ce}`);
    }
    const steps = [...ceSteps(p), { role: 'covers-wildcard' as const, name: wildcard, record: wc.rr }];
    return secureUnlessOptOut('nxdomain', p, steps, `the absence of ${qname}`);
  });
}

/**
 * Proves that `qname` exists without `qtype` (RFC 5155 §8.5, §8.6): the NSEC3 matching `qname`
 * lists neither `qtype` nor CNAME (empty non-terminals have their own NSEC3, RFC 5155 §7.1).
 * For DS it must not be the child's apex record (SOA); for other types it must not be a delegation.
 * For DS without a matching record (§8.6): a closest encloser proof whose next closer name is in an
 * opt-out span, which is insecure, never a secure absence. A DS NODATA whose matching record lists
 * NS is reported as kind `insecure-delegation`, as {@link proveNoDs} would.
 */
export function proveNoData(qname: Name, qtype: number, nsec3s: readonly ResourceRecord[], zone: Name, options: Nsec3Options = {}): DenialResult {
  return run(nsec3s, zone, [qname], options, (ctx) => {
    const m = ctx.match(qname);
    if (m) {
      const rejected = checkMatching(m, qname, qtype, 'NSEC3');
      if (rejected) return rejected;
      // For DS, a matching NSEC3 with NS (and, checked above, without SOA) proves an insecure delegation.
      const kind = qtype === RRType.DS && hasType(m.rr.data.types, RRType.NS) && !qname.isRoot ? 'insecure-delegation' : 'nodata';
      return secure({ kind, steps: [{ role: 'matches-qname', name: qname, record: m.rr }] });
    }
    if (qtype !== RRType.DS) return bogus('not-covered', `no NSEC3 matches ${qname}, as a NODATA answer for ${typeName(qtype)} requires (RFC 5155 §8.5)`);
    return optOutNoDs(ctx, qname, 'nodata');
  });
}

/** The checks on the NSEC3 of a name a NODATA answer is about (nsec3_do_prove_nodata). */
function checkMatching(m: Entry, name: Name, qtype: number, what: string): DenialResult | undefined {
  const types = m.rr.data.types;
  if (hasType(types, qtype)) {
    return bogus('type-present', `the ${what} matching ${name} lists ${typeName(qtype)}, so the RRset exists`, { record: m.rr, ede: 6 });
  }
  if (hasType(types, RRType.CNAME)) {
    return bogus('cname-present', `the ${what} matching ${name} lists CNAME: the answer should have been the CNAME`, { record: m.rr, ede: 6 });
  }
  if (qtype === RRType.DS) {
    if (hasType(types, RRType.SOA) && !name.isRoot) {
      return bogus('child-side-record', `the ${what} matching ${name} has SOA: it is the child zone's apex record, and only the parent can deny DS`, {
        record: m.rr,
        ede: 6,
      });
    }
  } else if (hasType(types, RRType.NS) && !hasType(types, RRType.SOA)) {
    return bogus('parent-side-record', `the ${what} matching ${name} is a delegation's (NS without SOA): the answer should have been a referral`, {
      record: m.rr,
      ede: 6,
    });
  }
  return undefined;
}

/** RFC 5155 §8.6 / §8.9: no record matches the DS owner; only an opt-out span can explain that. */
function optOutNoDs(ctx: Nsec3Context, name: Name, kind: DenialKind): DenialResult {
  const p = proveClosestEncloser(ctx, name);
  if (isResult(p)) return p;
  if (!p.ncRecord?.optOut) {
    return bogus('nsec3-not-opt-out', `no NSEC3 matches ${name} and the NSEC3 covering the next closer name ${p.nextCloser} is not opt-out (RFC 5155 §8.6)`, {
      ...(p.ncRecord ? { record: p.ncRecord.rr } : {}),
    });
  }
  return secureUnlessOptOut(kind, p, ceSteps(p), `the absence of DS at ${name}`);
}

/**
 * Proves a wildcard NODATA (RFC 5155 §8.7): closest encloser proof for `qname`, and the NSEC3
 * matching the wildcard at the closest encloser lists neither `qtype` nor CNAME.
 * Insecure when the next closer name is in an opt-out span.
 */
export function proveWildcardNoData(
  qname: Name,
  qtype: number,
  nsec3s: readonly ResourceRecord[],
  zone: Name,
  options: Nsec3Options = {},
): DenialResult {
  return run(nsec3s, zone, [qname], options, (ctx) => {
    const p = proveClosestEncloser(ctx, qname);
    if (isResult(p)) return p;
    if (p.ce.equals(qname)) return bogus('name-exists', `an NSEC3 matches ${qname}: not a wildcard answer`, { record: p.ceRecord.rr });
    const wildcard = p.ce.wildcard();
    const m = ctx.match(wildcard);
    if (!m) return bogus('no-wildcard-record', `no NSEC3 matches the wildcard ${wildcard} to show it lacks ${typeName(qtype)}`);
    const rejected = checkMatching(m, wildcard, qtype, 'wildcard NSEC3');
    if (rejected) return rejected;
    const steps = [...ceSteps(p), { role: 'matches-wildcard' as const, name: wildcard, record: m.rr }];
    return secureUnlessOptOut('wildcard-nodata', p, steps, `the wildcard NODATA for ${qname}`);
  });
}

/**
 * Proves that a wildcard expansion answering `qname` was legitimate (RFC 5155 §8.8): an NSEC3
 * covers the next closer name below `closestEncloser` (the wildcard's parent, from the RRSIG
 * labels: `wildcardClosestEncloser`). Insecure when that cover is opt-out.
 */
export function proveWildcardAnswer(
  qname: Name,
  closestEncloser: Name,
  nsec3s: readonly ResourceRecord[],
  zone: Name,
  options: Nsec3Options = {},
): DenialResult {
  if (!qname.isSubdomainOf(closestEncloser) || qname.equals(closestEncloser)) {
    return bogus('wildcard-mismatch', `${qname} is not below ${closestEncloser}, so *.${closestEncloser} cannot have produced it`);
  }
  return run(nsec3s, zone, [qname, closestEncloser], options, (ctx) => {
    const nextCloser = qname.suffix(closestEncloser.labelCount + 1);
    const nc = ctx.cover(nextCloser);
    if (!nc) {
      return bogus('nsec3-next-closer-not-covered', `no NSEC3 covers the next closer name ${nextCloser}: a closer match than *.${closestEncloser} may exist`);
    }
    const steps: ProofStep[] = [{ role: 'covers-next-closer', name: nextCloser, record: nc.rr }];
    const proof: DenialProof = { kind: 'wildcard-answer', closestEncloser, steps };
    if (nc.optOut) {
      return insecure('nsec3-opt-out', `the next closer name ${nextCloser} lies in an opt-out span (NSEC3 ${nc.rr.name}): the wildcard answer cannot be proven secure (RFC 5155 §9.2)`, {
        proof,
      });
    }
    return secure(proof);
  });
}

/**
 * Proves an insecure delegation (RFC 5155 §8.9, §8.6): the parent's NSEC3 matching `childZone`
 * lists NS but neither DS nor SOA (secure proof that the chain of trust ends); or, with no matching
 * record, a closest encloser proof whose next closer name is in an opt-out span (insecure: an
 * unsigned delegation may or may not exist there, never a secure absence of DS).
 */
export function proveNoDs(childZone: Name, nsec3s: readonly ResourceRecord[], parentZone: Name, options: Nsec3Options = {}): DenialResult {
  if (childZone.equals(parentZone)) {
    return bogus('child-side-record', `${childZone} is the apex of the zone whose NSEC3 records were given; its DS lives in the parent`);
  }
  return run(nsec3s, parentZone, [childZone], options, (ctx) => {
    const m = ctx.match(childZone);
    if (m) {
      const types = m.rr.data.types;
      if (hasType(types, RRType.SOA)) {
        return bogus('child-side-record', `the NSEC3 matching ${childZone} has SOA: it is the child zone's apex record, and only the parent can deny DS`, {
          record: m.rr,
          ede: 6,
        });
      }
      if (hasType(types, RRType.DS)) return bogus('ds-present', `the NSEC3 matching ${childZone} lists DS: the delegation is signed`, { record: m.rr, ede: 6 });
      if (!hasType(types, RRType.NS)) {
        return bogus('not-a-delegation', `the NSEC3 matching ${childZone} lists no NS: there is no zone cut at ${childZone}`, { record: m.rr, ede: 6 });
      }
      return secure({ kind: 'insecure-delegation', steps: [{ role: 'matches-qname', name: childZone, record: m.rr }] });
    }
    return optOutNoDs(ctx, childZone, 'insecure-delegation');
  });
}
