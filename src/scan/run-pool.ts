/**
 * Runs one job per item with at most `concurrency` in flight, in list order, until the list ends
 * or `signal` aborts (then nothing new starts; jobs in flight are awaited, and see the same signal).
 * The memory of a scan is the jobs in flight, not the length of the list.
 */

/** The most jobs a scan runs at once, whatever is asked. */
export const MAX_SCAN_CONCURRENCY = 1024;
/** Default jobs in flight per CPU: a check mostly waits for DNS and SMTP servers. */
export const SCAN_CONCURRENCY_PER_CPU = 16;

export async function runPool<T>(items: Iterable<T>, concurrency: number, job: (item: T) => Promise<void>, signal?: AbortSignal): Promise<{ started: number }> {
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= MAX_SCAN_CONCURRENCY)) throw new RangeError(`expected concurrency in 1..${MAX_SCAN_CONCURRENCY}, got ${concurrency}`);
  const it = items[Symbol.iterator]();
  let started = 0;
  const lane = async () => {
    for (;;) {
      if (signal?.aborted) return;
      const next = it.next();
      if (next.done) return;
      started++;
      await job(next.value);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { started };
}
