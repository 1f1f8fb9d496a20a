/**
 * The progress line a scan shows on a terminal (stderr only, and only when it is a TTY):
 * `1234/5000 (24.7%)  118.2/s  ETA 0:00:31  authenticated 800 failed 120 no-dane 300 temporary 14`.
 * Redrawn in place at most every {@link PROGRESS_INTERVAL_MS}; a pipe or a file never gets it.
 */
import type { Writable } from 'node:stream';

/** Least time between two redraws. */
export const PROGRESS_INTERVAL_MS = 250;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-:--:--';
  const s = Math.round(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The progress text: done of total, rate since the start, time left at that rate, counts by outcome. */
export function progressText(p: { done: number; total: number; elapsedMs: number; counts: Readonly<Record<string, number>> }): string {
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
  const pct = p.total ? ((100 * p.done) / p.total).toFixed(1) : '100.0';
  const eta = rate > 0 ? clock((p.total - p.done) / rate) : clock(NaN);
  const counts = Object.entries(p.counts).map(([k, v]) => `${k} ${v}`).join(' ');
  return `${p.done}/${p.total} (${pct}%)  ${rate.toFixed(1)}/s  ETA ${eta}${counts ? `  ${counts}` : ''}`;
}

/** Draws {@link progressText} on a terminal stream; does nothing on anything else. */
export class ProgressLine {
  private last = 0;
  private shown = false;
  private readonly started = performance.now();

  constructor(private readonly out: Writable & { isTTY?: boolean; columns?: number }) {}

  get enabled(): boolean {
    return this.out.isTTY === true;
  }

  update(done: number, total: number, counts: Readonly<Record<string, number>>, force = false): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (!force && now - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = now;
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    this.out.write(`\r\x1b[K${progressText({ done, total, elapsedMs: now - this.started, counts }).slice(0, width)}`);
    this.shown = true;
  }

  /** Removes the line, so what follows starts on a clean line. */
  clear(): void {
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
