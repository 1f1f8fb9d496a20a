/**
 * A scan spread over many processes and machines with BullMQ on Redis (issue #17, item 4).
 *
 * - The producer (`dane-verify scan --queue URL LIST`) adds one job per domain, the job id being
 *   the domain's key (domain-list.ts), so a domain listed twice, or enqueued again by a restarted
 *   producer, is one job. The job carries the scan's per-check options (port, connect, ...), so
 *   every worker checks alike; where to ask DNS, the trust anchor and timeouts are each worker's.
 * - Workers (`dane-verify worker --queue URL`) check domains through one DaneResolver each, and
 *   put the result in a Redis hash under the domain's key with HSETNX: the first result of a
 *   domain is kept, and only then is the key appended to the list of finished domains (one Lua
 *   script, atomic). BullMQ delivers a job at least once (a worker that dies mid-job loses its
 *   lock; the job is checked again elsewhere); HSETNX makes that idempotent: a domain is reported
 *   once.
 * - The producer reads the finished list from where it was and writes each result as a JSONL
 *   line (order-independent: in the order they finish) until every domain of its list has one.
 *
 * Trust: the queue's Redis holds the results in clear; whoever can write to it can forge them.
 * Use a Redis only the scan's machines reach. (The answer cache, `--redis`, is sealed; this is not.)
 * Job data is read as untrusted: the domain parsed again, the options checked against their bounds.
 */
import type { Redis } from 'ioredis';
import { domainKey } from './domain-list.ts';
import type { DaneCallOptions } from '../dane/dane-resolver.ts';
import { UsageError } from '../cli/usage-error.ts';

/** Attempts of a job before BullMQ gives it up (a worker dying mid-job costs one). */
export const QUEUE_JOB_ATTEMPTS = 5;
/** Jobs added to the queue in one call. */
export const QUEUE_ADD_BATCH = 500;
/** Finished domains read back in one call (each result at most MAX_RESULT_LINE_OCTETS, so one read is bounded too). */
export const QUEUE_READ_BATCH = 100;
/** How often the producer looks for new results when there were none, in ms. */
export const QUEUE_POLL_MS = 200;
/** A job's lock, and the interval of BullMQ's check for jobs whose worker died, by default (ms). */
export const DEFAULT_QUEUE_LOCK_MS = 30_000;

/** The queue name when none is given. */
export const DEFAULT_QUEUE_NAME = 'dane-verify-scan';

/** What a job holds. */
export interface ScanJobData {
  readonly input: string;
  readonly key: string;
  readonly call: QueueCallOptions;
}

/** The per-check options a job carries (JSON). */
export interface QueueCallOptions {
  readonly port?: number;
  readonly connect: boolean;
  readonly requireDane: boolean;
  readonly minTlsVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  readonly deadlineMs?: number;
}

export function queueCallOptions(c: DaneCallOptions): QueueCallOptions {
  return {
    ...(c.port !== undefined ? { port: c.port } : {}),
    connect: c.connect !== false,
    requireDane: c.requireDane === true,
    ...(c.minTlsVersion ? { minTlsVersion: c.minTlsVersion as QueueCallOptions['minTlsVersion'] } : {}),
    ...(c.budget?.deadlineMs !== undefined ? { deadlineMs: c.budget.deadlineMs } : {}),
  };
}

/** The Redis keys of a scan's results: the hash by domain key, and the list of keys in the order they finished. */
export function resultKeys(queueName: string): { readonly results: string; readonly finished: string } {
  return { results: `dane-verify:scan:${queueName}:results`, finished: `dane-verify:scan:${queueName}:finished` };
}

/** A job's data, checked as untrusted input: undefined when it is not one this version makes. */
export function readJobData(data: unknown): { input: string; key: string; call: DaneCallOptions } | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { input, key, call } = data as Record<string, unknown>;
  if (typeof input !== 'string' || typeof key !== 'string' || typeof call !== 'object' || call === null) return undefined;
  if (domainKey(input) !== key) return undefined;
  const c = call as Record<string, unknown>;
  const int = (v: unknown, max: number) => v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max);
  if (!int(c.port, 65535) || !int(c.deadlineMs, 3_600_000) || typeof c.connect !== 'boolean' || typeof c.requireDane !== 'boolean') return undefined;
  if (c.minTlsVersion !== undefined && !['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].includes(c.minTlsVersion as string)) return undefined;
  return {
    input,
    key,
    call: {
      ...(c.port !== undefined ? { port: c.port as number } : {}),
      ...(c.deadlineMs !== undefined ? { budget: { deadlineMs: c.deadlineMs as number } } : {}),
      ...(c.minTlsVersion !== undefined ? { minTlsVersion: c.minTlsVersion as 'TLSv1.2' } : {}),
      connect: c.connect,
      requireDane: c.requireDane,
      tlsRpt: true,
      mtaSts: true, // as the domain check does (docs/scan.md: each line is its --json object)
    },
  };
}

/** Keeps the first result of a domain and, only then, appends its key to the finished list. */
const RECORD_ONCE = `if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then redis.call('RPUSH', KEYS[2], ARGV[1]) return 1 end return 0`;

/** Records a result (see the module comment); resolves true when it was the domain's first. */
export async function recordResult(redis: Redis, queueName: string, key: string, line: string): Promise<boolean> {
  const k = resultKeys(queueName);
  return (await redis.eval(RECORD_ONCE, 2, k.results, k.finished, key, line)) === 1;
}

/** Which of `keys` already have a result. */
export async function haveResults(redis: Redis, queueName: string, keys: readonly string[]): Promise<boolean[]> {
  if (keys.length === 0) return [];
  const got = await redis.hmget(resultKeys(queueName).results, ...keys);
  return got.map((v) => v !== null);
}

/** Finished results from position `from` of the finished list: [key, line] pairs, at most {@link QUEUE_READ_BATCH}. */
export async function readFinished(redis: Redis, queueName: string, from: number): Promise<[string, string][]> {
  const k = resultKeys(queueName);
  const keys = await redis.lrange(k.finished, from, from + QUEUE_READ_BATCH - 1);
  if (keys.length === 0) return [];
  const lines = await redis.hmget(k.results, ...keys);
  return keys.map((key, i) => [key, lines[i] ?? ''] as [string, string]);
}

/** A queue name: letters, digits, `-`, `_`, `.` (it is part of Redis keys), at most 100. */
export function queueName(v: string | undefined): string {
  if (v === undefined) return DEFAULT_QUEUE_NAME;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(v)) throw new UsageError(`--queue-name expects letters, digits, '-', '_' or '.', at most 100, got ${JSON.stringify(v)}`);
  return v;
}
