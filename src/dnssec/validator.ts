/**
 * A security-aware stub validator (RFC 4035 §4.9, §5): it asks a recursive resolver with CD=1,
 * trusts nothing the resolver says, and proves every answer from a trust anchor itself.
 *
 * `lookup(name, type)` gives one {@link SecurityStatus} per answer with the records, the chain of
 * zones that proved it and the reason trail. Positive answers are proven by their RRSIGs and the
 * chain of trust to the signer zone; negative answers by signed NSEC/NSEC3 proofs; CNAME and DNAME
 * chains link by link; unsigned data only by a signed proof that the chain of trust ends above it.
 *
 * Limitations: a stub sees no referrals, so zone cuts are found with DS queries (one per label
 * between the anchor and the signer, sent ahead in parallel and cached); answers for classes other
 * than IN are not handled. The signer named in an RRSIG is taken as the owner's zone once the chain
 * of trust proves it a zone: no DS queries look for a deeper secure cut between signer and owner, so
 * a parent zone's key can sign data of its child (RFC 4035 §5.3.1 wants the child's). The parent's
 * key can as well sign a DS of its choosing for the child, so this gives no one more power; a signer
 * above the name's closest trust anchor is refused (RFC 4033 §5), which is where it would.
 */
import { Name } from '../dns/name.ts';
import { ianaRootAnchors, parseTrustAnchors, type TrustAnchor } from './anchors.ts';
import { KeyChain, ZONE_CACHE_ENTRIES } from './keychain.ts';
import { LimitExceeded, LookupContext, type Upstream } from './lookup-context.ts';
import { EDE, type SecurityStatus } from './status.ts';
import { DEFAULT_VALIDATOR_LIMITS, type ValidatorLimits } from './validator-limits.ts';
import type { CryptoPolicy } from './algorithms.ts';
import { BudgetExhausted, type CallBudget } from './call-budget.ts';
import { publish } from '../diagnostics.ts';
import { AnswerCache, ANSWER_CACHE_ENTRIES, ANSWER_CACHE_OCTETS, type AnswerCacheLimits, type AnswerCacheStats } from './answer-cache.ts';
import { SealedAnswerStore, type AnswerStoreOptions } from './answer-store.ts';

export interface ValidatorOptions {
  /** Where questions go: a stub resolver (see `StubResolver`) or anything with the same `query`. */
  readonly upstream: Upstream;
  /** Trust anchors as records or text (DS/DNSKEY lines or root-anchors.xml); default: the IANA root anchors. */
  readonly trustAnchors?: readonly TrustAnchor[] | string;
  /** The clock (for tests and vectors); default: the system clock. */
  readonly now?: () => Date;
  readonly limits?: Partial<ValidatorLimits>;
  /** Crypto policy, e.g. `{ allowSha1: false }` to treat zones signed only with SHA-1 algorithms as insecure (RFC 8624). */
  readonly cryptoPolicy?: CryptoPolicy;
  /** Seconds of clock skew tolerated at both ends of signature validity windows (default 0). */
  readonly clockSkewSeconds?: number;
  /**
   * Bounds of the cache of proven answers (see answer-cache.ts); `{ maxEntries: 0 }` turns it off,
   * so that every lookup asks the upstream (whose own cache still applies).
   */
  readonly answerCache?: Partial<AnswerCacheLimits>;
  /** Zones whose proven keys and DS steps are kept (default {@link ZONE_CACHE_ENTRIES} each). */
  readonly zoneCache?: { readonly maxEntries?: number };
  /**
   * A store shared with other validators (answer-store.ts): asked when the answer cache misses,
   * written with every secure or insecure answer proven here; entries sealed with `secret`.
   */
  readonly answerStore?: AnswerStoreOptions;
}

/** What a validator's caches hold (see {@link Validator.cacheStats}). */
export interface ValidatorCacheStats {
  readonly answers: AnswerCacheStats;
  /** Zones whose proven keys, and DS steps, are kept (each at most `zoneCache.maxEntries`). */
  readonly zones: { readonly zones: number; readonly ds: number };
  /** The shared store, when one is configured: entries read and taken, read and refused (seal, question, time), and failed or slow operations. */
  readonly store?: { readonly hits: number; readonly rejected: number; readonly errors: number };
}
import { LookupRun, type LookupResult } from './lookup-run.ts';

export type { AnswerKind, LookupResult } from './lookup-run.ts';

