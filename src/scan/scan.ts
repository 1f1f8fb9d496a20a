/**
 * Many domains through one {@link DaneResolver} (issue #17): the validator's keys, proven answers
 * and the stub's messages are shared by every check of the scan, so the root, the TLDs and
 * popular MX hosts are proven once. At most `concurrency` checks run at once (run-pool.ts); each
 * check keeps verifyDane's per-call budget (deadline, queries, signature checks, SMTP sessions).
 *
 * A check the scan's signal cut short is not a result: nothing is reported for it, so a resumed
 * scan checks that domain again. A check that throws (a bug, never the network) is reported to
 * `onError` and has no result either.
 */
import type { DaneCallOptions, DaneResolver } from '../dane/dane-resolver.ts';
import { resultToJson } from '../cli/report.ts';
import type { ScanDomain } from './domain-list.ts';
import { runPool } from './run-pool.ts';

export interface ScanOptions {
  readonly resolver: DaneResolver;
  /** Per-check options (connect, port, budget, minTlsVersion, requireDane, tlsRpt ...). */
  readonly call?: DaneCallOptions;
  readonly concurrency: number;
  /** Aborting stops the scan: nothing new starts, checks in flight are cut short and not reported. */
  readonly signal?: AbortSignal;
  /** Each finished check's result as the domain check's `--json` object, as it finishes. */
  onResult(domain: ScanDomain, json: Record<string, unknown>): void | Promise<void>;
  onError?(domain: ScanDomain, error: unknown): void;
}

export interface ScanRun {
  /** Checks with a result. */
  readonly checked: number;
  /** Checks that threw (no result). */
  readonly errors: number;
  /** Whether the signal stopped the scan before the list ended. */
  readonly stopped: boolean;
}

export async function scanDomains(domains: Iterable<ScanDomain>, o: ScanOptions): Promise<ScanRun> {
  let checked = 0;
  let errors = 0;
  const job = async (d: ScanDomain) => {
    let json: Record<string, unknown>;
    try {
      // The same lookups as the domain check (`--json`): TLS-RPT and MTA-STS beside DANE.
      const r = await o.resolver.verify(d.input, { tlsRpt: true, mtaSts: true, ...o.call, ...(o.signal ? { signal: o.signal } : {}) });
      json = resultToJson(r);
    } catch (e) {
      if (o.signal?.aborted) return;
      errors++;
      o.onError?.(d, e);
      return;
    }
    if (o.signal?.aborted) return;
    checked++;
    await o.onResult(d, json);
  };
  await runPool(domains, o.concurrency, job, o.signal);
  return { checked, errors, stopped: o.signal?.aborted === true };
}
