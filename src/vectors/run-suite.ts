/**
 * Runs the conformance suite: loads each kind's cases from a vectors/ folder, sets aside what a
 * policy or the platform excludes, asks the implementation (this package, or an adapter command)
 * for each remaining case and compares its answer with the vector. The report is data; the CLI
 * prints it (report-text.ts) or writes it as JSON (schema: vectors/schemas/run-report.schema.json).
 */
import { VECTOR_KINDS, type VectorAnswer, type VectorCase, type VectorKind } from './case.ts';
import { compareAnswer } from './compare.ts';
import { loadKind } from './load-suite.ts';
import { ownAnswer } from './own-answers.ts';
import { askAdapter, type AdapterCommand } from './adapter-process.ts';
import { caseNeeds, platformCrypto, platformSkip, policySkip } from './set-aside.ts';
import { packageVectorsDir, readSuiteIndex, suiteContentHash } from './suite-files.ts';

/** JSON schema version of the run report (`dane-verify vectors --json`); bump on any incompatible change. */
export const VECTORS_REPORT_SCHEMA_VERSION = 1 as const;

export interface RunSuiteOptions {
  /** The vectors/ folder; default: the one shipped with this package. */
  readonly dir?: string;
  /** Kinds to run; default: all. */
  readonly kinds?: readonly VectorKind[];
  /** Another implementation to check instead of this package. */
  readonly adapter?: AdapterCommand;
  /** `{ allowSha1: false }` sets aside vectors signed with the SHA-1 algorithms 5 and 7. */
  readonly policy?: { readonly allowSha1?: boolean };
  /** The name of the implementation under test, for the report. */
  readonly implementation: string;
}

export interface CaseOutcome {
  readonly id: string;
  readonly reason: string;
}

export interface KindReport {
  readonly kind: VectorKind;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly failures: readonly CaseOutcome[];
  readonly skips: readonly CaseOutcome[];
}

export interface SuiteReport {
  readonly schema: typeof VECTORS_REPORT_SCHEMA_VERSION;
  readonly suite: {
    readonly dir: string;
    readonly version: string | null;
    /** The content hash of the vector data read (suite-files.ts). */
    readonly sha256: string;
    /** Whether it equals the hash recorded for `version` in index.json. */
    readonly matchesVersion: boolean;
  };
  readonly implementation: string;
  readonly kinds: readonly KindReport[];
  /** True when no case failed (skips do not fail) and every kind run had cases. */
  readonly passed: boolean;
}

async function answer(c: VectorCase, o: RunSuiteOptions): Promise<VectorAnswer> {
  let needs;
  try {
    needs = caseNeeds(c);
  } catch (e) {
    return { error: `the vector's records do not parse: ${(e as Error).message}` };
  }
  const byPolicy = policySkip(needs, o.policy ?? {});
  if (byPolicy) return { skip: byPolicy };
  if (o.adapter) return askAdapter(o.adapter, c);
  const byPlatform = platformSkip(needs, platformCrypto());
  if (byPlatform) return { skip: byPlatform };
  return ownAnswer(c, o.policy ?? {});
}

/** Cases run at once: adapter processes start in parallel (each is a process start, ~0.1-0.5 s); our own answers are quick. */
export const VECTOR_CASE_CONCURRENCY = 4;

/** `f` over `items` with at most `limit` calls pending, results in the order of `items`. */
async function mapBounded<T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function runKind(dir: string, kind: VectorKind, o: RunSuiteOptions): Promise<KindReport> {
  const loaded = loadKind(dir, kind);
  const failures: CaseOutcome[] = loaded.failures.map((f) => ({ id: f.id, reason: `does not load: ${f.reason}` }));
  const skips: CaseOutcome[] = [];
  let passed = 0;
  if (loaded.cases.length === 0 && loaded.failures.length === 0) failures.push({ id: kind, reason: `no ${kind} vectors under ${dir}` });
  const answers = await mapBounded(loaded.cases, VECTOR_CASE_CONCURRENCY, (c) => answer(c, o));
  for (const [i, c] of loaded.cases.entries()) {
    const a = answers[i]!;
    if (typeof (a as { skip?: unknown }).skip === 'string') {
      skips.push({ id: c.id, reason: (a as { skip: string }).skip });
      continue;
    }
    const v = compareAnswer(c, a);
    if (v.ok) passed++;
    else failures.push({ id: c.id, reason: v.reason });
  }
  return { kind, passed, failed: failures.length, skipped: skips.length, failures, skips };
}

/** Runs the suite. Never throws for bad vectors or a bad adapter: they are failures in the report. */
export async function runSuite(o: RunSuiteOptions): Promise<SuiteReport> {
  const dir = o.dir ?? packageVectorsDir();
  let version: string | null = null;
  let recorded: string | undefined;
  try {
    const index = readSuiteIndex(dir);
    version = index.version;
    recorded = index.history.find((h) => h.version === index.version)?.sha256;
  } catch {
    // A folder without index.json can still be run; it matches no version.
  }
  const sha256 = suiteContentHash(dir);
  const kinds: KindReport[] = [];
  for (const kind of o.kinds ?? VECTOR_KINDS) kinds.push(await runKind(dir, kind, o));
  return {
    schema: VECTORS_REPORT_SCHEMA_VERSION,
    suite: { dir, version, sha256, matchesVersion: recorded === sha256 },
    implementation: o.implementation,
    kinds,
    passed: kinds.every((k) => k.failed === 0),
  };
}