/** Validates answers from an upstream resolver. One instance caches proven keys across lookups. */
export class Validator {
  private readonly upstream: Upstream;
  private readonly limits: ValidatorLimits;
  private readonly clock: () => Date;
  private readonly keys: KeyChain;
  private readonly crypto: { readonly policy?: CryptoPolicy; readonly clockSkewSeconds?: number };
  private readonly answers: AnswerCache;
  private readonly store: SealedAnswerStore | undefined;
  /** What this validator's proofs depend on besides the data (anchors, crypto policy, limits), as shared stores key it. */
  readonly storeConfiguration: string;
  /** Seconds since the epoch at which a trust anchor's window opens or closes (RFC 9718 §2.2), ascending. */
  private readonly anchorChanges: readonly number[];

  constructor(options: ValidatorOptions) {
    this.crypto = Object.freeze({
      ...(options.cryptoPolicy ? { policy: options.cryptoPolicy } : {}),
      ...(options.clockSkewSeconds !== undefined ? { clockSkewSeconds: options.clockSkewSeconds } : {}),
    });
    this.upstream = options.upstream;
    this.limits = Object.freeze({ ...DEFAULT_VALIDATOR_LIMITS, ...options.limits });
    this.clock = options.now ?? (() => new Date());
    const anchors = options.trustAnchors === undefined ? ianaRootAnchors()
      : typeof options.trustAnchors === 'string' ? parseTrustAnchors(options.trustAnchors) : options.trustAnchors;
    const zones = options.zoneCache?.maxEntries;
    if (zones !== undefined && (!Number.isSafeInteger(zones) || zones < 1)) throw new RangeError(`zoneCache.maxEntries must be a positive integer, got ${zones}`);
    this.keys = new KeyChain(anchors, zones ?? ZONE_CACHE_ENTRIES);
    this.anchorChanges = anchors.flatMap((a) => [a.validFrom, a.validUntil]).filter((d): d is Date => d !== undefined)
      .map((d) => Math.ceil(d.getTime() / 1000)).sort((a, b) => a - b);
    this.answers = new AnswerCache({ maxEntries: ANSWER_CACHE_ENTRIES, maxOctets: ANSWER_CACHE_OCTETS, ...options.answerCache });
    // What a proof depends on besides the data: the anchors, what crypto counts, the limits.
    const configuration = (this.storeConfiguration = JSON.stringify({
      anchors: anchors.map((a) => [a.zone.key(), a.record.type, Buffer.from(a.record.rdata).toString('hex'), a.validFrom?.getTime(), a.validUntil?.getTime()]),
      crypto: this.crypto,
      limits: this.limits,
    }));
    this.store = options.answerStore ? new SealedAnswerStore(options.answerStore, configuration) : undefined;
  }

  /** Entries, estimated memory and hits of the cache of proven answers. */
  cacheStats(): ValidatorCacheStats {
    const s = this.store;
    return { answers: this.answers.stats(), zones: this.keys.cacheSizes(), ...(s ? { store: { hits: s.hits, rejected: s.rejected, errors: s.errors } } : {}) };
  }

  /** Drops every proven answer and every proven zone key and DS step (the anchors stay). */
  clearCaches(): void {
    this.answers.clear();
    this.keys.clear();
  }

