/**
 * A cache of MTA-STS policies by policy domain (RFC 8461 §3.3, §5.1): the policy with the `id` of
 * the TXT record it was fetched under and the time it expires (`max_age` after the fetch).
 *
 * - A cached, unexpired policy is used without a fetch while the TXT record's `id` is the same.
 * - When the `id` changes the policy is fetched again; a failed refresh keeps the cached policy
 *   until it expires (RFC 8461 §3.3: an attacker who blocks the fetch must not remove a policy).
 * - A policy stays in force until `max_age` even if the TXT record disappears (RFC 8461 §5.1,
 *   §8.3: a domain ends MTA-STS by publishing `mode: none`).
 *
 * Bounded: at most `maxEntries` domains (default {@link MTA_STS_CACHE_ENTRIES}); the least
 * recently used is dropped first. Time is an input (`now` in ms), never read here.
 */
import type { MtaStsPolicy } from './mta-sts-policy.ts';

/** Policy domains an {@link MtaStsPolicyCache} keeps at most, by default. */
export const MTA_STS_CACHE_ENTRIES = 10_000;

/** One cached policy. */
export interface CachedMtaStsPolicy {
  /** The policy domain, lower-case, absolute (`example.com.`). */
  readonly domain: string;
  /** The `id` of the TXT record the policy was fetched under. */
  readonly id: string;
  readonly policy: MtaStsPolicy;
  /** Milliseconds since the epoch. */
  readonly fetchedAt: number;
  /** `fetchedAt + max_age` seconds. */
  readonly expiresAt: number;
}

/** What a policy cache offers; {@link MtaStsPolicyCache} is the in-memory one. */
export interface MtaStsCache {
  /** The unexpired policy of `domain` at `now` (ms), or undefined. */
  get(domain: string, now: number): CachedMtaStsPolicy | undefined;
  set(entry: CachedMtaStsPolicy): void;
  delete(domain: string): void;
}

const key = (domain: string): string => {
  const d = domain.toLowerCase();
  return d.endsWith('.') ? d : `${d}.`;
};

/** In-memory, bounded, least recently used first out. */
export class MtaStsPolicyCache implements MtaStsCache {
  readonly maxEntries: number;
  private readonly entries = new Map<string, CachedMtaStsPolicy>();

  /** @throws RangeError for maxEntries that is not a whole number of at least 1 */
  constructor(options: { readonly maxEntries?: number } = {}) {
    const m = options.maxEntries ?? MTA_STS_CACHE_ENTRIES;
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`expected maxEntries as a whole number of at least 1, got ${m}`);
    this.maxEntries = m;
  }

  get size(): number {
    return this.entries.size;
  }

  get(domain: string, now: number): CachedMtaStsPolicy | undefined {
    const k = key(domain);
    const e = this.entries.get(k);
    if (!e) return undefined;
    if (e.expiresAt <= now) {
      this.entries.delete(k);
      return undefined;
    }
    // Most recently used last: the first key is the one to evict.
    this.entries.delete(k);
    this.entries.set(k, e);
    return e;
  }

  set(entry: CachedMtaStsPolicy): void {
    const k = key(entry.domain);
    this.entries.delete(k);
    this.entries.set(k, Object.freeze({ ...entry, domain: k }));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(domain: string): void {
    this.entries.delete(key(domain));
  }

  clear(): void {
    this.entries.clear();
  }
}
