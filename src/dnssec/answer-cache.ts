/**
 * Proven answers, kept with their security status until the first of their proofs expires (like
 * Unbound's rrset cache, which stores each RRset with its security status): a warm lookup is a map
 * read, with no message parsed and no signature checked again (issue #13).
 *
 * Only what this process proved goes in, so nothing an upstream says can put a status here that the
 * validator did not reach. What an entry may live is decided by the lookup that made it
 * (validator.ts): the earliest of every TTL, RRSIG expiration and key expiry it relied on, capped by
 * `maxCacheTtl`; bogus results for `badCacheTtl` only; indeterminate results and results cut short
 * by a bound never. Bounded in entries and in (estimated) octets. What goes first when full is
 * chosen as CLOCK does (second chance): the oldest entry not used since it was last passed over; a
 * hit only sets a flag, where moving it to the end of a list would cost more than the rest of the hit.
 */
import type { Name } from '../dns/name.ts';
import { detachNameOnce, detachRecords, retainedOctets } from '../dns/detach.ts';
import type { LookupResult } from './validator.ts';
import type { DenialInfo } from './proof-info.ts';

/** Proven answers one validator keeps by default. */
export const ANSWER_CACHE_ENTRIES = 20_000;
/** Estimated memory of those answers by default (records, signatures, chain and reasons). */
export const ANSWER_CACHE_OCTETS = 32 * 1024 * 1024;

export interface AnswerCacheLimits {
  /** Entries kept at most (default {@link ANSWER_CACHE_ENTRIES}); 0 turns the cache off. */
  readonly maxEntries: number;
  /** Estimated octets kept at most (default {@link ANSWER_CACHE_OCTETS}). */
  readonly maxOctets: number;
}

/** What a cache holds and how it served, for monitoring. */
export interface AnswerCacheStats {
  readonly entries: number;
  readonly octets: number;
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
}

interface Entry {
  readonly nameKey: string;
  readonly result: LookupResult;
  /** Seconds since the epoch: when it was proven (a clock set back before this misses). */
  readonly storedAt: number;
  /** Seconds since the epoch: the first moment it is no longer served. */
  readonly expiresAt: number;
  readonly octets: number;
  /** Served since the eviction sweep last passed it. */
  used: boolean;
}

/** Fixed cost per entry and per chain link or reason: object headers, map slots, the query name. */
const ENTRY_OVERHEAD = 1024;
const LINK_OVERHEAD = 200;

/**
 * An upper estimate of what `result` keeps alive (dns/detach.ts; strings at 2 octets a character):
 * once detached, its records' own octets; before, the whole messages they came from.
 */
export function estimateOctets(result: LookupResult): number {
  const buffers = new Set<ArrayBufferLike>();
  let n = ENTRY_OVERHEAD + retainedOctets(result.rrset, buffers) + retainedOctets(result.rrsigs, buffers) + retainedOctets(result.aliases, buffers);
  n += result.chain.length * LINK_OVERHEAD + result.reason.length * 2;
  for (const r of result.reasons) n += LINK_OVERHEAD + r.text.length * 2;
  // What the links and the denial report (proof-info.ts): small objects, one per record.
  for (const l of result.chain) n += ((l.ds?.length ?? 0) + (l.keys?.length ?? 0)) * DETAIL_OVERHEAD + denialOctets(l.denial);
  return n + denialOctets(result.denial);
}

/** Fixed cost of one DS, DNSKEY or denial record as a report describes it (proof-info.ts). */
const DETAIL_OVERHEAD = 100;

function denialOctets(d: DenialInfo | undefined): number {
  if (!d) return 0;
  let n = LINK_OVERHEAD;
  for (const r of d.records) n += DETAIL_OVERHEAD + (r.owner.length + r.next.length) * 2 + r.types.length * 16;
  return n;
}

export class AnswerCache {
  /** By name key, then by type: the name's key string is computed once per Name object (name.ts). */
  private readonly byName = new Map<string, Map<number, Entry>>();
  /** Every entry, oldest first: the order the eviction sweep goes through. */
  private readonly order = new Set<Entry>();
  private octets = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly limits: AnswerCacheLimits) {}

  /** The proven answer for `name`/`type` at `nowSeconds`, if one is held and still valid. */
  get(name: Name, type: number, nowSeconds: number): LookupResult | undefined {
    if (this.limits.maxEntries === 0) return undefined;
    const e = this.byName.get(name.key())?.get(type);
    if (!e) {
      this.misses++;
      return undefined;
    }
    if (nowSeconds >= e.expiresAt || nowSeconds < e.storedAt) {
      this.remove(e);
      this.misses++;
      return undefined;
    }
    e.used = true;
    this.hits++;
    return e.result;
  }

  /**
   * Keeps `result` from `storedAt` until `expiresAt`, as a frozen copy whose records share no octets
   * with the messages they came from (dns/detach.ts), and returns what it keeps (or `result` itself
   * when it keeps nothing): every caller from now on gets that same object.
   */
  set(result: LookupResult, storedAt: number, expiresAt: number): LookupResult {
    if (this.limits.maxEntries === 0 || expiresAt <= storedAt) return result;
    let kept: LookupResult;
    try {
      const names = new Map<string, Name>();
      kept = freezeResult({ ...result, name: detachNameOnce(result.name, names), rrset: detachRecords(result.rrset, names), rrsigs: detachRecords(result.rrsigs, names), aliases: detachRecords(result.aliases, names) });
    } catch {
      return result; // RDATA that does not decode alone again (it did inside its message): not kept
    }
    const octets = estimateOctets(kept);
    if (octets > this.limits.maxOctets) return result;
    const nameKey = result.name.key();
    const old = this.byName.get(nameKey)?.get(result.type);
    if (old) this.remove(old);
    while (this.order.size >= this.limits.maxEntries || this.octets + octets > this.limits.maxOctets) this.evictOne();
    const e: Entry = { nameKey, result: kept, storedAt, expiresAt, octets, used: false };
    let types = this.byName.get(nameKey);
    if (!types) this.byName.set(nameKey, (types = new Map()));
    types.set(result.type, e);
    this.order.add(e);
    this.octets += octets;
    return kept;
  }

  stats(): AnswerCacheStats {
    return { entries: this.order.size, octets: this.octets, hits: this.hits, misses: this.misses, evictions: this.evictions };
  }

  clear(): void {
    this.byName.clear();
    this.order.clear();
    this.octets = 0;
  }

  /** Evicts the oldest entry not used since the sweep last passed it; used ones get a second chance at the end. */
  private evictOne(): void {
    for (const e of this.order) {
      if (e.used) {
        e.used = false;
        this.order.delete(e);
        this.order.add(e);
        continue;
      }
      this.remove(e);
      this.evictions++;
      return;
    }
  }

  private remove(e: Entry): void {
    const types = this.byName.get(e.nameKey);
    types?.delete(e.result.type);
    if (types?.size === 0) this.byName.delete(e.nameKey);
    this.order.delete(e);
    this.octets -= e.octets;
  }
}

function freezeResult(r: LookupResult): LookupResult {
  for (const a of [r.rrset, r.rrsigs, r.aliases, r.chain, r.reasons]) Object.freeze(a);
  if (r.denial) Object.freeze(r.denial);
  return Object.freeze(r);
}
