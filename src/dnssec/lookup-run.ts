/**
 * One lookup of the validator (validator.ts): the answer, CNAME and DNAME links followed one by
 * one, each RRset proven by its RRSIGs and the chain of trust to its signer, denials by their
 * NSEC/NSEC3 proofs, unsigned data only below a proven end of the chain of trust. It records what
 * it relied on and until when (`validUntil`), for the cache of proven answers.
 */
import { Name } from '../dns/name.ts';
import { RRType, rrTypeToString } from '../dns/iana/rr-types.ts';
import { Rcode } from '../dns/iana/rcodes.ts';
import type { Message } from '../dns/message.ts';
import { isType, type ResourceRecord } from '../dns/record.ts';
import { denialFunctions } from './denial-dispatch.ts';
import type { KeyChain, ChainLink, WalkResult } from './keychain.ts';
import { LimitExceeded, type LookupContext } from './lookup-context.ts';
import { findRRset, groupRRsets, type RRSIGRecord, type SignedRRset } from './rrsets.ts';
import { verifyDenialRecords, verifySignedRRset } from './signed-rrset.ts';
import { EDE, worst, type Reason, type SecurityStatus } from './status.ts';
import { denialInfo, type DenialInfo } from './proof-info.ts';

/** What kind of answer the lookup ended in. */
export type AnswerKind = 'answer' | 'nodata' | 'nxdomain' | 'error';

export interface LookupResult {
  readonly status: SecurityStatus;
  readonly name: Name;
  readonly type: number;
  readonly kind: AnswerKind;
  /** The answer RRset at the end of any CNAME/DNAME chain (empty for denials and errors). */
  readonly rrset: readonly ResourceRecord[];
  readonly rrsigs: readonly RRSIGRecord[];
  /** CNAME and DNAME records followed from `name`, in order, each validated. */
  readonly aliases: readonly ResourceRecord[];
  /** The zones of the chain of trust, from the anchor down, for every link of the answer. */
  readonly chain: readonly ChainLink[];
  /** The main reason in words (for secure: what proved it). */
  readonly reason: string;
  /** Machine-readable reasons, most important first. */
  readonly reasons: readonly Reason[];
  /**
   * Seconds since the epoch until which this result may be used again without asking: the first
   * expiry of everything it relied on (see answer-cache.ts); the lookup's own time for a result
   * that must not be reused (indeterminate, cut short by a bound, bogus once).
   */
  readonly expiresAt: number;
  /**
   * The signed NSEC/NSEC3 records a denial (NXDOMAIN, NODATA) or a wildcard answer was proven with,
   * once they verified (for reports: proof-info.ts). Not kept by a shared answer store.
   */
  readonly denial?: DenialInfo;
}

interface Outcome {
  status: SecurityStatus;
  reason: Reason | undefined;
  /** For a verified RRset: seconds its records may live (RFC 4035 §5.3.3). */
  ttl?: number;
}

/**
 * RFC 4035 §5.3.3: records of an authenticated RRset, and its RRSIGs, live no longer than the
 * original TTL and the time left to signature expiration (`ttl`, from the verification); the
 * TTLs on the wire are the upstream's word and are not trusted beyond that.
 */
function capTtl<T extends ResourceRecord>(records: readonly T[], ttl: number | undefined): T[] {
  return records.map((rr) => (ttl !== undefined && rr.ttl > ttl ? { ...rr, ttl } : rr));
}

const SECURE: Outcome = { status: 'secure', reason: undefined };

function bogus(reason: Reason): Outcome {
  return { status: 'bogus', reason };
}

/** Whether `p` settles before the event loop's next turn (a cache hit), rather than after I/O. */
function settlesAtOnce(p: Promise<unknown>): Promise<boolean> {
  return Promise.race([
    p.then(() => true, () => true),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
  ]);
}

/** The state of one lookup: the chain being followed and what has been proven so far. */
export class LookupRun {
  private status: SecurityStatus = 'secure';
  private readonly reasons: Reason[] = [];
  private readonly chain: ChainLink[] = [];
  private readonly chainSeen = new Set<string>();
  private readonly aliases: ResourceRecord[] = [];
  private rrset: ResourceRecord[] = [];
  private rrsigs: RRSIGRecord[] = [];
  private denial: DenialInfo | undefined;
  /**
   * Seconds since the epoch until which everything this lookup relied on holds: the earliest of the
   * TTLs, RRSIG expirations and key expiries met on the way (what the answer cache may keep it for).
   */
  validUntil = Number.POSITIVE_INFINITY;

