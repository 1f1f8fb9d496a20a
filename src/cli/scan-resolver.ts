/**
 * The one DaneResolver a scan or a queue worker checks every domain with, from its command line:
 * the network options, `--rate` (queries a second per resolver), `--cache-entries`, and with
 * `--redis URL --redis-secret-file FILE` a second tier of proven answers in Redis, shared with
 * every other process that has the same secret (dnssec/answer-store.ts: entries sealed with
 * HMAC-SHA-256, expiring in Redis with the proof's lifetime, anything else read as a miss).
 */
import { createDaneResolver, type DaneResolver } from '../dane/dane-resolver.ts';
import { readInputFile } from './input-file.ts';
import { positiveInt, UsageError, type NetworkOptions } from './common-options.ts';
import { MAX_QUERIES_PER_SECOND } from '../resolver/pacer.ts';

/** The options this module reads (parseArgs form). */
export const RESOLVER_OPTIONS = {
  rate: { type: 'string' },
  'cache-entries': { type: 'string' },
  redis: { type: 'string' },
  'redis-secret-file': { type: 'string' },
} as const;

/** The highest --rate (queries a second to each resolver). */
export const MAX_SCAN_RATE = 100_000;
/** The most entries --cache-entries may ask for (each cache: proven answers, DNS messages). */
export const MAX_CACHE_ENTRIES_OPTION = 10_000_000;
/** Octets of the secret file read (a secret is 32 octets or more; a larger file is a mistake). */
const MAX_SECRET_FILE_BYTES = 4096;

export interface ScanResolver {
  readonly resolver: DaneResolver;
  /** What the shared store did, for the summary; undefined without --redis. */
  storeLine(): string | undefined;
  close(): Promise<void>;
}

export async function scanResolver(values: Record<string, unknown>, net: NetworkOptions): Promise<ScanResolver> {
  if (MAX_SCAN_RATE > MAX_QUERIES_PER_SECOND) throw new Error('MAX_SCAN_RATE above the pacer bound');
  const rate = positiveInt(values.rate as string | undefined, 'rate', MAX_SCAN_RATE);
  const cacheEntries = positiveInt(values['cache-entries'] as string | undefined, 'cache-entries', MAX_CACHE_ENTRIES_OPTION);
  const redisText = values.redis as string | undefined;
  const secretFile = values['redis-secret-file'] as string | undefined;
  if ((redisText === undefined) !== (secretFile === undefined)) throw new UsageError('--redis and --redis-secret-file go together: entries in a shared Redis are sealed with the secret');
  let secret: Buffer | undefined;
  if (secretFile !== undefined) {
    secret = Buffer.from((await readInputFile(secretFile, '--redis-secret-file', MAX_SECRET_FILE_BYTES)).toString('utf8').trim());
    if (secret.length < 32) throw new UsageError(`--redis-secret-file ${secretFile}: the secret has ${secret.length} octets, at least 32 are needed (e.g. openssl rand -base64 48 > ${secretFile})`);
  }
  let redis: import('ioredis').Redis | undefined;
  let store: import('../dnssec/answer-store.ts').AnswerStore | undefined;
  if (redisText !== undefined) {
    const { parseRedisUrl, connectRedis, redisLike } = await import('../scan/redis-connection.ts');
    const { redisAnswerStore } = await import('../dnssec/redis-answer-store.ts');
    redis = await connectRedis(parseRedisUrl(redisText, '--redis'), '--redis');
    store = redisAnswerStore(redisLike(redis));
  }
  const resolver = createDaneResolver({
    ...(net.resolvers ? { resolvers: net.resolvers } : {}),
    ...(net.trustAnchors !== undefined ? { trustAnchors: net.trustAnchors } : {}),
    ...(net.timeoutMs ? { timeoutMs: net.timeoutMs } : {}),
    ...(rate ? { queriesPerSecond: rate } : {}),
    ...(cacheEntries ? { answerCache: { maxEntries: cacheEntries }, messageCache: { maxEntries: cacheEntries }, zoneCache: { maxEntries: cacheEntries } } : {}),
    ...(store && secret ? { answerStore: { store, secret } } : {}),
  });
  return {
    resolver,
    storeLine() {
      const s = resolver.stats().store;
      return s ? `shared answer store (Redis): ${s.hits} answers taken, ${s.rejected} refused (seal, question or time), ${s.errors} failed or slow operations` : undefined;
    },
    async close() {
      resolver.close();
      await redis?.quit().catch(() => undefined);
    },
  };
}
