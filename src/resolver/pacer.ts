/**
 * A query rate limit per upstream (issue #17): a scan of many domains must not send one
 * recursive resolver more queries a second than its operator allows. Each upstream gets evenly
 * spaced slots, `1000 / queriesPerSecond` ms apart; a query waits for the next free slot of the
 * upstream it is about to be sent to. Answers from the stub's cache and questions that join one
 * in flight take no slot: only what goes on the wire is paced.
 *
 * Limitation: no burst allowance; a wait counts against the query's own deadline (a query that
 * cannot get a slot before its deadline waits until the deadline and fails as a timeout, which
 * the validator reports as indeterminate, never as an answer).
 */
import { performance } from 'node:perf_hooks';
import { outOfRange } from '../misuse.ts';

/** The highest `queriesPerSecond` a pacer takes (more is no limit at all on one machine). */
export const MAX_QUERIES_PER_SECOND = 1_000_000;

export class UpstreamPacer {
  private readonly intervalMs: number;
  /** The next free slot per upstream, in performance.now() ms. */
  private readonly next = new Map<string, number>();

  /** @throws RangeError (`ERR_OUT_OF_RANGE`) unless 1 <= queriesPerSecond <= {@link MAX_QUERIES_PER_SECOND} */
  constructor(readonly queriesPerSecond: number) {
    if (!(Number.isFinite(queriesPerSecond) && queriesPerSecond >= 1 && queriesPerSecond <= MAX_QUERIES_PER_SECOND)) {
      throw outOfRange(`expected queriesPerSecond in 1..${MAX_QUERIES_PER_SECOND}, got ${queriesPerSecond}`);
    }
    this.intervalMs = 1000 / queriesPerSecond;
  }

  /**
   * Waits for `upstream`'s next slot and takes it. A slot past `deadlineAt` is not taken: it
   * waits until `deadlineAt` instead (the caller's deadline check then fails the query).
   * Returns at once when `signal` is aborted.
   */
  async wait(upstream: string, deadlineAt: number, signal?: AbortSignal): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.next.get(upstream) ?? now);
    let until = slot;
    if (slot > deadlineAt) until = deadlineAt;
    else this.next.set(upstream, slot + this.intervalMs);
    const delay = until - now;
    if (delay < 1 || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, delay);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