  constructor(
    private readonly qname: Name,
    private readonly qtype: number,
    private readonly ctx: LookupContext,
    private readonly keys: KeyChain,
  ) {}

  finish(status: SecurityStatus, kind: AnswerKind, reason?: Reason): LookupResult {
    this.note({ status, reason });
    const main = this.reasons[0];
    const desc = `${this.qname} ${rrTypeToString(this.qtype)}`;
    return {
      status: this.status,
      name: this.qname,
      type: this.qtype,
      kind,
      rrset: this.status === 'bogus' || this.status === 'indeterminate' ? [] : this.rrset,
      rrsigs: this.rrsigs,
      aliases: this.aliases,
      chain: this.chain,
      reason: main?.text ?? (this.status === 'secure' ? `${desc}: proven from the trust anchor` : `${desc}: ${this.status}`),
      reasons: this.reasons,
      expiresAt: this.ctx.nowSeconds, // until the validator says how long it keeps it (Validator.remember)
      ...(this.denial ? { denial: this.denial } : {}),
    };
  }

  private expire(at: number): void {
    if (at < this.validUntil) this.validUntil = at;
  }

  /** Records given to the caller live no longer than their (capped) TTLs. */
  private expireRecords(records: readonly ResourceRecord[]): void {
    for (const rr of records) this.expire(this.ctx.nowSeconds + rr.ttl);
  }

  private note(o: Outcome): void {
    const before = this.status;
    this.status = worst(this.status, o.status);
    if (o.reason) {
      // The reason of the worst link goes first: it is the one that decided the status.
      if (this.status !== before || o.status === this.status) this.reasons.unshift(o.reason);
      else this.reasons.push(o.reason);
    }
  }

  private addPath(path: readonly ChainLink[]): void {
    for (const l of path) {
      const k = `${l.zone}|${l.status}`;
      if (!this.chainSeen.has(k)) {
        this.chainSeen.add(k);
        this.chain.push(l);
      }
    }
  }

