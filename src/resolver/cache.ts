/**
 * A cache of answers bounded in entries and in octets, and the de-duplication of identical
 * questions in flight.
 *
 * The cache knows nothing of DNS: the stub resolver computes each entry's lifetime (see
 * `cache-ttl.ts`) and its key (see {@link questionKey}). Time is an input (`now`, in
 * milliseconds), so tests and vectors control it. Eviction is least-recently-used.
 */
import type { Name } from '../dns/name.ts';

/**
 * The cache and in-flight key of a question: owner compared case-insensitively (RFC 4343),
 * type and class as numbers.
 */
export function questionKey(name: Name, type: number, cls: number): string {
  return `${name.key()} ${type} ${cls}`;
}

interface Entry<V> {
  readonly value: V;
  readonly octets: number;
  readonly storedAt: number;
  /** Lowered by {@link TtlCache.cap}, never raised. */
  expiresAt: number;
}

/** A cache hit: the value and how much of its lifetime has passed. */
export interface CacheHit<V> {
  readonly value: V;
  /** Whole seconds since the value was stored (for decrementing TTLs). */
  readonly ageSeconds: number;
}

/** A least-recently-used map whose entries expire. */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private octetsHeld = 0;

  /**
   * @param maxEntries entries held before the least recently used is evicted (0 disables the cache)
   * @param maxOctets octets (as {@link set} is told them) held before the least recently used is evicted
   * @throws RangeError when maxEntries is not a non-negative integer (caller misuse)
   */
  constructor(readonly maxEntries: number, readonly maxOctets = Number.POSITIVE_INFINITY) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) {
      throw new RangeError(`expected cacheSize to be a non-negative integer, got ${maxEntries}`);
    }
  }

  /** Octets of the entries held, as {@link set} was told them. */
  get octets(): number {
    return this.octetsHeld;
  }

  /** Entries currently held (expired ones included until they are next looked at or evicted). */
  get size(): number {
    return this.entries.size;
  }

  /** The live value for `key` at time `now` (ms), refreshing its recency; expired entries are removed. */
  get(key: string, now: number): CacheHit<V> | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    if (now >= e.expiresAt || now < e.storedAt) {
      // Expired, or the clock went backwards past the store time: either way it cannot be trusted to be fresh.
      this.remove(key, e);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    return { value: e.value, ageSeconds: Math.floor((now - e.storedAt) / 1000) };
  }

  /** Stores `value` (of `octets` in memory) for `ttlSeconds` from `now`; a TTL of 0 or less, or a value larger than the whole bound, stores nothing. */
  set(key: string, value: V, ttlSeconds: number, now: number, octets = 0): void {
    if (this.maxEntries === 0 || !(ttlSeconds > 0) || octets > this.maxOctets) return;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    while (this.entries.size >= this.maxEntries || this.octetsHeld + octets > this.maxOctets) {
      const oldest = this.entries.entries().next();
      if (oldest.done) break;
      this.remove(oldest.value[0], oldest.value[1]);
    }
    this.entries.set(key, { value, octets, storedAt: now, expiresAt: now + ttlSeconds * 1000 });
    this.octetsHeld += octets;
  }

  private remove(key: string, e: Entry<V>): void {
    this.entries.delete(key);
    this.octetsHeld -= e.octets;
  }

  /** Lets the entry for `key` live at most `ttlSeconds` more from `now` (never longer than it already may). */
  cap(key: string, ttlSeconds: number, now: number): void {
    const e = this.entries.get(key);
    if (e !== undefined) e.expiresAt = Math.min(e.expiresAt, now + Math.max(0, ttlSeconds) * 1000);
  }

  /** Removes one entry. */
  delete(key: string): void {
    const e = this.entries.get(key);
    if (e) this.remove(key, e);
  }

  /** Removes everything. */
  clear(): void {
    this.entries.clear();
    this.octetsHeld = 0;
  }
}

interface Flight<V> {
  readonly key: string;
  readonly promise: Promise<V>;
  readonly controller: AbortController;
  waiters: number;
}

/**
 * Runs one piece of work per key at a time: a second caller with the same key while the first
 * is running shares its result instead of starting another. Each caller may abort its own wait;
 * the shared work is aborted only when every caller waiting on it has aborted.
 */
export class InFlight<V> {
  private readonly flights = new Map<string, Flight<V>>();

  /** True when work for `key` is running (a caller now would share it). */
  has(key: string): boolean {
    return this.flights.has(key);
  }

  /** Keys with work running. */
  get size(): number {
    return this.flights.size;
  }

  /**
   * @param start the work, given a signal that fires when every waiter has aborted
   * @param aborted the value a waiter whose own signal fired gets instead of the shared result
   */
  run(key: string, signal: AbortSignal | undefined, start: (signal: AbortSignal) => Promise<V>, aborted: () => V): Promise<V> {
    let flight = this.flights.get(key);
    if (flight === undefined) {
      const controller = new AbortController();
      const promise = start(controller.signal).finally(() => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      });
      flight = { key, promise, controller, waiters: 0 };
      this.flights.set(key, flight);
    }
    const f = flight;
    f.waiters++;
    if (signal === undefined) return f.promise;
    if (signal.aborted) return Promise.resolve(this.leave(f, aborted));
    return new Promise<V>((resolve, reject) => {
      const onAbort = (): void => resolve(this.leave(f, aborted));
      signal.addEventListener('abort', onAbort, { once: true });
      f.promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e as Error);
        },
      );
    });
  }

  private leave(f: Flight<V>, aborted: () => V): V {
    f.waiters--;
    if (f.waiters === 0) {
      // A caller arriving after this must start afresh, not join work that is being abandoned.
      if (this.flights.get(f.key) === f) this.flights.delete(f.key);
      f.controller.abort(new Error('every caller waiting for this query aborted'));
    }
    return aborted();
  }
}
