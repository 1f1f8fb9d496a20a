/**
 * The validators `verifyDane` and `resolveDanePolicy` use when the caller passes none: one per
 * configuration (resolvers, trust anchors, timeout, limits, crypto policy, clock), kept between
 * calls so that the obvious code is the fast code. A new validator per call paid for the whole
 * chain of trust again each time: 7.0 ms per call against 0.59 ms with a shared one (issue #13).
 *
 * Bounded: at most {@link MAX_SHARED_VALIDATORS} configurations, the least recently used dropped;
 * each validator's caches are bounded on their own (stub cache entries, key chain entries).
 * Sharing means sharing caches between calls, as every recursive resolver does; what a lying
 * server can leave in them is bounded by the cache rules (docs/security-model.md, bogus answers
 * live `badCacheTtl`). Opt out per call with `shareValidator: false`, or pass a `validator`.
 * The default resolvers are read from /etc/resolv.conf when a validator is made:
 * {@link clearSharedValidators} makes the next call read it again.
 */
import { formatRR } from '../dns/presentation.ts';
import type { Validator } from '../dnssec/validator.ts';

/** Configurations whose validator is kept. */
export const MAX_SHARED_VALIDATORS = 8;

const shared = new Map<string, Validator>();

/** What makes two calls' validators interchangeable: the options a validator is built from. */
export type { ValidatorConfig } from './validator-config.ts';
import type { ValidatorConfig } from './validator-config.ts';

function keyOf(c: ValidatorConfig): string {
  const anchors = typeof c.trustAnchors === 'string' || c.trustAnchors === undefined
    ? c.trustAnchors
    : c.trustAnchors.map((a) => [a.zone.key(), formatRR(a.record), a.validFrom?.getTime(), a.validUntil?.getTime()]);
  return JSON.stringify([c.resolvers, anchors, c.timeoutMs, c.now?.getTime(), c.limits, c.cryptoPolicy]);
}

/** The shared validator for `config`, made by `make` the first time (or again after eviction). */
export function sharedValidator(config: ValidatorConfig, make: () => Validator): Validator {
  const key = keyOf(config);
  const known = shared.get(key);
  if (known) {
    // Most recently used last: Map keeps insertion order.
    shared.delete(key);
    shared.set(key, known);
    return known;
  }
  const v = make();
  if (shared.size >= MAX_SHARED_VALIDATORS) shared.delete(shared.keys().next().value!);
  shared.set(key, v);
  return v;
}

/** Forgets every shared validator (and so its caches): the next call makes a new one. */
export function clearSharedValidators(): void {
  shared.clear();
}

/** How many configurations have a shared validator now (for tests and monitoring). */
export function sharedValidatorCount(): number {
  return shared.size;
}
