/**
 * `npm run bench:startup [-- --before DIR]`: how long the CLI and the library take to start, over
 * plain `node -e 0` (issue #19). Builds dist/ first with `npm run build` (the package runs from it), then runs each
 * command in turns (`STARTUP_ROUNDS`, default 10, order reversed every other round, so load from
 * other processes hits them alike) and prints the median wall time of each and its difference to
 * `node -e 0`. `--before DIR`: the same commands from another checkout (its dist/ built the same
 * way), in the same rounds, as a second column.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { before: { type: 'string' } } });
const TREES: readonly string[] = [ROOT, ...(values.before ? [values.before] : [])];
const ROUNDS = Number(process.env.STARTUP_ROUNDS ?? 10);

/** Each command: a label and the node arguments, run from the package root. */
const COMMANDS: readonly (readonly [string, readonly string[]])[] = [
  ['node -e 0', ['-e', '0']],
  ['dane-verify --help', ['dist/cli/main.js', '--help']],
  ['dane-verify --version', ['dist/cli/main.js', '--version']],
  ["import { verifyDane } from 'dane-verify'", ['--input-type=module', '-e', "import { verifyDane } from './dist/index.js'; if (typeof verifyDane !== 'function') process.exit(1);"]],
  ["import('dane-verify/testing')", ['--input-type=module', '-e', "await import('./dist/testing/index.js');"]],
  ["import('pkijs') alone", ['--input-type=module', '-e', "await import('pkijs');"]],
];

/** Wall ms of one run, or NaN when the command fails there (e.g. an option an older tree lacks). */
function run(tree: string, args: readonly string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: tree, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  return r.status === 0 ? ms : Number.NaN;
}

for (const tree of TREES) execFileSync('npm', ['run', '--silent', 'build'], { cwd: tree, stdio: 'inherit' });
const jobs = TREES.flatMap((tree) => COMMANDS.map(([label, args]) => ({ key: `${tree}|${label}`, tree, args })));
const times = new Map<string, number[]>(jobs.map((j) => [j.key, []]));
for (const j of jobs) run(j.tree, j.args); // warm the file cache
for (let round = 0; round < ROUNDS; round++) {
  for (const j of round % 2 === 0 ? jobs : [...jobs].reverse()) times.get(j.key)!.push(run(j.tree, j.args));
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const cell = (tree: string, label: string) => {
  const m = median(times.get(`${tree}|${label}`)!);
  if (Number.isNaN(m)) return 'fails | ';
  const base = median(times.get(`${tree}|node -e 0`)!);
  return `${m.toFixed(0)} | ${label === 'node -e 0' ? '' : `+${(m - base).toFixed(0)}`}`;
};
console.log(`node ${process.version}, ${ROUNDS} rounds, median wall ms${values.before ? `; before: ${values.before}` : ''}`);
console.log(values.before ? '| command | ms | over `node -e 0` | before, ms | before, over `node -e 0` |\n|---|---:|---:|---:|---:|' : '| command | ms | over `node -e 0` |\n|---|---:|---:|');
for (const [label] of COMMANDS) console.log(`| \`${label}\` | ${TREES.map((t) => cell(t, label)).join(' | ')} |`);
