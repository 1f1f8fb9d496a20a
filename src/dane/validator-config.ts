/**
 * The validator (and its stub resolver) that DaneOptions describe: made in one place for
 * verifyDane's per-configuration validators (shared-validator.ts) and for createDaneResolver.
 */
import { StubResolver } from '../resolver/stub.ts';
import { Validator } from '../dnssec/validator.ts';
import type { AnswerCacheLimits } from '../dnssec/answer-cache.ts';
import type { AnswerStoreOptions } from '../dnssec/answer-store.ts';
import type { DaneOptions } from './verify.ts';

/**
 * verifyDane's and createDaneResolver's `timeoutMs` when none is given, in ms: each DNS question
 * (with up to three times that for all its tries, the stub's deadline) and each SMTP step (a whole
 * session at most SESSION_TIMEOUT_STEPS times that). The stub resolver used alone has its own,
 * shorter defaults (resolver/defaults.ts DEFAULT_TIMEOUT_MS, DEFAULT_DEADLINE_MS).
 */
export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

export type ValidatorConfig = Pick<DaneOptions, 'resolvers' | 'trustAnchors' | 'timeoutMs' | 'now' | 'limits' | 'cryptoPolicy'>;

/** What the caches of a validator made here may hold (the defaults when absent). */
export interface CacheConfig {
  /** The validator's cache of proven answers. */
  readonly answerCache?: Partial<AnswerCacheLimits>;
  /** The validator's proven zone keys and DS steps: zones kept (each). */
  readonly zoneCache?: { readonly maxEntries?: number };
  /** The stub resolver's cache of messages: entries and octets. */
  readonly messageCache?: { readonly maxEntries?: number; readonly maxOctets?: number };
  /** A store of proven answers shared with other validators (sealed with a secret; dnssec/answer-store.ts). */
  readonly answerStore?: AnswerStoreOptions;
}

/** How the stub resolver sends what the caches do not hold. */
export interface PacingConfig {
  /** Most queries a second sent to each upstream resolver (resolver/pacer.ts); default: no limit. */
  readonly queriesPerSecond?: number;
}

/** A stub resolver (the configured servers, else /etc/resolv.conf) and a validator on it. */
export function buildValidator(o: ValidatorConfig, caches: CacheConfig & PacingConfig = {}): { readonly validator: Validator; readonly stub: StubResolver } {
  const timeoutMs = o.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const stub = new StubResolver({
    ...(o.resolvers ? { servers: o.resolvers } : {}),
    timeoutMs,
    deadlineMs: timeoutMs * 3,
    ...(caches.messageCache?.maxEntries !== undefined ? { cacheSize: caches.messageCache.maxEntries } : {}),
    ...(caches.messageCache?.maxOctets !== undefined ? { cacheOctets: caches.messageCache.maxOctets } : {}),
    ...(caches.queriesPerSecond !== undefined ? { queriesPerSecond: caches.queriesPerSecond } : {}),
  });
  const validator = new Validator({
    upstream: stub,
    ...(o.trustAnchors !== undefined ? { trustAnchors: o.trustAnchors } : {}),
    ...(o.now ? { now: () => o.now! } : {}),
    ...(o.limits ? { limits: o.limits } : {}),
    ...(o.cryptoPolicy ? { cryptoPolicy: o.cryptoPolicy } : {}),
    ...(caches.answerCache ? { answerCache: caches.answerCache } : {}),
    ...(caches.zoneCache ? { zoneCache: caches.zoneCache } : {}),
    ...(caches.answerStore ? { answerStore: caches.answerStore } : {}),
  });
  return { validator, stub };
}
