/**
 * The hostile-input kit in the suite: every case (test/hostile/README.md) ends with its outcome,
 * within its time, CPU and memory bounds, and leaves nothing open. Cases run two at a time; each
 * in a child process of its own, measured there (kit.ts).
 */
import { expect } from 'chai';
import { ALL_CASES } from './cases.ts';
import { runCases, type CaseResult } from './kit.ts';

describe('hostile-input kit (test/hostile)', function () {
  this.timeout(300_000);
  let results: Map<string, CaseResult>;

  before(async () => {
    results = new Map((await runCases(ALL_CASES, 2)).map((r) => [r.id, r]));
  });

  for (const c of ALL_CASES) {
    it(`${c.id}: ${c.title} -> exit ${c.expect.exitCode}${c.expect.says ? `, says ${c.expect.says}` : ''}, bounded`, () => {
      const r = results.get(c.id)!;
      expect(r.problems, `${r.id}: ${r.outcome}`).to.deep.equal([]);
    });
  }
});
