/**
 * `createDaneResolver(options)`: one object that owns the caches (a stub resolver's messages, the
 * validator's keys and proven answers) for a service's lifetime, instead of per-call functions
 * sharing hidden state (issue #14, item 2). An MTA makes one at start-up, asks it for policies,
 * connect plans or whole checks, reads its stats, and closes it at shutdown.
 *
 * ```ts
 * const dane = createDaneResolver({ resolvers: ['127.0.0.1'] });
 * const plan = await dane.connectPlan('example.com');   // or dane.policy(...), dane.verify(...)
 * metrics.gauge('dane.answers', dane.stats().answers.entries);
 * dane.close();
 * ```
 */
import type { ResolverStats, StubResolver } from '../resolver/stub.ts';
import type { Validator, ValidatorCacheStats } from '../dnssec/validator.ts';
import { connectPlan, type ConnectPlan, type ConnectPlanOptions } from './connect-plan.ts';
import type { DanePolicy } from './policy.ts';
import { buildValidator, type CacheConfig, type PacingConfig } from './validator-config.ts';
import { resolveDanePolicy, verifyDane, type DaneOptions, type DaneResult } from './verify.ts';
import { SealedPolicyStore } from './policy-store.ts';
import { parseDestination } from './destination.ts';

/** What a resolver is made with: verifyDane's options about DNS and DNSSEC, its cache bounds and its query rate limit per upstream. */
export type DaneResolverOptions = Pick<DaneOptions, 'resolvers' | 'trustAnchors' | 'timeoutMs' | 'now' | 'limits' | 'cryptoPolicy'> & CacheConfig & PacingConfig & {
  /**
   * With `answerStore`: also share the DANE policies that `policy()` and `connectPlan()` build, in
   * the same store under the same secret (policy-store.ts), each until its `expiresAt`. `verify()`
   * builds its own policy (its lookups still use the shared answers).
   */
  readonly sharePolicies?: boolean;
};

/** What each call may set: verifyDane's per-call options (the DNS side is the resolver's own). */
export type DaneCallOptions = Omit<DaneOptions, 'resolvers' | 'trustAnchors' | 'timeoutMs' | 'now' | 'limits' | 'cryptoPolicy' | 'validator' | 'shareValidator'>;

/** Counters and cache contents since the resolver was made. */
export interface DaneResolverStats {
  /** Calls made, by kind. */
  readonly calls: { readonly policy: number; readonly verify: number; readonly connectPlan: number };
  /** The validator's caches (proven answers: entries, estimated octets, hits, misses, evictions). */
  readonly answers: ValidatorCacheStats['answers'];
  /** The stub resolver: queries over UDP and TCP, its cache hits, questions that joined one in flight, answers dropped. */
  readonly dns: ResolverStats;
  /** The shared answer store, when one is configured: entries taken, refused (seal, question, time), failed or slow operations. */
  readonly store?: ValidatorCacheStats['store'];
  /** The shared policies, with `sharePolicies`: the same counters. */
  readonly policies?: ValidatorCacheStats['store'];
}

export interface DaneResolver {
  /** The DANE policy of a destination (the DNS phase of RFC 7672 §2); see `resolveDanePolicy`. */
  policy(domain: string, options?: DaneCallOptions): Promise<DanePolicy>;
  /** The policy and its connect plan (targets with TLS options and `verify`); see `connectPlan`. */
  connectPlan(domain: string, options?: DaneCallOptions & ConnectPlanOptions): Promise<ConnectPlan>;
  /** The whole check, SMTP sessions included unless `connect: false`; see `verifyDane`. */
  verify(destination: string | { readonly host: string }, options?: DaneCallOptions): Promise<DaneResult>;
  stats(): DaneResolverStats;
  /** Closes the stub resolver's connections and drops the caches; later calls reject (`ERR_DANE_RESOLVER_CLOSED`). */
  close(): void;
}

/** A call on a resolver after `close()`. */
export class DaneResolverClosedError extends Error {
  override readonly name = 'DaneResolverClosedError';
  readonly code = 'ERR_DANE_RESOLVER_CLOSED';
  constructor() {
    super('this DANE resolver was closed');
  }
}

/**
 * Makes a resolver that owns its caches.
 * @throws RangeError (`code: 'ERR_OUT_OF_RANGE'`) for a bad option, TrustAnchorError for bad anchors (caller misuse)
 */
export function createDaneResolver(options: DaneResolverOptions = {}): DaneResolver {
  const built: { validator: Validator; stub: StubResolver } | undefined = buildValidator(options, options);
  let open: typeof built | undefined = built;
  const calls = { policy: 0, verify: 0, connectPlan: 0 };
  const base: Pick<DaneOptions, 'timeoutMs' | 'now'> = {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const use = (): Validator => {
    if (!open) throw new DaneResolverClosedError();
    return open.validator;
  };
  const policies = options.sharePolicies && options.answerStore ? new SealedPolicyStore(options.answerStore, built.validator.storeConfiguration) : undefined;
  const policyOf = async (domain: string, o: DaneCallOptions): Promise<DanePolicy> => {
    const validator = use();
    const d = policies ? parseDestination(domain, 'domain') : undefined;
    if (!policies || d?.kind !== 'domain') return resolveDanePolicy(domain, { ...o, ...base, validator });
    const now = Math.floor((options.now?.getTime() ?? Date.now()) / 1000);
    const shared = await policies.read(d, o, now);
    if (shared) return shared;
    const policy = await resolveDanePolicy(domain, { ...o, ...base, validator });
    policies.write(d, o, policy, now);
    return policy;
  };
  return Object.freeze({
    async policy(domain: string, o: DaneCallOptions = {}): Promise<DanePolicy> {
      use();
      calls.policy++;
      return policyOf(domain, o);
    },
    async connectPlan(domain: string, o: DaneCallOptions & ConnectPlanOptions = {}): Promise<ConnectPlan> {
      use();
      calls.connectPlan++;
      return connectPlan(await policyOf(domain, o), o);
    },
    async verify(destination: string | { readonly host: string }, o: DaneCallOptions = {}): Promise<DaneResult> {
      const validator = use();
      calls.verify++;
      return verifyDane(destination, { ...o, ...base, validator });
    },
    stats(): DaneResolverStats {
      const caches = built.validator.cacheStats();
      const p = policies ? { policies: { hits: policies.hits, rejected: policies.rejected, errors: policies.errors } } : {};
      return { calls: { ...calls }, answers: caches.answers, dns: built.stub.stats, ...(caches.store ? { store: caches.store } : {}), ...p };
    },
    close(): void {
      if (!open) return;
      open.stub.close();
      open.validator.clearCaches();
      open = undefined;
    },
  });
}
