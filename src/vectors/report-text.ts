/** The run report as text for people: one line per kind, then each failing id with what differed. */
import type { SuiteReport } from './run-suite.ts';

/** The report as text; skipped ids are listed only with `verbose`, their reasons always summed up. */
export function formatSuiteReport(r: SuiteReport, verbose = false): string {
  const lines: string[] = [];
  const hash = r.suite.sha256.slice(0, 16);
  const version = r.suite.version === null ? 'no index.json' : `version ${r.suite.version}`;
  lines.push(`vectors ${r.suite.dir} (${version}, sha256 ${hash}${r.suite.matchesVersion ? '' : ', NOT the recorded content of this version: modified or foreign vectors'})`);
  lines.push(`implementation: ${r.implementation}`);
  for (const k of r.kinds) {
    const verdict = k.failed > 0 ? 'FAIL' : 'pass';
    lines.push(`${verdict.padEnd(4)}  ${k.kind.padEnd(12)} ${k.passed} passed, ${k.failed} failed, ${k.skipped} skipped`);
    for (const f of k.failures) lines.push(`      FAIL ${f.id}: ${f.reason}`);
    if (verbose) for (const s of k.skips) lines.push(`      skip ${s.id}: ${s.reason}`);
    else {
      const reasons = new Map<string, number>();
      for (const s of k.skips) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
      for (const [reason, n] of reasons) lines.push(`      skipped ${n}: ${reason}`);
    }
  }
  lines.push(r.passed ? 'all vectors passed' : `FAILED: ${r.kinds.reduce((n, k) => n + k.failed, 0)} vectors`);
  return `${lines.join('\n')}\n`;
}
