/**
 * An {@link AnswerStore} on Redis (issue #17, item 3), for validators on many processes or
 * machines: pass a connected client of the `redis` package (node-redis 4-6) or anything with the
 * same `get`, `set(key, value, { EX })` and `del`. No Redis client is a dependency of this library.
 *
 * Redis is a store like any other here: what it holds is sealed by the validators (answer-store.ts),
 * so a shared Redis that others can write to cannot change an answer, only make lookups miss.
 * Entries expire in Redis with the proof's own lifetime (`EX`), never later.
 */
import type { AnswerStore } from './answer-store.ts';

/** The part of a node-redis client used. */
export interface RedisLikeClient {
  get(key: string): Promise<string | null | undefined | unknown>;
  set(key: string, value: string, options: { EX: number }): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/** An answer store on a connected Redis client. */
export function redisAnswerStore(client: RedisLikeClient): AnswerStore {
  return {
    async get(key) {
      const v = await client.get(key);
      return typeof v === 'string' ? v : undefined;
    },
    async set(key, value, ttlSeconds) {
      await client.set(key, value, { EX: Math.max(1, Math.floor(ttlSeconds)) });
    },
    async delete(key) {
      await client.del(key);
    },
  };
}
