/**
 * One lookup's budget and upstream access. Every query and every signature check of a lookup goes
 * through here, so the bounds of {@link ValidatorLimits} hold whatever the answers contain.
 */
import type { Name } from '../dns/name.ts';
import type { Resolver, QueryResult } from '../resolver/result.ts';
import { rrTypeToString } from '../dns/iana/rr-types.ts';
import type { ValidatorLimits } from './validator-limits.ts';
import type { CryptoPolicy } from './algorithms.ts';
import { EDE, type Reason } from './status.ts';
import { BudgetExhausted, type CallBudget } from './call-budget.ts';
import { publish } from '../diagnostics.ts';

/** What the validator needs from a stub resolver: one question in, one untrusted message out. */
export type Upstream = Resolver;

/** The outcome of asking the upstream; failures are values with a reason, never throws. */
export type UpstreamResult = QueryResult;

/** Thrown inside a lookup when a bound is exceeded; the validator turns it into a bogus result. */
export class LimitExceeded extends Error {
  override readonly name = 'LimitExceeded';
  readonly reason: Reason;
  constructor(bound: keyof ValidatorLimits, detail: string) {
    super(`${bound} exceeded: ${detail}`);
    this.reason = { code: 'limit-exceeded', ede: EDE.DNSSEC_BOGUS, text: `limit ${bound} exceeded (${detail})` };
  }
}

export class LookupContext {
  queries = 0;
  signatureChecks = 0;
  /** Set when an answer of this lookup came from the upstream's cache. */
  usedCache = false;
  /** Every question this lookup asked, by `name|type` (for {@link Upstream.capCacheLifetime}). */
  readonly asked = new Map<string, { readonly name: Name; readonly type: number }>();
  /**
   * DS and DNSKEY questions of the chain of trust asked ahead of need (keychain.ts), by owner:
   * a walk takes its answers from here, and the lookup's walks share them.
   */
  readonly prefetched = { ds: new Map<string, Promise<UpstreamResult>>(), keys: new Map<string, Promise<UpstreamResult>>() };

  /** Waits until every question asked ahead of need has its answer or failure (DNSKEY questions start when DS answers arrive). */
  async settlePrefetched(): Promise<void> {
    if (this.prefetched.ds.size === 0) return; // the usual warm case: everything came from caches
    for (let seen = -1; seen !== this.prefetched.ds.size + this.prefetched.keys.size; ) {
      seen = this.prefetched.ds.size + this.prefetched.keys.size;
      await Promise.allSettled([...this.prefetched.ds.values(), ...this.prefetched.keys.values()]);
      // A DNSKEY question starts in a then() of its DS answer: let those run before counting again.
      await new Promise((r) => setImmediate(r));
    }
  }
  private readonly checksByZone = new Map<string, number>();

  constructor(
    readonly upstream: Upstream,
    readonly limits: ValidatorLimits,
    readonly now: Date,
    readonly signal?: AbortSignal,
    /** What the crypto layer may accept (e.g. SHA-1 algorithms off) and how much clock skew it tolerates. */
    readonly crypto: { readonly policy?: CryptoPolicy; readonly clockSkewSeconds?: number } = {},
    /** Fetch every answer again rather than take it from a cache (the validator's second try after bogus). */
    readonly fresh = false,
    /** The budget of the whole call this lookup is part of, charged beside the lookup's own limits. */
    readonly budget?: CallBudget,
  ) {}

  /** Seconds since the epoch, as RRSIG validity is expressed. */
  get nowSeconds(): number {
    return Math.floor(this.now.getTime() / 1000);
  }

  /** Sends one question upstream, counted against {@link ValidatorLimits.maxQueries}. */
  async query(name: Name, type: number, requireSignatures = false): Promise<UpstreamResult> {
    if (++this.queries > this.limits.maxQueries) {
      throw new LimitExceeded('maxQueries', `${this.limits.maxQueries} queries, next was ${name} ${rrTypeToString(type)}`);
    }
    this.budget?.charge('queries', 1, `${name} ${rrTypeToString(type)}`);
    if (this.signal?.aborted) return { ok: false, reason: 'aborted by the caller', code: 'aborted', attempts: [] };
    this.asked.set(`${name.key()}|${type}`, { name, type });
    publish('dnsQueryStart', () => ({ name: name.toString(), type }));
    try {
      const r = await this.upstream.query(name, type, { ...(this.signal ? { signal: this.signal } : {}), requireSignatures, ...(this.fresh ? { fresh: true } : {}) });
      if (r.ok && r.fromCache) this.usedCache = true;
      publish('dnsQuery', () => ({ name: name.toString(), type, ok: r.ok, ...(r.ok ? { fromCache: r.fromCache } : { reason: r.reason }) }));
      // Cut off by the call's deadline: say so, rather than "aborted".
      const stop = !r.ok && r.code === 'aborted' && this.budget?.pastDeadline ? this.budget.exhaustedReason : undefined;
      if (stop) throw new BudgetExhausted(stop);
      return r;
    } catch (e) {
      if (e instanceof BudgetExhausted) throw e;
      // A resolver should not throw, but a thrown error must still become a value (never escape).
      const reason = `resolver error: ${(e as Error).message}`;
      publish('dnsQuery', () => ({ name: name.toString(), type, ok: false, reason }));
      return { ok: false, reason, code: 'network', attempts: [] };
    }
  }

  /**
   * Charges one NSEC3 hash of `iterations` iterations (iterations + 1 SHA-1 computations) to the
   * call's budget; undefined without one. Each proof is bounded on its own (NSEC3_MAX_HASH_WORK).
   */
  get nsec3HashCharger(): ((iterations: number) => void) | undefined {
    const budget = this.budget;
    return budget && ((iterations) => budget.charge('nsec3HashWork', iterations + 1, `an NSEC3 hash of ${iterations} iterations`));
  }

  /**
   * Counts one signature verification against {@link ValidatorLimits.maxSignatureChecks} and, for
   * the zone that signed, {@link ValidatorLimits.maxSignatureChecksPerZone}.
   */
  chargeSignatureCheck(what: string, zone: Name): void {
    this.budget?.charge('signatureChecks', 1, what);
    if (++this.signatureChecks > this.limits.maxSignatureChecks) {
      throw new LimitExceeded('maxSignatureChecks', `${this.limits.maxSignatureChecks} signature checks, next was ${what}`);
    }
    const key = zone.key();
    const n = (this.checksByZone.get(key) ?? 0) + 1;
    this.checksByZone.set(key, n);
    if (n > this.limits.maxSignatureChecksPerZone) {
      throw new LimitExceeded('maxSignatureChecksPerZone', `${this.limits.maxSignatureChecksPerZone} signature checks in zone ${zone}, next was ${what}`);
    }
  }
}