  async execute(): Promise<LookupResult> {
    let current = this.qname;
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      if (hop > this.ctx.limits.maxCnameChain) throw new LimitExceeded('maxCnameChain', `more than ${this.ctx.limits.maxCnameChain} CNAME/DNAME links from ${this.qname}`);
      if (seen.has(current.key())) {
        return this.finish('bogus', 'error', { code: 'cname-invalid', ede: EDE.DNSSEC_BOGUS, text: `CNAME loop at ${current}` });
      }
      seen.add(current.key());
      const pending = this.ctx.query(current, this.qtype);
      // Unless the answer is at hand (a cache hit), the chain of trust toward the name is asked
      // beside the name itself (keychain.ts prefetch) rather than after the answer names its signer.
      if (hop === 0 && !(await settlesAtOnce(pending))) this.keys.prefetch(current, this.qtype, this.ctx);
      const r = await pending;
      if (!r.ok) {
        return this.finish('indeterminate', 'error', { code: 'network-error', ede: EDE.NETWORK_ERROR, text: `${current} ${rrTypeToString(this.qtype)}: ${r.reason}` });
      }
      const msg = r.message;
      if (msg.rcode !== Rcode.NOERROR && msg.rcode !== Rcode.NXDOMAIN) {
        return this.finish('indeterminate', 'error', { code: 'upstream-error', ede: EDE.DNSSEC_INDETERMINATE, text: `${current} ${rrTypeToString(this.qtype)}: upstream answered RCODE ${msg.rcode}` });
      }
      const step = await this.followAnswer(current, msg, seen);
      if (step.done) return step.result;
      current = step.next;
    }
  }

  /**
   * Consumes what `msg` says about `start`: the answer RRset, or CNAME/DNAME links (validated one by
   * one) until the answer, a denial for the last name, or a name the message says nothing about.
   */
  private async followAnswer(start: Name, msg: Message, seen: Set<string>): Promise<{ done: true; result: LookupResult } | { done: false; next: Name }> {
    const answers = groupRRsets(msg.answers).rrsets;
    let current = start;
    for (let links = 0; ; links++) {
      if (this.aliases.length > this.ctx.limits.maxCnameChain) throw new LimitExceeded('maxCnameChain', `more than ${this.ctx.limits.maxCnameChain} CNAME/DNAME links from ${this.qname}`);
      const answer = findRRset(answers, current, this.qtype);
      if (answer) {
        const o = await this.validatePositive(answer, msg);
        this.note(o);
        this.rrset = capTtl(answer.records, o.ttl);
        this.rrsigs = capTtl(answer.rrsigs, o.ttl);
        this.expireRecords(this.rrset);
        return { done: true, result: this.finish(this.status, 'answer') };
      }
      const dname = this.qtype === RRType.DNAME ? undefined : answers.find((s) => s.type === RRType.DNAME && current.isSubdomainOf(s.name) && !current.equals(s.name));
      const cname = this.qtype === RRType.CNAME ? undefined : findRRset(answers, current, RRType.CNAME);
      let next: Name | undefined;
      if (dname) {
        const above = this.dnameAboveAnchor(current, dname.name);
        if (above) return { done: true, result: this.finish('bogus', 'error', above) };
        const o = await this.validatePositive(dname, msg);
        this.note(o);
        const syn = synthesize(current, dname);
        if (!syn.ok) return { done: true, result: this.finish('bogus', 'error', syn.reason) };
        // RFC 6672 §3.2 / RFC 4035 §3.2.3: the CNAME beside a DNAME is synthesised (unsigned); it must agree.
        if (cname && !(cname.records.length === 1 && isType(cname.records[0]!, RRType.CNAME) && cname.records[0].data.cname.equals(syn.target))) {
          return { done: true, result: this.finish('bogus', 'error', { code: 'dname-invalid', ede: EDE.DNSSEC_BOGUS, text: `CNAME for ${current} does not follow from the DNAME at ${dname.name}` }) };
        }
        this.aliases.push(...capTtl(dname.records, o.ttl));
        this.expireRecords(dname.records);
        next = syn.target;
      } else if (cname) {
        if (cname.records.length !== 1) {
          return { done: true, result: this.finish('bogus', 'error', { code: 'cname-invalid', ede: EDE.DNSSEC_BOGUS, text: `${cname.records.length} CNAME records at ${current}` }) };
        }
        const o = await this.validatePositive(cname, msg);
        this.note(o);
        this.aliases.push(...capTtl([cname.records[0]!], o.ttl));
        this.expireRecords(cname.records);
        next = (cname.records[0] as ResourceRecord & { data: { cname: Name } }).data.cname;
      }
      if (!next) break;
      if (this.status === 'bogus') return { done: true, result: this.finish('bogus', 'error') };
      if (seen.has(next.key())) return { done: true, result: this.finish('bogus', 'error', { code: 'cname-invalid', ede: EDE.DNSSEC_BOGUS, text: `CNAME loop at ${next}` }) };
      seen.add(next.key());
      current = next;
      void links;
    }
    // The message holds nothing more for `current`. If it moved along a chain but carries no denial
    // for the last name, ask for that name itself; otherwise the denial is about `current`.
    const authority = groupRRsets(msg.authorities).rrsets;
    const hasDenial = authority.some((s) => s.type === RRType.SOA || s.type === RRType.NSEC || s.type === RRType.NSEC3);
    if (!current.equals(start) && !hasDenial) {
      seen.delete(current.key());
      return { done: false, next: current };
    }
    const kind: AnswerKind = msg.rcode === Rcode.NXDOMAIN ? 'nxdomain' : 'nodata';
    this.expireNegative(authority);
    this.note(await this.validateNegative(current, msg.rcode, authority));
    return { done: true, result: this.finish(this.status, kind) };
  }

  /**
   * RFC 2308 §5: a denial lives no longer than the SOA's TTL and its MINIMUM field. Without an SOA,
   * only the denial records' own TTLs (and signatures) bound it, or, with none either, badCacheTtl.
   */
  private expireNegative(authority: readonly SignedRRset[]): void {
    const soa = authority.find((s) => s.type === RRType.SOA)?.records[0];
    if (soa && isType(soa, RRType.SOA)) this.expire(this.ctx.nowSeconds + Math.min(soa.ttl, soa.data.minimum));
    const denial = authority.filter((s) => s.type === RRType.NSEC || s.type === RRType.NSEC3);
    for (const s of denial) this.expireRecords(s.records);
    if (!soa && denial.length === 0) this.expire(this.ctx.nowSeconds + this.ctx.limits.badCacheTtl);
  }

  /** Proves an RRset from the answer section, including a wildcard expansion's no-closer-match proof. */
  private async validatePositive(set: SignedRRset, msg: Message): Promise<Outcome> {
    if (set.rrsigs.length === 0) return this.proveUnsigned(set.name, `${set.name} ${rrTypeToString(set.type)} has no RRSIG`);
    const signer = pickSigner(set);
    if (!signer) {
      return bogus({ code: 'unexpected-signer', ede: EDE.DNSSEC_BOGUS, text: `no RRSIG for ${set.name} ${rrTypeToString(set.type)} names a signer at or above it` });
    }
    const zoneKeys = await this.signerKeys(set.name, set.type, signer, `${set.name} ${rrTypeToString(set.type)}`);
    if ('outcome' in zoneKeys) return zoneKeys.outcome;
    const v = verifySignedRRset(set, signer, zoneKeys.keys, this.ctx);
    if (!v.ok) return bogus(v.reason);
    this.expire(v.expiresAt);
    const ttl = Math.max(0, v.expiresAt - this.ctx.nowSeconds);
    // RFC 4035 §5.3.4: an RRSIG whose labels field is below the owner's label count signs a wildcard expansion.
    if (v.rrsig.data.labels < set.name.rrsigLabelCount) {
      const closestEncloser = set.name.suffix(v.rrsig.data.labels);
      const authority = groupRRsets(msg.authorities).rrsets;
      const denial = this.verifiedDenialRecords(signer, authority, zoneKeys.keys);
      if ('outcome' in denial) return denial.outcome;
      this.denial = denialInfo(signer, 'wildcard', set.name, set.type, denial.records, authority.flatMap((s) => s.rrsigs));
      const proof = denialFunctions(denial.records, this.ctx.limits, this.ctx.nsec3HashCharger).proveWildcardAnswer(set.name, closestEncloser, denial.records, signer);
      if (proof.status !== 'secure') {
        return { status: proof.status === 'insecure' ? 'insecure' : 'bogus', reason: { code: proof.status === 'insecure' ? 'nsec3-opt-out' : 'wildcard-invalid', ede: proof.ede, text: `wildcard answer ${set.name} ${rrTypeToString(set.type)}: ${proof.reason}` }, ttl };
      }
    }
    return { ...SECURE, ttl };
  }

  /** Unsigned data is acceptable only below a proven end of the chain of trust. */
  private async proveUnsigned(name: Name, what: string): Promise<Outcome> {
    const walk = await this.keys.walk(name, this.ctx);
    this.addPath(walk.path);
    this.expire(walk.expiresAt);
    switch (walk.status) {
      case 'insecure':
        return { status: 'insecure', reason: { ...walk.reason, text: `${what}; ${walk.reason.text}` } };
      case 'secure':
        return bogus({ code: 'rrsigs-missing', ede: EDE.RRSIGS_MISSING, text: `${what}, but zone ${walk.zone} is signed` });
      default:
        return { status: walk.status, reason: walk.reason };
    }
  }

  /**
   * RFC 4033 §5, RFC 4035 §4.4: proofs about `name` start from its closest trust anchor. A signer
   * above that anchor would be proven from another, higher anchor (the root), letting the zones
   * above a configured anchor speak for the names under it: refused.
   */
  private signerAboveAnchor(name: Name, type: number, signer: Name, what: string): Outcome | undefined {
    // DS is the parent side's data (RFC 4035 §3.1.4.1): proven from the anchor above the child.
    const anchor = this.keys.anchorZoneFor(type === RRType.DS && !name.isRoot ? name.parent() : name, this.ctx.now);
    if (!anchor || signer.isSubdomainOf(anchor)) return undefined;
    return bogus({ code: 'unexpected-signer', ede: EDE.DNSSEC_BOGUS, text: `${what} is signed by ${signer}, above the trust anchor for ${anchor}` });
  }

  /**
   * RFC 4033 §5, RFC 4035 §4.4: a DNAME redirects `name`, so it is judged from `name`'s closest
   * trust anchor, like the answer it replaces. A DNAME owned above that anchor cannot be proven from
   * it (signed by a zone above the anchor, or unsigned in an insecure zone above a signed island):
   * taken, it would let those zones redirect every name under the anchor. Judged from its own
   * owner's anchor instead, a root-signed `. DNAME` made names under an anchored `example.` secure
   * with forged data, and an unsigned DNAME above an island made them insecure (issue #11).
   */
  private dnameAboveAnchor(name: Name, owner: Name): Reason | undefined {
    const anchor = this.keys.anchorZoneFor(name, this.ctx.now);
    if (!anchor || owner.isSubdomainOf(anchor)) return undefined;
    return { code: 'unexpected-signer', ede: EDE.DNSSEC_BOGUS, text: `DNAME at ${owner} would redirect ${name}, which is below the trust anchor for ${anchor}: data above the anchor cannot speak for names under it` };
  }

  /**
   * The proven keys of `signer` for data about `name`/`type`: refused above the name's trust
   * anchor, else walked to from it (the chain recorded, its expiry noted).
   */
  private async signerKeys(name: Name, type: number, signer: Name, what: string): Promise<{ keys: Extract<WalkResult, { status: 'secure' }>['keys'] } | { outcome: Outcome }> {
    const above = this.signerAboveAnchor(name, type, signer, what);
    if (above) return { outcome: above };
    const walk = await this.keys.walk(signer, this.ctx);
    this.addPath(walk.path);
    this.expire(walk.expiresAt);
    return this.zoneKeysOf(walk, signer);
  }

  /** The authenticated keys of exactly `signer`, or the outcome that replaces them. */
  private zoneKeysOf(walk: WalkResult, signer: Name): { keys: Extract<WalkResult, { status: 'secure' }>['keys'] } | { outcome: Outcome } {
    if (walk.status !== 'secure') return { outcome: { status: walk.status, reason: walk.reason } };
    if (!walk.zone.equals(signer)) {
      return { outcome: bogus({ code: 'unexpected-signer', ede: EDE.DNSSEC_BOGUS, text: `signer ${signer} is not a zone: the chain of trust reaches no zone cut there (deepest zone ${walk.zone})` }) };
    }
    return { keys: walk.keys };
  }

  /** The NSEC/NSEC3 records of the authority section signed by `zone`, verified (see {@link verifyDenialRecords}). */
  private verifiedDenialRecords(zone: Name, authority: readonly SignedRRset[], keys: Extract<WalkResult, { status: 'secure' }>['keys']): { records: ResourceRecord[] } | { outcome: Outcome } {
    // Sets signed only by other zones belong to other proofs (zones a CNAME chain passed through):
    // left out, they can only take a proof away, never make one.
    const sets = authority.filter((s) => (s.type === RRType.NSEC || s.type === RRType.NSEC3) && !(s.rrsigs.length > 0 && s.rrsigs.every((r) => !r.data.signerName.equals(zone))));
    if (sets.length > this.ctx.limits.maxDenialRecords) throw new LimitExceeded('maxDenialRecords', `${sets.length} NSEC/NSEC3 RRsets`);
    const v = verifyDenialRecords(sets, zone, keys, this.ctx);
    if (!v.ok) return { outcome: bogus({ ...v.reason, text: `denial record: ${v.reason.text}` }) };
    this.expire(v.expiresAt);
    return { records: v.records };
  }

  /** Proves NXDOMAIN or NODATA for `name` from the authority section (RFC 4035 §5.4, RFC 5155 §8). */
  private async validateNegative(name: Name, rcode: number, authority: readonly SignedRRset[]): Promise<Outcome> {
    const what = `${rcode === Rcode.NXDOMAIN ? 'NXDOMAIN' : 'NODATA'} for ${name} ${rrTypeToString(this.qtype)}`;
    const signed = authority.filter((s) => s.rrsigs.length > 0 && (s.type === RRType.SOA || s.type === RRType.NSEC || s.type === RRType.NSEC3));
    if (signed.length === 0) return this.proveUnsigned(name, `${what} without signed NSEC/NSEC3 records`);
    // The zone that denies: the signer of the SOA, else the deepest signer of the denial records that
    // encloses the name (after a CNAME chain that crossed zones, records of the zones passed on the
    // way may stand beside those of the target's zone); it must enclose the name.
    const soa = signed.find((s) => s.type === RRType.SOA);
    const zone = soa ? pickSigner(soa) : deepestSigner(signed, name);
    if (!zone || !name.isSubdomainOf(zone)) {
      return bogus({ code: 'unexpected-signer', ede: EDE.DNSSEC_BOGUS, text: `${what}: denial signed by ${zone ?? 'nobody'}, which does not enclose the name` });
    }
    const zk = await this.signerKeys(name, this.qtype, zone, what);
    if ('outcome' in zk) return zk.outcome;
    if (soa) {
      const v = verifySignedRRset(soa, zone, zk.keys, this.ctx);
      if (!v.ok) return bogus({ ...v.reason, text: `${what}: SOA: ${v.reason.text}` });
      this.expire(v.expiresAt);
    }
    const denial = this.verifiedDenialRecords(zone, authority, zk.keys);
    if ('outcome' in denial) return denial.outcome;
    if (denial.records.length === 0) return bogus({ code: 'nsec-missing', ede: EDE.NSEC_MISSING, text: `${what}: no NSEC or NSEC3 records from ${zone}` });
    this.denial = denialInfo(zone, rcode === Rcode.NXDOMAIN ? 'nxdomain' : 'nodata', name, this.qtype, denial.records, authority.filter((s) => s.type === RRType.NSEC || s.type === RRType.NSEC3).flatMap((s) => s.rrsigs));
    const proofs = denialFunctions(denial.records, this.ctx.limits, this.ctx.nsec3HashCharger);
    let result;
    if (rcode === Rcode.NXDOMAIN) result = proofs.proveNxDomain(name, denial.records, zone);
    else {
      result = proofs.proveNoData(name, this.qtype, denial.records, zone);
      if (result.status === 'bogus') {
        const wild = proofs.proveWildcardNoData(name, this.qtype, denial.records, zone);
        if (wild.status !== 'bogus') result = wild;
      }
    }
    if (result.status === 'bogus' && !name.equals(zone)) {
      // RFC 4035 §5.2: the name may lie below an insecure delegation of `zone` (a CNAME into an
      // unsigned child, or into an opt-out span), where the parent's records rightly prove nothing
      // about it. Only the chain of trust, walked to the name with its own proven DS answers, may
      // say so; anything else stays bogus.
      const w = await this.keys.walk(name, this.ctx);
      if (w.status === 'insecure') {
        this.addPath(w.path);
        this.expire(w.expiresAt);
        return { status: 'insecure', reason: { ...w.reason, text: `${what}: ${name} lies in an unsigned zone: ${w.reason.text}` } };
      }
    }
    switch (result.status) {
      case 'secure':
        return SECURE;
      case 'insecure':
        return { status: 'insecure', reason: { code: result.code === 'nsec3-iterations' ? 'nsec3-iterations' : result.code === 'nsec3-opt-out' ? 'nsec3-opt-out' : 'nsec3-unsupported-hash', ede: result.ede, text: `${what}: ${result.reason}` } };
      case 'bogus':
        return bogus({ code: 'denial-invalid', ede: result.ede, text: `${what}: ${result.reason}` });
    }
  }
}