  /**
   * Looks up `name`/`type` and proves the answer. Never throws for anything the network does:
   * failures are `indeterminate`, broken proofs `bogus`, each with its reason.
   * @throws DnsFormatError for a malformed name, TypeError when the clock gives an invalid Date (caller misuse)
   */
  async lookup(name: Name | string, type: number, opts: { signal?: AbortSignal; budget?: CallBudget } = {}): Promise<LookupResult> {
    const qname = typeof name === 'string' ? Name.parse(name) : name;
    const now = this.clock();
    // An invalid clock would make every validity comparison false, i.e. accept any signature time.
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError(`expected the validator's clock to give a valid Date, got ${String(now)}`);
    // Bad data is kept briefly and fetched again (RFC 4035 §4.7; Unbound's val-bogus-ttl): a lookup
    // that comes out bogus from cached answers is run once more on fresh ones, so one forged message
    // (a flipped bit, TTLs raised to a day) cannot keep a name bogus for as long as it claims; and
    // every answer of a lookup that stays bogus may be served from the upstream's cache for at most
    // badCacheTtl more. The key chain's own bad results are fetched again on the second run too.
    // Within a call's budget the lookup also stops at the call's deadline (the budget's signal).
    const nowSeconds = Math.floor(now.getTime() / 1000);
    // An aborted caller gets no answer, cached or not: the lookup ends indeterminate as it would cold.
    const aborted = opts.signal?.aborted === true || opts.budget?.aborted === true;
    const cached = aborted ? undefined : this.answers.get(qname, type, nowSeconds);
    if (cached) {
      publish('lookup', () => ({ name: qname.toString(), type, status: cached.status, kind: cached.kind, reason: cached.reason, fromCache: true }));
      return cached;
    }
    if (this.store && !aborted) {
      const shared = await this.store.read(qname, type, nowSeconds);
      if (shared) {
        const kept = this.answers.set(shared.result, shared.storedAt, shared.expiresAt);
        publish('lookup', () => ({ name: qname.toString(), type, status: kept.status, kind: kept.kind, reason: kept.reason, fromCache: true }));
        return kept;
      }
    }
    const signal = opts.budget && opts.signal ? AbortSignal.any([opts.budget.signal, opts.signal]) : (opts.budget?.signal ?? opts.signal);
    let ctx = this.context(now, signal, false, opts.budget);
    let run = await this.run(qname, type, ctx);
    if (run.result.status === 'bogus' && ctx.usedCache && !signal?.aborted) {
      ctx = this.context(now, signal, true, opts.budget);
      run = await this.run(qname, type, ctx);
    }
    if (run.result.status === 'bogus' && this.upstream.capCacheLifetime) {
      for (const q of ctx.asked.values()) this.upstream.capCacheLifetime(q.name, q.type, this.limits.badCacheTtl);
    }
    const result = this.remember(run.result, run.validUntil, nowSeconds, ctx.fresh);
    publish('lookup', () => ({ name: qname.toString(), type, status: result.status, kind: result.kind, reason: result.reason }));
    return result;
  }

  /**
   * Keeps a finished lookup's result for as long as everything it relied on holds. Never kept: an
   * indeterminate result (a network failure or the call's budget: about this try, not the name) and
   * a result cut short by a per-lookup bound (LookupContext: it may say more about the lookups that
   * ran beside it than about the name). A bogus result is kept for badCacheTtl, so a broken or
   * attacked name is not proven again on every call, and not for longer; and only once it came out
   * bogus again from answers fetched afresh (`refetched`), so a single forged message never makes a
   * name bogus beyond the lookup that met it. Returns what the cache keeps (a detached, frozen
   * copy), so that this caller gets the same object as the next ones.
   */
  private remember(result: LookupResult, validUntil: number, nowSeconds: number, refetched: boolean): LookupResult {
    if (result.status === 'indeterminate' || result.reasons.some((r) => r.code === 'limit-exceeded')) return result;
    if (result.status === 'bogus' && !refetched) return result;
    let until = result.status === 'bogus' ? nowSeconds + this.limits.badCacheTtl : Math.min(validUntil, nowSeconds + this.limits.maxCacheTtl);
    // The anchors in force may change (RFC 9718 §2.2 windows): what they proved is proven again then.
    const change = this.anchorChanges.find((t) => t > nowSeconds);
    if (change !== undefined && change < until) until = change;
    const kept = this.answers.set({ ...result, expiresAt: until }, nowSeconds, until);
    // Shared only what was proven secure or insecure: a bogus result may be one machine's attacker.
    if (this.store && (kept.status === 'secure' || kept.status === 'insecure')) this.store.write(kept, nowSeconds, until);
    return kept;
  }

  private context(now: Date, signal: AbortSignal | undefined, fresh: boolean, budget: CallBudget | undefined): LookupContext {
    return new LookupContext(this.upstream, this.limits, now, signal, this.crypto, fresh, budget);
  }

  private async run(qname: Name, type: number, ctx: LookupContext): Promise<{ result: LookupResult; validUntil: number }> {
    const run = new LookupRun(qname, type, ctx, this.keys);
    try {
      return { result: await run.execute(), validUntil: run.validUntil };
    } catch (e) {
      return { result: this.failed(run, e), validUntil: run.validUntil };
    } finally {
      // Questions asked ahead of need end with the lookup: no work of it goes on after it returns.
      await ctx.settlePrefetched();
    }
  }

  private failed(run: LookupRun, e: unknown): LookupResult {
    if (e instanceof LimitExceeded) return run.finish('bogus', 'error', e.reason);
    // The call's budget says nothing about the name: temporary, never a verdict.
    if (e instanceof BudgetExhausted) return run.finish('indeterminate', 'error', e.reason);
    // Anything else is a bug in this library; report it without letting it escape as a pass.
    return run.finish('indeterminate', 'error', { code: 'malformed-response', ede: EDE.DNSSEC_INDETERMINATE, text: `internal error: ${(e as Error).message}` });
  }
}
