/**
 * A second tier for the cache of proven answers: a store shared beyond one validator (several
 * validators in a process, or a fleet through Redis, issue #17), behind a small interface
 * (issue #14, item 2). The validator's own answer cache stays the first tier; the store is asked
 * on a miss there, and written when an answer is proven.
 *
 * A store is not trusted: whoever can write to it could otherwise put "secure" data there. Every
 * entry is sealed with HMAC-SHA-256 under a secret only the validators have, over the entry and
 * the key it is stored under (an entry moved to another name's key does not verify), and the key
 * names the validator's configuration (trust anchors, crypto policy, limits), so that what one
 * configuration proved is never read by another. An entry that does not verify, does not parse,
 * is too large, is for another question, or is not valid at the reader's clock is a miss.
 * A store that fails or is slow is a miss too (bounded by `timeoutMs`): it can cost a lookup
 * time, never its answer.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Name } from '../dns/name.ts';
import { recordFromRdata } from '../dns/rdata/index.ts';
import type { ResourceRecord } from '../dns/record.ts';
import { outOfRange } from '../misuse.ts';
import { TtlCache } from '../resolver/cache.ts';
import type { ChainLink } from './keychain.ts';
import type { RRSIGRecord } from './rrsets.ts';
import type { Reason } from './status.ts';
import type { LookupResult } from './validator.ts';

/** Where entries go: get, set with a lifetime, delete. Each may be synchronous or return a promise. */
export interface AnswerStore {
  get(key: string): Promise<string | undefined> | string | undefined;
  /** Keeps `value` under `key` for at most `ttlSeconds` (a whole number, at least 1). */
  set(key: string, value: string, ttlSeconds: number): Promise<void> | void;
  delete(key: string): Promise<void> | void;
}

export interface AnswerStoreOptions {
  readonly store: AnswerStore;
  /** The secret entries are sealed with (HMAC-SHA-256): at least 32 octets, the same on every validator sharing the store. */
  readonly secret: string | Uint8Array;
  /** A prefix for the keys (default `dane-verify`). */
  readonly namespace?: string;
  /** How long a store operation may take before it counts as a miss, in ms (default {@link ANSWER_STORE_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/** Default bound on one store operation. */
export const ANSWER_STORE_TIMEOUT_MS = 100;
/** The largest entry written to or read from a store. */
export const MAX_STORED_ENTRY_OCTETS = 64 * 1024;
/** Entries a {@link MemoryAnswerStore} holds by default. */
export const MEMORY_STORE_ENTRIES = 20_000;

/** Version of the entry format: a reader skips entries of other versions. */
const FORMAT = 1;

/** A record as stored: owner in presentation form, type, class, TTL, RDATA in base64 (parsed again when read). */
type StoredRecord = [name: string, type: number, cls: number, ttl: number, rdata: string];

interface StoredEntry {
  v: number;
  name: string;
  type: number;
  status: LookupResult['status'];
  kind: LookupResult['kind'];
  rrset: StoredRecord[];
  rrsigs: StoredRecord[];
  aliases: StoredRecord[];
  chain: ChainLink[];
  reason: string;
  reasons: Reason[];
  storedAt: number;
  expiresAt: number;
}

const toStored = (rrs: readonly ResourceRecord[]): StoredRecord[] => rrs.map((rr) => [rr.name.toString(), rr.type, rr.class, rr.ttl, Buffer.from(rr.rdata).toString('base64')]);
const fromStored = (rrs: unknown): ResourceRecord[] => {
  if (!Array.isArray(rrs)) throw new TypeError('records');
  return rrs.map((r: unknown) => {
    if (!Array.isArray(r) || r.length !== 5 || typeof r[0] !== 'string' || typeof r[4] !== 'string') throw new TypeError('record');
    return recordFromRdata(Name.parse(r[0]), Number(r[1]), Number(r[2]), Number(r[3]), Buffer.from(r[4], 'base64'));
  });
};

/**
 * Sealing and opening entries of one validator configuration in a store (the part every kind of
 * shared entry has: proven answers here, DANE policies in dane/policy-store.ts): the HMAC over
 * key and body, the size bound, the time bound on each store operation, the counters.
 */
export class SealedEntries {
  private readonly secret: Buffer;
  protected readonly prefix: string;
  private readonly timeoutMs: number;
  errors = 0;
  hits = 0;
  rejected = 0;

  /**
   * @param configuration what distinguishes the validator's proofs (anchors, crypto policy, limits), hashed into every key
   * @param kind the kind of entry with its format version, part of every key (`a1`: answers)
   * @throws RangeError (`ERR_OUT_OF_RANGE`) for a secret shorter than 32 octets or a bad timeout
   */
  constructor(private readonly options: AnswerStoreOptions, configuration: string, kind: string) {
    this.secret = Buffer.from(options.secret);
    if (this.secret.length < 32) throw outOfRange(`expected an answer store secret of at least 32 octets, got ${this.secret.length}`);
    this.timeoutMs = options.timeoutMs ?? ANSWER_STORE_TIMEOUT_MS;
    if (!(Number.isInteger(this.timeoutMs) && this.timeoutMs >= 1 && this.timeoutMs <= 60_000)) throw outOfRange(`expected timeoutMs in 1-60000, got ${this.timeoutMs}`);
    const config = createHash('sha256').update(configuration).digest('hex').slice(0, 16);
    this.prefix = `${options.namespace ?? 'dane-verify'}:${kind}:${config}:`;
  }