/**
 * The signer name of the RRset's RRSIGs that encloses the owner (RFC 4035 §5.3.1); the deepest if
 * several. A DS RRset belongs to the parent side of its zone cut (RFC 4035 §3.1.4.1, RFC 4034 §5):
 * its signer must be a proper ancestor, never the child zone itself (except the root's own DS).
 */
function pickSigner(set: SignedRRset): Name | undefined {
  let best: Name | undefined;
  for (const s of set.rrsigs) {
    const signer = s.data.signerName;
    if (!set.name.isSubdomainOf(signer)) continue;
    if (set.type === RRType.DS && !set.name.isRoot && signer.equals(set.name)) continue;
    if (!best || signer.labelCount > best.labelCount) best = signer;
  }
  return best;
}

/** The deepest RRSIG signer of `sets` that encloses `name` (see {@link pickSigner}). */
function deepestSigner(sets: readonly SignedRRset[], name: Name): Name | undefined {
  let best: Name | undefined;
  for (const set of sets) {
    const signer = pickSigner(set);
    if (signer && name.isSubdomainOf(signer) && (!best || signer.labelCount > best.labelCount)) best = signer;
  }
  return best ?? pickSigner(sets[0]!);
}

/** RFC 6672 §2.2: the name a DNAME substitutes for `name`; too long a result is an error (YXDOMAIN). */
function synthesize(name: Name, dname: SignedRRset): { ok: true; target: Name } | { ok: false; reason: Reason } {
  const rr = dname.records[0];
  if (!rr || dname.records.length !== 1 || !isType(rr, RRType.DNAME)) {
    return { ok: false, reason: { code: 'dname-invalid', ede: EDE.DNSSEC_BOGUS, text: `DNAME RRset at ${dname.name} must hold exactly one record` } };
  }
  const keep = name.labels.slice(0, name.labelCount - dname.name.labelCount);
  try {
    return { ok: true, target: new Name([...keep, ...rr.data.target.labels]) };
  } catch {
    return { ok: false, reason: { code: 'dname-invalid', ede: EDE.DNSSEC_BOGUS, text: `DNAME substitution of ${name} by ${dname.name} is longer than 255 octets` } };
  }
}

