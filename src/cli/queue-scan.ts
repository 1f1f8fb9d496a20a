/**
 * `dane-verify scan --queue URL LIST`: the producer side of a distributed scan (scan/queue.ts).
 * Enqueues the domains that have neither a line in `--out` nor a result in Redis, then writes
 * each result as workers finish it, until every domain of the list has a line. Stopping it
 * (Ctrl-C) leaves the jobs queued and the workers working; `--resume` picks up from there.
 */
import type { Redis } from 'ioredis';
import type { DaneCallOptions } from '../dane/dane-resolver.ts';
import type { ScanDomain } from '../scan/domain-list.ts';
import { MAX_RESULT_LINE_OCTETS, parseResultLine } from '../scan/result-file.ts';
import { connectRedis, parseRedisUrl } from '../scan/redis-connection.ts';
import { haveResults, QUEUE_ADD_BATCH, QUEUE_JOB_ATTEMPTS, QUEUE_POLL_MS, queueCallOptions, readFinished, type ScanJobData } from '../scan/queue.ts';

export interface QueuedScan {
  readonly url: string;
  readonly name: string;
  readonly todo: readonly ScanDomain[];
  readonly call: DaneCallOptions;
  readonly signal: AbortSignal;
  /** Each result line as it arrives (once per domain of `todo`). */
  onLine(domain: ScanDomain, line: string, json: Record<string, unknown>): void | Promise<void>;
  /** Said once on stderr: what is happening. */
  note(text: string): void;
}

/** Runs the producer; resolves with the domains that got no result (stopped, or their jobs failed). */
export async function runQueuedScan(o: QueuedScan): Promise<{ missing: number; failedJobs: number }> {
  const redis: Redis = await connectRedis(parseRedisUrl(o.url, '--queue'), '--queue', true);
  const { Queue } = await import('bullmq');
  const queue = new Queue<ScanJobData>(o.name, { connection: redis });
  try {
    const pending = new Map(o.todo.map((d) => [d.key, d]));
    const call = queueCallOptions(o.call);
    let enqueued = 0;
    for (let i = 0; i < o.todo.length && !o.signal.aborted; i += QUEUE_ADD_BATCH) {
      const batch = o.todo.slice(i, i + QUEUE_ADD_BATCH);
      const have = await haveResults(redis, o.name, batch.map((d) => d.key));
      const jobs = batch.filter((_, j) => !have[j]).map((d) => ({
        name: 'check',
        data: { input: d.input, key: d.key, call },
        // The job id is the domain: a domain already queued, or listed twice, is one job.
        opts: { jobId: d.key, attempts: QUEUE_JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: true, removeOnFail: false },
      }));
      if (jobs.length) await queue.addBulk(jobs);
      enqueued += jobs.length;
    }
    o.note(`dane-verify scan: ${enqueued} jobs added to queue ${o.name} (${o.todo.length - enqueued} domains already had a result there); waiting for workers (dane-verify worker --queue ...)\n`);
    let cursor = 0;
    let failedJobs = 0;
    while (pending.size > 0 && !o.signal.aborted) {
      const batch = await readFinished(redis, o.name, cursor);
      cursor += batch.length;
      for (const [key, line] of batch) {
        const d = pending.get(key);
        if (!d) continue; // another scan's domain on the same queue, or one already written
        const parsed = Buffer.byteLength(line) <= MAX_RESULT_LINE_OCTETS ? parseResultLine(line) : undefined;
        if (!parsed || parsed.key !== key) continue; // not a result (see queue.ts "Trust"): the domain stays pending
        pending.delete(key);
        await o.onLine(d, line.endsWith('\n') ? line : `${line}\n`, parsed.json);
      }
      if (batch.length > 0) continue;
      // Nothing new: is anything left to wait for? A job neither waiting nor running has recorded
      // its result already, or failed for good; read once more before deciding.
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(counts).every((c) => c === 0)) {
        if ((await readFinished(redis, o.name, cursor)).length > 0) continue;
        failedJobs = pending.size;
        break;
      }
      await new Promise((r) => setTimeout(r, QUEUE_POLL_MS));
    }
    return { missing: pending.size, failedJobs };
  } finally {
    await queue.close().catch(() => undefined);
    await redis.quit().catch(() => undefined);
  }
}
