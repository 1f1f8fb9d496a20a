/**
 * Redis for the scan and its workers (issue #17, items 3-4): a connection from a `redis://` URL
 * with ioredis (the client BullMQ is built on), imported only when a Redis option is given, so a
 * scan without one loads none of it. The connection is checked at once (a scan told to use a
 * Redis it cannot reach stops with a usage error instead of running without it), and commands
 * never wait forever: BullMQ needs `maxRetriesPerRequest: null` on its own connections, the
 * answer store bounds each operation itself (dnssec/answer-store.ts).
 */
import type { Redis } from 'ioredis';
import type { RedisLikeClient } from '../dnssec/redis-answer-store.ts';
import { UsageError } from '../cli/usage-error.ts';

/** Time to reach Redis at start-up before giving up. */
export const REDIS_CONNECT_TIMEOUT_MS = 5000;

/** A `redis://` or `rediss://` URL, checked, with the database number. */
export function parseRedisUrl(text: string, option: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${option} expects a URL such as redis://127.0.0.1:6379/0, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new UsageError(`${option} expects a redis:// or rediss:// URL, got ${JSON.stringify(text)}`);
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/[0-9]{1,2}$/.test(url.pathname)) throw new UsageError(`${option}: the path is the database number (redis://host:port/0), got ${JSON.stringify(url.pathname)}`);
  return url;
}

/**
 * A connected ioredis client for `url`.
 * @param forBullmq connections BullMQ uses must retry commands without a limit (`maxRetriesPerRequest: null`)
 * @throws UsageError when Redis cannot be reached within {@link REDIS_CONNECT_TIMEOUT_MS}
 */
export async function connectRedis(url: URL, option: string, forBullmq = false): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url.href, { lazyConnect: true, connectTimeout: REDIS_CONNECT_TIMEOUT_MS, maxRetriesPerRequest: forBullmq ? null : 1, enableOfflineQueue: true });
  client.on('error', () => {}); // reported where a command fails; ioredis reconnects by itself
  try {
    await client.connect();
  } catch (e) {
    client.disconnect();
    throw new UsageError(`${option} ${url.host}: cannot reach Redis (${(e as Error).message})`);
  }
  return client;
}

/** The node-redis-shaped view of an ioredis client that redisAnswerStore takes. */
export function redisLike(client: Redis): RedisLikeClient {
  return {
    get: (key) => client.get(key),
    set: (key, value, { EX }) => client.set(key, value, 'EX', EX),
    del: (key) => client.del(key),
  };
}
