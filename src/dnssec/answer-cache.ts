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
import type { ResourceRecord } from '../dns/record.ts';
import type { LookupResult } from './validator.ts';

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

/** Fixed cost per entry and per record: object headers, the map slot, Name objects, the key. */
const ENTRY_OVERHEAD = 512;
const RECORD_OVERHEAD = 160;

function recordOctets(records: readonly ResourceRecord[]): number {
  let n = 0;
  for (const rr of records) n += RECORD_OVERHEAD + rr.name.wireLength + rr.rdata.length;
  return n;
}

/** A rough upper estimate of what `result` occupies in memory (strings counted at 2 octets a character). */
export function estimateOctets(result: LookupResult): number {
  let n = ENTRY_OVERHEAD + recordOctets(result.rrset) + recordOctets(result.rrsigs) + recordOctets(result.aliases);
  n += result.chain.length * 160 + result.reason.length * 2;
  for (const r of result.reasons) n += 64 + r.text.length * 2;
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

  /** Keeps `result` (frozen: every caller shares it) from `storedAt` until `expiresAt`. */
  set(result: LookupResult, storedAt: number, expiresAt: number): void {
    if (this.limits.maxEntries === 0 || expiresAt <= storedAt) return;
    const octets = estimateOctets(result);
    if (octets > this.limits.maxOctets) return;
    const nameKey = result.name.key();
    const old = this.byName.get(nameKey)?.get(result.type);
    if (old) this.remove(old);
    while (this.order.size >= this.limits.maxEntries || this.octets + octets > this.limits.maxOctets) this.evictOne();
    const e: Entry = { nameKey, result: freezeResult(result), storedAt, expiresAt, octets, used: false };
    let types = this.byName.get(nameKey);
    if (!types) this.byName.set(nameKey, (types = new Map()));
    types.set(result.type, e);
    this.order.add(e);
    this.octets += octets;
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
  return Object.freeze(r);
}