  private mac(key: string, body: string): Buffer {
    return createHmac('sha256', this.secret).update(key).update('\n').update(body).digest();
  }

  /** Seals `body` under `key` and writes it for `ttlSeconds` (errors are counted, never thrown; too large: not written). */
  protected put(key: string, body: string, ttlSeconds: number): void {
    if (ttlSeconds < 1) return;
    const value = `${this.mac(key, body).toString('base64')}.${body}`;
    if (value.length > MAX_STORED_ENTRY_OCTETS) return;
    this.bounded(() => this.options.store.set(key, value, ttlSeconds)).catch(() => this.errors++);
  }

  /** The body sealed under `key`: undefined for a miss, a failed or slow store (counted in `errors`), or a seal that does not verify. */
  protected async take(key: string): Promise<{ readonly body?: string; readonly found: boolean }> {
    let value: unknown;
    try {
      value = await this.bounded(() => this.options.store.get(key));
    } catch {
      this.errors++;
      return { found: false };
    }
    if (typeof value !== 'string') return { found: false };
    if (value.length > MAX_STORED_ENTRY_OCTETS) return { found: true };
    const dot = value.indexOf('.');
    if (dot < 0) return { found: true };
    const mac = Buffer.from(value.slice(0, dot), 'base64');
    const body = value.slice(dot + 1);
    const want = this.mac(key, body);
    if (mac.length !== want.length || !timingSafeEqual(mac, want)) return { found: true };
    return { body, found: true };
  }

  /** Runs a store operation, rejecting after timeoutMs (the operation itself is left to finish). */
  private bounded<T>(op: () => Promise<T> | T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`answer store: no reply within ${this.timeoutMs} ms`)), this.timeoutMs);
      timer.unref();
      Promise.resolve()
        .then(op)
        .then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e as Error); });
    });
  }
}

/** Seals and opens proven answers of one validator configuration. */
export class SealedAnswerStore extends SealedEntries {
  /** @throws RangeError (`ERR_OUT_OF_RANGE`) for a secret shorter than 32 octets or a bad timeout */
  constructor(options: AnswerStoreOptions, configuration: string) {
    super(options, configuration, `a${FORMAT}`);
  }

  key(name: Name, type: number): string {
    return `${this.prefix}${type}:${name.key()}`;
  }

  /** Writes `result`, kept from `storedAt` until `expiresAt` (errors are counted, never thrown). */
  write(result: LookupResult, storedAt: number, expiresAt: number): void {
    const ttl = Math.floor(expiresAt - storedAt);
    if (ttl < 1) return;
    const entry: StoredEntry = {
      v: FORMAT, name: result.name.toString(), type: result.type, status: result.status, kind: result.kind,
      rrset: toStored(result.rrset), rrsigs: toStored(result.rrsigs), aliases: toStored(result.aliases),
      chain: [...result.chain], reason: result.reason, reasons: [...result.reasons], storedAt, expiresAt,
    };
    this.put(this.key(result.name, result.type), JSON.stringify(entry), ttl);
  }

  /** The entry for `name`/`type` valid at `nowSeconds`, or undefined (a miss, whatever went wrong). */
  async read(name: Name, type: number, nowSeconds: number): Promise<{ result: LookupResult; storedAt: number; expiresAt: number } | undefined> {
    const { body, found } = await this.take(this.key(name, type));
    if (!found) return undefined;
    const opened = body === undefined ? undefined : this.open(body, name, type, nowSeconds);
    if (opened) this.hits++;
    else this.rejected++;
    return opened;
  }

  private open(body: string, name: Name, type: number, nowSeconds: number) {
    try {
      const e = JSON.parse(body) as StoredEntry;
      if (e.v !== FORMAT || e.type !== type || !Name.parse(e.name).equals(name)) return undefined;
      if (!(e.storedAt <= nowSeconds && nowSeconds < e.expiresAt)) return undefined;
      const result: LookupResult = {
        status: e.status, name: Name.parse(e.name), type: e.type, kind: e.kind,
        rrset: fromStored(e.rrset), rrsigs: fromStored(e.rrsigs) as RRSIGRecord[], aliases: fromStored(e.aliases),
        chain: e.chain, reason: String(e.reason), reasons: e.reasons, expiresAt: e.expiresAt,
      };
      return { result, storedAt: e.storedAt, expiresAt: e.expiresAt };
    } catch {
      return undefined; // sealed by us but unreadable (another build's bug): a miss
    }
  }
}

/**
 * An {@link AnswerStore} in this process's memory, bounded in entries (the least recently used
 * goes first; resolver/cache.ts's TtlCache): validators of one process share proofs through it.
 * Its clock is `now` (ms).
 */
export class MemoryAnswerStore implements AnswerStore {
  private readonly cache: TtlCache<string>;

  constructor(maxEntries = MEMORY_STORE_ENTRIES, private readonly now: () => number = Date.now) {
    this.cache = new TtlCache(maxEntries);
  }

  get size(): number {
    return this.cache.size;
  }

  get(key: string): string | undefined {
    return this.cache.get(key, this.now())?.value;
  }

  set(key: string, value: string, ttlSeconds: number): void {
    this.cache.set(key, value, ttlSeconds, this.now());
  }

  delete(key: string): void {
    this.cache.delete(key);
  }
}
