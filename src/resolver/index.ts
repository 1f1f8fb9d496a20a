/**
 * The resolver layer's public surface: what `src/index.ts` re-exports and what the validator uses.
 * Answers that arrive here are never trusted: the validator proves them.
 */
export { StubResolver, type StubResolverOptions, type ResolverStats } from './stub.ts';
export type { Attempt, FailureCode, QueryAnswer, QueryFailure, QueryOptions, QueryResult, Resolver, Transport } from './result.ts';
export type { DropCounts, DropReason } from './transport.ts';
export { parseServerAddress, formatServerAddress, DNS_PORT, type ServerAddress } from './server-address.ts';
export { parseResolvConf, readSystemResolvers, RESOLV_CONF_PATH, type ResolvConf } from './resolv-conf.ts';
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_CACHE_ENTRIES,
  DEFAULT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_UDP_PAYLOAD_SIZE,
  MAX_CACHE_TTL_SECONDS,
  MAX_NEGATIVE_TTL_SECONDS,
} from './defaults.ts';
