/**
 * `npm run bench:startup`: how long the CLI and the library take to start, over plain `node -e 0`
 * (issue #19). Builds dist/ first (the package runs from it), then runs each command in turns
 * (`STARTUP_ROUNDS`, default 10, order reversed every other round, so load from other processes
 * hits them alike) and prints the median wall time of each and its difference to `node -e 0`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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

function run(args: readonly string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  return ms;
}

execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
const times = new Map<string, number[]>(COMMANDS.map(([label]) => [label, []]));
for (const [, args] of COMMANDS) run(args); // warm the file cache
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? COMMANDS : [...COMMANDS].reverse();
  for (const [label, args] of order) times.get(label)!.push(run(args));
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const base = median(times.get('node -e 0')!);
console.log(`node ${process.version}, ${ROUNDS} rounds, median wall ms`);
console.log('| command | ms | over `node -e 0` |\n|---|---:|---:|');
for (const [label] of COMMANDS) {
  const m = median(times.get(label)!);
  console.log(`| \`${label}\` | ${m.toFixed(0)} | ${label === 'node -e 0' ? '' : `+${(m - base).toFixed(0)}`} |`);
}
