/**
 * The chain of trust: from the closest trust anchor down to a zone, DS -> DNSKEY -> RRSIG at every
 * zone cut (RFC 4035 §5.1-5.2), with the proofs that stop it (an insecure delegation, only
 * unsupported algorithms) and a cache of what was proven.
 *
 * As a stub validator behind a recursive resolver we see no referrals, so zone cuts are found by
 * asking for DS at each name between the anchor and the target, top down: a signed DS RRset is a
 * secure cut; a signed denial says whether the name is an insecure delegation or no cut at all.
 * DS queries for the names below are sent ahead, a few at a time, while the walk proceeds.
 */
import type { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import { Rcode } from '../dns/iana/rcodes.ts';
import { isType, type RecordOf } from '../dns/record.ts';
import { closestAnchors, type TrustAnchor } from './anchors.ts';
import { classifyDsDenial } from './delegation.ts';
import { denialFunctions } from './denial-dispatch.ts';
import { matchDsToKeysWithLinks, usableDsSet } from './ds-match.ts';
import { denialInfo, dsInfo, keyInfo, type DenialInfo, type DsInfo, type KeyInfo } from './proof-info.ts';
import { LimitExceeded, type LookupContext, type UpstreamResult } from './lookup-context.ts';
import { findRRset, groupRRsets, type SignedRRset } from './rrsets.ts';
import { verifyDenialRecords, verifySignedRRset, type DNSKEYRecord } from './signed-rrset.ts';
import { keyTag } from './keytag.ts';
import { detachedOrSame } from '../dns/detach.ts';
import { EDE, type Reason, type SecurityStatus } from './status.ts';

export type DSRecord = RecordOf<typeof RRType.DS>;

/** One zone of the chain as the result reports it. */
export interface ChainLink {
  readonly zone: string;
  readonly status: SecurityStatus;
  /** How the zone's keys were authenticated. */
  readonly via: 'trust-anchor' | 'ds';
  /** Key tags of the DS records (or anchors) that authenticated the DNSKEY RRset. */
  readonly dsKeyTags: readonly number[];
  /** Key tags of the zone's DNSKEY RRset. */
  readonly keyTags: readonly number[];
  readonly reason?: string;
  /** The DS records (or DS trust anchors) of the zone cut, each with the key it matched (for reports: proof-info.ts). */
  readonly ds?: readonly DsInfo[];
  /** The zone's DNSKEY records. */
  readonly keys?: readonly KeyInfo[];
  /** Key tag of the RRSIG that proved the DNSKEY RRset. */
  readonly keysSignedBy?: number;
  /** Key tag of the parent zone's RRSIG that proved the DS RRset. */
  readonly dsSignedBy?: number;
  /** Where a bogus or indeterminate link broke: the parent's DS answer, or the zone's DNSKEY RRset. */
  readonly failedAt?: 'ds' | 'dnskey';
  /** For an insecure delegation: the parent's signed proof that no DS exists. */
  readonly denial?: DenialInfo;
}

/** The authenticated keys of one zone, or why there are none. */
export type ZoneKeys =
  | { readonly status: 'secure'; readonly zone: Name; readonly keys: readonly DNSKEYRecord[]; readonly expiresAt: number; readonly link: ChainLink }
  | { readonly status: 'insecure' | 'bogus' | 'indeterminate'; readonly zone: Name; readonly reason: Reason; readonly expiresAt: number; readonly link: ChainLink };

/** Where a walk toward a name ended. */
export type WalkResult =
  | {
      readonly status: 'secure';
      /** The deepest secure zone at or above the target. */
      readonly zone: Name;
      readonly keys: readonly DNSKEYRecord[];
      readonly path: readonly ChainLink[];
      /** Set when a signed denial proved that this name (an ancestor-or-self of the target) does not exist. */
      readonly nonexistent?: Name;
      /** Seconds since the epoch until which every proof of the walk holds (the earliest expiry among them). */
      readonly expiresAt: number;
    }
  | { readonly status: 'insecure' | 'bogus' | 'indeterminate'; readonly zone: Name; readonly reason: Reason; readonly path: readonly ChainLink[]; readonly expiresAt: number };

/** What a DS query at a name proved, validated with the keys of the zone above it. */
type DsStep =
  | { readonly kind: 'ds'; readonly ds: readonly DSRecord[]; readonly expiresAt: number; readonly signedBy?: number }
  | { readonly kind: 'no-cut'; readonly exists: boolean; readonly expiresAt: number }
  | { readonly kind: 'insecure' | 'bogus' | 'indeterminate'; readonly reason: Reason; readonly expiresAt: number; readonly denial?: DenialInfo };

/** How many DS queries the walk sends ahead of the name it is proving. */
const DS_PREFETCH_WINDOW = 4;
/** Types usually found at a zone apex: a lookup for one prefetches the DS of the name itself. */
const APEX_TYPES: ReadonlySet<number> = new Set([RRType.MX, RRType.NS, RRType.SOA, RRType.DNSKEY, RRType.CDS, RRType.CDNSKEY, RRType.NSEC3PARAM]);

interface Cached<T> {
  value: T;
  expiresAt: number;
}

/** What a link reports beyond its status (proof-info.ts): never read back by the validator. */
type LinkDetail = Pick<ChainLink, 'ds' | 'keysSignedBy' | 'dsSignedBy' | 'failedAt' | 'denial'>;

function link(zone: Name, status: SecurityStatus, via: ChainLink['via'], dsKeyTags: readonly number[], keys: readonly DNSKEYRecord[], reason?: Reason, detail: LinkDetail = {}): ChainLink {
  return { zone: zone.toString(), status, via, dsKeyTags, keyTags: keys.map((k) => keyTagOf(k)), ...(reason ? { reason: reason.text } : {}), ...(keys.length ? { keys: keys.map(keyInfo) } : {}), ...detail };
}

function keyTagOf(k: DNSKEYRecord): number {
  return keyTag(k.rdata);
}

function failure(status: 'bogus' | 'indeterminate' | 'insecure', reason: Reason, expiresAt: number) {
  return { kind: status, reason, expiresAt } as const;
}

/** A cached key result that is bogus (zone keys) or a bogus DS step. */
function isBad(v: ZoneKeys | DsStep): boolean {
  return 'status' in v ? v.status === 'bogus' : v.kind === 'bogus';
}

function upstreamFailure(r: Extract<UpstreamResult, { ok: false }>, what: string): Reason {
  return { code: 'network-error', ede: EDE.NETWORK_ERROR, text: `${what}: ${r.reason}` };
}

function rcodeFailure(rcode: number, what: string): Reason | undefined {
  if (rcode === Rcode.NOERROR || rcode === Rcode.NXDOMAIN) return undefined;
  return { code: 'upstream-error', ede: EDE.DNSSEC_INDETERMINATE, text: `${what}: upstream answered RCODE ${rcode}` };
}


/**
 * Zones whose proven DNSKEY set (and, separately, whose DS step) one validator keeps by default,
 * the oldest dropped first: ~3.5 KB a zone measured in a scan, so ~14 MiB each at the bound.
 */
export const ZONE_CACHE_ENTRIES = 4096;
/**
 * Proves zone keys and caches them. One instance is shared by the lookups of one validator;
 * each call runs within a lookup's {@link LookupContext} budget.
 */
export class KeyChain {
  private readonly zoneCache = new Map<string, Cached<ZoneKeys>>();
  private readonly dsCache = new Map<string, Cached<DsStep>>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly anchors: readonly TrustAnchor[],
    private readonly maxEntries = ZONE_CACHE_ENTRIES,
  ) {}

  /** Zones whose proven keys, and DS steps, are kept now (each at most the bound it was made with). */
  cacheSizes(): { readonly zones: number; readonly ds: number } {
    return { zones: this.zoneCache.size, ds: this.dsCache.size };
  }

  /** Forgets every proven zone key set and DS step (lookups in flight finish as they are). */
  clear(): void {
    this.zoneCache.clear();
    this.dsCache.clear();
  }

  /** The zone of the closest active trust anchor at or above `name` (RFC 4033 §5), if any. */
  anchorZoneFor(name: Name, now: Date): Name | undefined {
    return closestAnchors(this.anchors, name, now)?.zone;
  }

  /** Walks from the closest trust anchor toward `target`, stopping at the first proof that ends the chain. */
  async walk(target: Name, ctx: LookupContext): Promise<WalkResult> {
    const found = closestAnchors(this.anchors, target, ctx.now);
    if (!found) {
      return { status: 'indeterminate', zone: target, path: [], expiresAt: ctx.nowSeconds, reason: { code: 'no-trust-anchor', ede: EDE.DNSSEC_INDETERMINATE, text: `no trust anchor covers ${target}` } };
    }
    const below: Name[] = [];
    for (let n = found.zone.labelCount + 1; n <= target.labelCount; n++) below.push(target.suffix(n));
    const prefetch = (i: number) => {
      const n = below[i];
      if (n) this.prefetchDs(n, ctx);
    };
    // The first DS questions go out beside the anchor zone's DNSKEY question, not after its proof:
    // they do not depend on it (their answers are proven with those keys later, as before).
    for (let j = 0; j < Math.min(below.length, DS_PREFETCH_WINDOW); j++) prefetch(j);
    let cur = await this.anchorZoneKeys(found.zone, found.anchors, ctx);
    const path: ChainLink[] = [cur.link];
    let expiresAt = cur.expiresAt;
    if (cur.status !== 'secure') return { status: cur.status, zone: cur.zone, reason: cur.reason, path, expiresAt };

    for (let i = 0; i < below.length; i++) {
      for (let j = i; j < Math.min(below.length, i + DS_PREFETCH_WINDOW); j++) prefetch(j);
      const child = below[i]!;
      const step = await this.dsStep(child, cur, ctx, ctx.prefetched.ds.get(child.key()));
      expiresAt = Math.min(expiresAt, step.expiresAt);
      switch (step.kind) {
        case 'ds': {
          if (path.length > ctx.limits.maxZoneCuts) throw new LimitExceeded('maxZoneCuts', `more than ${ctx.limits.maxZoneCuts} zone cuts from ${found.zone} to ${target}`);
          cur = await this.childZoneKeys(child, step.ds, step.expiresAt, ctx, ctx.prefetched.keys.get(child.key()));
          path.push(step.signedBy === undefined ? cur.link : { ...cur.link, dsSignedBy: step.signedBy });
          expiresAt = Math.min(expiresAt, cur.expiresAt);
          if (cur.status !== 'secure') return { status: cur.status, zone: cur.zone, reason: cur.reason, path, expiresAt };
          break;
        }
        case 'no-cut':
          if (!step.exists) return { status: 'secure', zone: cur.zone, keys: cur.keys, path, nonexistent: child, expiresAt };
          break;
        case 'insecure':
          path.push(link(child, 'insecure', 'ds', [], [], step.reason, step.denial ? { denial: step.denial } : {}));
          return { status: 'insecure', zone: child, reason: step.reason, path, expiresAt };
        case 'bogus':
        case 'indeterminate':
          path.push(link(child, step.kind, 'ds', [], [], step.reason, { failedAt: 'ds' }));
          return { status: step.kind, zone: child, reason: step.reason, path, expiresAt };
      }
    }
    return { status: 'secure', zone: cur.zone, keys: cur.keys, path, expiresAt };
  }

  /**
   * Asks the questions a walk toward `name` starts with, without waiting for anything: the anchor
   * zone's DNSKEY RRset and the DS RRsets of the first names below the anchor. A lookup calls it
   * beside its first question, so the chain of trust is fetched while the answer is on its way
   * rather than after (issue #13). Nothing is trusted from it: the walk proves every answer as
   * before. The cost: DS questions for names below the answer's signer zone (at most
   * DS_PREFETCH_WINDOW per lookup, fewer once the validator's caches hold the upper zones).
   */
  prefetch(name: Name, type: number, ctx: LookupContext): void {
    // The answer's signer is the zone above the name, unless the name is a zone apex, where MX,
    // NS, SOA, DNSKEY and the like live: only then is the name's own DS worth asking now.
    // Underscore labels (`_25._tcp` of TLSA, `_dmarc`, ...) are never zone cuts in practice.
    while (!name.isRoot && name.labels[0]![0] === 0x5f) name = name.parent();
    if (!APEX_TYPES.has(type) && !name.isRoot) name = name.parent();
    const found = closestAnchors(this.anchors, name, ctx.now);
    if (!found) return;
    this.anchorZoneKeys(found.zone, found.anchors, ctx).catch(() => undefined); // deduplicated with the walk's own call
    const last = Math.min(name.labelCount, found.zone.labelCount + DS_PREFETCH_WINDOW);
    for (let n = found.zone.labelCount + 1; n <= last; n++) this.prefetchDs(name.suffix(n), ctx);
  }

  /**
   * The DS question at `n`, once per lookup (unless its answer is cached), and beside it the DNSKEY
   * question of `n` (unless its keys are cached): a zone cut's keys are fetched in the same round
   * trip as the DS that proves them, not after it (issue #13). authenticateKeys proves that answer
   * against the DS exactly as before; where `n` turns out not to be a zone cut, the DNSKEY answer
   * (a denial) is not used. The cost: one DNSKEY question per name below the anchor that is not a
   * zone, at most DS_PREFETCH_WINDOW per walk or prefetch.
   */
  private prefetchDs(n: Name, ctx: LookupContext): void {
    const key = n.key();
    if (!ctx.prefetched.ds.has(key) && !this.fresh(this.dsCache, key, ctx)) {
      const p = ctx.query(n, RRType.DS);
      p.catch(() => undefined); // consumed (and rethrown) when a walk reaches it, or not at all
      ctx.prefetched.ds.set(key, p);
    }
    if (!ctx.prefetched.keys.has(key) && !this.fresh(this.zoneCache, `zone|${key}`, ctx) && !ctx.signal?.aborted) {
      const k = ctx.query(n, RRType.DNSKEY, true);
      k.catch(() => undefined);
      ctx.prefetched.keys.set(key, k);
    }
  }

  private fresh<T extends ZoneKeys | DsStep>(cache: Map<string, Cached<T>>, key: string, ctx: LookupContext): T | undefined {
    const hit = cache.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= ctx.nowSeconds) {
      cache.delete(key);
      return undefined;
    }
    // A lookup fetching again what came out bogus (Validator.lookup) proves bad keys again too: the
    // bad result may have been made from the same forged cached message.
    if (ctx.fresh && isBad(hit.value)) return undefined;
    return hit.value;
  }

  private store<T extends { expiresAt: number }>(cache: Map<string, Cached<T>>, key: string, value: T, reason?: Reason, indeterminate = false): void {
    // A budget of one lookup says nothing about the zone, and a network failure may be gone on the
    // next try: neither is remembered. Bogus results are, for badCacheTtl, so a broken zone is not hammered.
    if (reason?.code === 'limit-exceeded' || indeterminate) return;
    if (cache.size >= this.maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(key, { value, expiresAt: value.expiresAt });
  }

  /**
   * Runs `fn` once for concurrent callers asking for the same zone's keys. The fetch runs in the
   * first caller's lookup, so what it ends in may be about that lookup rather than the zone: its
   * abort signal or a network failure it met (indeterminate), or its own budget (LimitExceeded).
   * A caller that joined and got one of those runs `fn` itself once, within its own budget,
   * instead of inheriting another lookup's failure.
   */
  private async dedupe(key: string, fn: () => Promise<ZoneKeys>): Promise<ZoneKeys> {
    const running = this.inflight.get(key) as Promise<ZoneKeys> | undefined;
    if (!running) {
      const p = fn().finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
      return p;
    }
    try {
      const shared = await running;
      if (shared.status !== 'indeterminate') return shared;
    } catch (e) {
      if (!(e instanceof LimitExceeded)) throw e;
    }
    return fn();
  }

  private badUntil(ctx: LookupContext): number {
    return ctx.nowSeconds + ctx.limits.badCacheTtl;
  }

  /**
   * The DNSKEY RRset of an anchored zone, authenticated by the anchors' DS or DNSKEY records. The
   * cache entry belongs to the set of anchors active now (RFC 9718 §2.2 windows): when one is
   * withdrawn or another begins, the keys are proven again from the anchors then in force.
   */
  private anchorZoneKeys(zone: Name, anchors: readonly TrustAnchor[], ctx: LookupContext): Promise<ZoneKeys> {
    const cacheKey = `anchor|${zone.key()}|${anchors.map((a) => this.anchors.indexOf(a)).join(',')}`;
    const hit = this.fresh(this.zoneCache, cacheKey, ctx);
    if (hit) return Promise.resolve(hit);
    return this.dedupe(cacheKey, async () => {
      const ds = anchors.flatMap((a) => (isType(a.record, RRType.DS) ? [a.record] : []));
      const keyAnchors = anchors.flatMap((a) => (isType(a.record, RRType.DNSKEY) ? [a.record] : []));
      const result = await this.authenticateKeys(zone, ds, keyAnchors, 'trust-anchor', ctx);
      this.store(this.zoneCache, cacheKey, result, result.status === 'secure' ? undefined : result.reason, result.status === 'indeterminate');
      return result;
    });
  }

  /**
   * The DNSKEY RRset of a zone below a secure cut, authenticated by its parent's DS RRset. What is
   * proven lives no longer than that DS RRset (`dsExpiresAt`): once the parent's DS changes (a key
   * withdrawn, an algorithm rollover), the keys are proven again from the new DS RRset.
   */
  private childZoneKeys(zone: Name, ds: readonly DSRecord[], dsExpiresAt: number, ctx: LookupContext, pendingKeys?: Promise<UpstreamResult>): Promise<ZoneKeys> {
    const cacheKey = `zone|${zone.key()}`;
    const hit = this.fresh(this.zoneCache, cacheKey, ctx);
    if (hit) return Promise.resolve(hit);
    return this.dedupe(cacheKey, async () => {
      const proven = await this.authenticateKeys(zone, ds, [], 'ds', ctx, pendingKeys);
      const result = proven.expiresAt > dsExpiresAt ? { ...proven, expiresAt: dsExpiresAt } : proven;
      this.store(this.zoneCache, cacheKey, result, result.status === 'secure' ? undefined : result.reason, result.status === 'indeterminate');
      return result;
    });
  }

  /**
   * RFC 4035 §5.2: fetch the zone's DNSKEY RRset; keep the DS records with supported algorithm and
   * digest (none left -> insecure, RFC 4035 §5.2, RFC 6840 §5.2); find the keys they name; the
   * DNSKEY RRset must be signed by one of those keys. Only then are the zone's other keys trusted.
   */
  private async authenticateKeys(zone: Name, dsIn: readonly DSRecord[], keyAnchors: readonly DNSKEYRecord[], via: ChainLink['via'], ctx: LookupContext, pendingKeys?: Promise<UpstreamResult>): Promise<ZoneKeys> {
    const what = `DNSKEY ${zone}`;
    const usable = usableDsSet(dsIn, ctx.crypto.policy);
    const fail = (status: 'bogus' | 'indeterminate' | 'insecure', reason: Reason, dsTags: readonly number[] = [], keys: readonly DNSKEYRecord[] = [], detail: LinkDetail = {}): ZoneKeys => ({
      status,
      zone,
      reason,
      expiresAt: status === 'insecure' ? ctx.nowSeconds + ctx.limits.maxCacheTtl : this.badUntil(ctx),
      link: link(zone, status, via, dsTags, keys, reason, { ds: dsInfo(dsIn, usable.ds, new Map()), ...(status === 'insecure' ? {} : { failedAt: 'dnskey' }), ...detail }),
    });
    const dsTags = usable.ds.map((d) => d.data.keyTag);
    if (usable.ds.length === 0 && keyAnchors.length === 0) {
      return fail('insecure', usable.reason ?? { code: 'unsupported-algorithm', ede: EDE.UNSUPPORTED_DNSKEY_ALGORITHM, text: `no DS for ${zone} has a supported algorithm and digest type` });
    }
    // A zone with a usable DS is signed: an answer without RRSIGs means a stripping upstream (try the next).
    const r = await (pendingKeys ?? ctx.query(zone, RRType.DNSKEY, true));
    if (!r.ok) return fail('indeterminate', upstreamFailure(r, what), dsTags);
    const bad = rcodeFailure(r.message.rcode, what);
    if (bad) return fail('indeterminate', bad, dsTags);
    const set = findRRset(groupRRsets(r.message.answers).rrsets, zone, RRType.DNSKEY);
    if (!set) return fail('bogus', { code: 'dnskey-missing', ede: EDE.DNSKEY_MISSING, text: `no DNSKEY RRset for ${zone} in the answer` }, dsTags);
    const keys = set.records.filter((k): k is DNSKEYRecord => isType(k, RRType.DNSKEY));
    const { keys: trusted, links } = matchDsToKeysWithLinks(usable.ds, keys, keyAnchors);
    if (trusted.length === 0) {
      const text = via === 'trust-anchor'
        ? `no DNSKEY of ${zone} matches a trust anchor (anchor key tags ${dsTags.join(', ') || 'none'}; zone key tags ${keys.map(keyTagOf).join(', ')})`
        : `no DNSKEY of ${zone} matches its DS records (DS key tags ${dsTags.join(', ')}; zone key tags ${keys.map(keyTagOf).join(', ')})`;
      return fail('bogus', { code: 'ds-mismatch', ede: EDE.DNSSEC_BOGUS, text }, dsTags, keys);
    }
    const v = verifySignedRRset(set as SignedRRset, zone, trusted, ctx);
    if (!v.ok) return fail('bogus', { ...v.reason, text: `DNSKEY RRset of ${zone} is not signed by a key its DS names: ${v.reason.text}` }, dsTags, keys, { ds: dsInfo(dsIn, usable.ds, links) });
    const expiresAt = Math.min(v.expiresAt, ctx.nowSeconds + ctx.limits.maxCacheTtl);
    // Kept for as long as the keys live: detached from the message (dns/detach.ts), so the cache of
    // zone keys holds their own octets, not a padded answer's 64 KiB each.
    return { status: 'secure', zone, keys: detachedOrSame(keys), expiresAt, link: link(zone, 'secure', via, dsTags, keys, undefined, { ds: dsInfo(dsIn, usable.ds, links), keysSignedBy: v.rrsig.data.keyTag }) };
  }

  /** What the DS query at `child` proves, validated with the keys of the secure zone above it. */
  private async dsStep(child: Name, parent: Extract<ZoneKeys, { status: 'secure' }>, ctx: LookupContext, pending?: Promise<UpstreamResult>): Promise<DsStep> {
    const cacheKey = child.key();
    const hit = this.fresh(this.dsCache, cacheKey, ctx);
    if (hit) return hit;
    const what = `DS ${child}`;
    const r = await (pending ?? ctx.query(child, RRType.DS));
    const step = this.classifyDs(child, parent, r, what, ctx);
    this.store(this.dsCache, cacheKey, step, 'reason' in step ? step.reason : undefined, step.kind === 'indeterminate');
    return step;
  }

  /**
   * RFC 4035 §5.3.4: a CNAME at `child` expanded from a wildcard (its RRSIG labels field is below
   * the name's label count) proves no zone cut at `child` only with the proof that no closer name
   * exists: replayed alone, a wildcard's CNAME would hide a real delegation (and its DS) below the
   * wildcard's parent. Without that proof the step is bogus, remembered for badCacheTtl only, not
   * for the CNAME's TTL (issue #11).
   */
  private wildcardCname(child: Name, labels: number, denial: readonly SignedRRset[], parent: Extract<ZoneKeys, { status: 'secure' }>, ctx: LookupContext, what: string, expiresAt: number): DsStep {
    const bad = this.badUntil(ctx);
    const verified = verifyDenialRecords(denial, parent.zone, parent.keys, ctx);
    if (!verified.ok) return failure('bogus', { ...verified.reason, text: `${what}: wildcard CNAME: ${verified.reason.text}` }, bad);
    const proof = denialFunctions(verified.records, ctx.limits, ctx.nsec3HashCharger).proveWildcardAnswer(child, child.suffix(labels), verified.records, parent.zone);
    const text = `${what}: CNAME expanded from *.${child.suffix(labels)}`;
    switch (proof.status) {
      case 'secure':
        return { kind: 'no-cut', exists: true, expiresAt: Math.min(expiresAt, verified.expiresAt) };
      case 'insecure':
        // The next closer name lies in an opt-out span: an unsigned delegation may be there (RFC 5155 §9.2).
        return failure('insecure', { code: 'nsec3-opt-out', ede: proof.ede ?? EDE.DNSSEC_BOGUS, text: `${text}: ${proof.reason}` }, Math.min(expiresAt, verified.expiresAt));
      case 'bogus':
        return failure('bogus', { code: 'wildcard-invalid', ede: proof.ede, text: `${text}, without the proof that no closer name exists: ${proof.reason}` }, bad);
    }
  }

  private classifyDs(child: Name, parent: Extract<ZoneKeys, { status: 'secure' }>, r: UpstreamResult, what: string, ctx: LookupContext): DsStep {
    const bad = this.badUntil(ctx);
    if (!r.ok) return failure('indeterminate', upstreamFailure(r, what), bad);
    const msg = r.message;
    const rc = rcodeFailure(msg.rcode, what);
    if (rc) return failure('indeterminate', rc, bad);
    const answers = groupRRsets(msg.answers).rrsets;
    const dsSet = findRRset(answers, child, RRType.DS);
    if (dsSet) {
      const v = verifySignedRRset(dsSet, parent.zone, parent.keys, ctx);
      if (!v.ok) return failure('bogus', v.reason, bad);
      return { kind: 'ds', ds: detachedOrSame(dsSet.records.filter((d): d is DSRecord => isType(d, RRType.DS))), expiresAt: Math.min(v.expiresAt, parent.expiresAt), signedBy: v.rrsig.data.keyTag };
    }
    const authority = groupRRsets(msg.authorities).rrsets;
    const denial = authority.filter((s) => s.type === RRType.NSEC || s.type === RRType.NSEC3);
    if (denial.length > ctx.limits.maxDenialRecords) throw new LimitExceeded('maxDenialRecords', `${denial.length} NSEC/NSEC3 RRsets for ${what}`);
    const cname = findRRset(answers, child, RRType.CNAME);
    if (cname) {
      // A name that owns a CNAME owns nothing else (RFC 1034 §3.6.2): it is no zone cut.
      const v = verifySignedRRset(cname, parent.zone, parent.keys, ctx);
      if (!v.ok) return failure('bogus', v.reason, bad);
      const expiresAt = Math.min(v.expiresAt, parent.expiresAt);
      if (v.rrsig.data.labels >= child.rrsigLabelCount) return { kind: 'no-cut', exists: true, expiresAt };
      return this.wildcardCname(child, v.rrsig.data.labels, denial, parent, ctx, what, expiresAt);
    }
    // No DS: the parent must prove why, with signed NSEC or NSEC3 records.
    if (denial.length === 0) {
      return failure('bogus', { code: 'nsec-missing', ede: EDE.NSEC_MISSING, text: `no DS for ${child} and no NSEC/NSEC3 from ${parent.zone} proving its absence` }, bad);
    }
    const verified = verifyDenialRecords(denial, parent.zone, parent.keys, ctx);
    if (!verified.ok) return failure('bogus', { ...verified.reason, text: `denial of ${what}: ${verified.reason.text}` }, bad);
    const expiresAt = Math.min(parent.expiresAt, verified.expiresAt);
    // A signed SOA beside the denial must verify too, as it must for the lookup's own negative
    // answers (validator.ts): the same response may not be bogus there and insecure here. Unbound
    // likewise judges a response by every signed RRset of its authority section.
    const soa = authority.find((s) => s.type === RRType.SOA && s.rrsigs.length > 0);
    if (soa) {
      const v = verifySignedRRset(soa, parent.zone, parent.keys, ctx);
      if (!v.ok) return failure('bogus', { ...v.reason, text: `denial of ${what}: SOA: ${v.reason.text}` }, bad);
    }
    const d = classifyDsDenial({ child, zone: parent.zone, rcode: msg.rcode, records: verified.records, limits: ctx.limits, onHash: ctx.nsec3HashCharger });
    switch (d.kind) {
      case 'no-cut':
        return { kind: 'no-cut', exists: d.exists, expiresAt };
      case 'insecure':
        return { kind: 'insecure', reason: d.reason, expiresAt, denial: denialInfo(parent.zone, 'no-ds', child, RRType.DS, verified.records, denial.flatMap((s) => s.rrsigs)) };
      case 'bogus':
        return failure('bogus', d.reason, bad);
    }
  }
}
