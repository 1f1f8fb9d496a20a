/**
 * `npm run hostile [-- --case ID ...] [--parallel N] [--before TREE] [--write]`: runs the
 * hostile-input kit and prints its table. `--before TREE` runs the same cases against the CLI of
 * another checkout too (options it does not know are dropped) and adds its column; `--write`
 * replaces the table in test/hostile/README.md; `--show` prints what the CLI printed. Exit 1 when a case broke a rule of the kit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ALL_CASES } from './cases.ts';
import { markdownTable, runCases, type CaseResult } from './kit.ts';

const { values } = parseArgs({
  options: {
    case: { type: 'string', multiple: true },
    parallel: { type: 'string', default: '2' },
    before: { type: 'string' },
    'before-kill': { type: 'string', default: '300000' },
    'drop-before': { type: 'string', multiple: true, default: ['--deadline'] },
    write: { type: 'boolean', default: false },
    show: { type: 'boolean', default: false },
  },
});
const cases = values.case ? ALL_CASES.filter((c) => values.case!.includes(c.id)) : ALL_CASES;
if (cases.length === 0) {
  console.error(`no such case; cases: ${ALL_CASES.map((c) => c.id).join(' ')}`);
  process.exit(64);
}
const parallel = Number(values.parallel);
const show = (tag: string) => (r: CaseResult) =>
  console.error(`${tag}${r.problems.length ? 'FAIL' : 'ok  '} ${r.id}: exit ${r.exitCode ?? '-'}, ${r.wallMs.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU, ${r.rssMiB.toFixed(0)} MiB${r.problems.length ? ` -- ${r.problems.join('; ')}` : ''}`);

const results = await runCases(cases, parallel, {}, show(''));
if (values.show) for (const r of results) console.log(`--- ${r.id}\n${r.output}`);
let before: Map<string, CaseResult> | undefined;
if (values.before) {
  const prior = await runCases(cases, parallel, { tree: values.before, dropOptions: values['drop-before'], killAfterMs: Number(values['before-kill']) }, show('before: '));
  before = new Map(prior.map((r) => [r.id, r]));
}
const table = markdownTable(results, before);
console.log(table);
const worst = (k: 'wallMs' | 'cpuMs' | 'rssMiB') => results.reduce((w, r) => (r[k] > w[k] ? r : w));
console.log(`\nworst: wall ${worst('wallMs').wallMs.toFixed(0)} ms (${worst('wallMs').id}), CPU ${worst('cpuMs').cpuMs.toFixed(0)} ms (${worst('cpuMs').id}), RSS ${worst('rssMiB').rssMiB.toFixed(0)} MiB (${worst('rssMiB').id})`);
if (values.write) {
  const readme = fileURLToPath(new URL('./README.md', import.meta.url));
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- table:start -->', end = '<!-- table:end -->';
  const a = text.indexOf(start), b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error('README.md has no table markers');
  writeFileSync(readme, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
}
process.exitCode = results.some((r) => r.problems.length > 0) ? 1 : 0;
