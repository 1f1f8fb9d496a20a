/**
 * `npm run fuzz [-- --target decoder|rdata|zone|anchors|certs|all] [--runs N] [--seed S]`: the
 * fuzzer that covers every parser of a stranger's input (targets and contracts in
 * input-targets.ts; not coverage-guided: blind mutations of valid seeds). Default: all targets, 1,000,000 inputs in total shared equally between them,
 * a random seed. Prints progress, then per target the inputs, rate and crashes, and exits 1 at
 * the first crash with the command that replays it (`--target T --seed S --path P`: that one
 * input, printed in full with the error and its stack); 0 when there is none; 64 for misuse.
 *
 * Each target runs in a worker thread watched from here: an input that does not return within
 * the hang limit (`--hang-ms`, default 2000) cannot report itself, so the watchdog ends the worker
 * and reports the input it was on. `--keep-going` runs the remaining targets after a crash.
 * `runTarget`, the seeded run of one target, is also what test/fuzz/inputs.test.ts runs.
 */
import fc from 'fast-check';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { ContractViolation, createTarget, TARGET_NAMES, type FuzzTarget, type TargetName } from './input-targets.ts';

/** What the main thread tells a worker. */
interface Job {
  target: TargetName;
  runs: number;
  seed: number;
  hangMs: number;
  shrinkMs: number;
  /** [inputs started, index of the current input, 1 while shrinking]. */
  shared: Int32Array;
}

/** What a worker tells the main thread. */
type Report =
  | { kind: 'ready'; setupMs: number }
  | { kind: 'progress'; done: number }
  | { kind: 'finished'; outcome: RunOutcome };

const USAGE = 'usage: fuzz [--target decoder|rdata|zone|anchors|certs|all] [--runs N] [--seed S] [--path P] [--hang-ms MS] [--shrink-ms MS] [--keep-going]';
/** How often a worker reports progress (each report is one message). */
const PROGRESS_EVERY_MS = 1000;

/** Options of {@link runTarget}. */
export interface RunOptions {
  runs: number;
  seed: number;
  /** A fast-check path (with `seed`) to start from: `"1234"` replays the 1235th input first. */
  path?: string;
  /** An input that takes longer than this is a crash (a hang). */
  hangMs: number;
  /** Time to shrink a crash to a smaller input before reporting it; 0 reports it as found. */
  shrinkMs: number;
  /** Called before each input with its run index (the number a replay path starts with). */
  onStart?: (index: number) => void;
  /** Called when shrinking a crash begins (inputs tried then are not counted). */
  onShrink?: () => void;
  /** Called after each input that kept the contract, with the count so far. */
  onDone?: (count: number) => void;
}

/** A crash with what replays it: `npm run fuzz -- --target T --seed S --path P`. */
export interface Crash {
  seed: number;
  path: string;
  /** What went wrong: the violation, or the unexpected error with its stack. */
  error: string;
  input: string;
}

/** What {@link runTarget} did. */
export interface RunOutcome {
  /** Inputs run, the crashing one included. */
  inputs: number;
  ms: number;
  crash?: Crash;
}

function describeError(e: unknown): string {
  if (e instanceof ContractViolation) return `contract violated: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
  return `threw a non-Error: ${String(e)}`;
}

/**
 * Runs `runs` inputs of a target with fast-check (seeded, so replayable), stopping at the first
 * that breaks the contract or takes longer than `hangMs`; that one is shrunk for up to `shrinkMs`
 * (not hangs: each try would take as long) and reported with the seed and path that replay it.
 */
export async function runTarget(t: FuzzTarget, o: RunOptions): Promise<RunOutcome> {
  const base = o.path === undefined ? 0 : Number(o.path.split(':')[0]);
  let tried = 0;
  let done = 0;
  let shrinking = false;
  const before = () => {
    if (!shrinking) o.onStart?.(base + tried);
    tried++;
    return performance.now();
  };
  const after = (t0: number) => {
    const ms = performance.now() - t0;
    if (ms > o.hangMs) throw new ContractViolation(`took ${ms.toFixed(0)} ms, more than the hang limit of ${o.hangMs} ms`);
    if (!shrinking) o.onDone?.(++done);
  };
  const property = t.async
    ? fc.asyncProperty(t.arbitrary, async (x) => {
      const t0 = before();
      await t.check(x);
      after(t0);
    })
    : fc.property(t.arbitrary, (x) => {
      const t0 = before();
      t.check(x);
      after(t0);
    });
  const start = performance.now();
  const found = await fc.check(property as fc.IAsyncProperty<[unknown]>, { seed: o.seed, numRuns: o.runs, path: o.path, endOnFailure: true });
  const ms = performance.now() - start;
  const inputs = tried;
  if (!found.failed) return { inputs, ms };
  let crash: Crash = { seed: o.seed, path: found.counterexamplePath!, error: describeError(found.errorInstance), input: t.show(found.counterexample![0]) };
  if (o.shrinkMs > 0 && !crash.error.includes('more than the hang limit')) {
    shrinking = true;
    o.onShrink?.();
    const small = await fc.check(property as fc.IAsyncProperty<[unknown]>, { seed: o.seed, path: crash.path, interruptAfterTimeLimit: o.shrinkMs });
    if (small.failed) crash = { seed: o.seed, path: small.counterexamplePath!, error: describeError(small.errorInstance), input: t.show(small.counterexample![0]) };
  }
  return { inputs, ms, crash };
}

/** The input at `path` of a run with `seed`, made without running the target (for a hang report). */
export function inputAt(t: FuzzTarget, seed: number, path: string): string {
  let seen: unknown;
  fc.check(fc.property(t.arbitrary, (x) => {
    seen = x;
  }), { seed, path, numRuns: 1 });
  return t.show(seen);
}

async function work(job: Job): Promise<void> {
  const t0 = performance.now();
  const target = createTarget(job.target);
  parentPort!.postMessage({ kind: 'ready', setupMs: performance.now() - t0 } satisfies Report);
  let last = performance.now();
  const outcome = await runTarget(target, {
    runs: job.runs, seed: job.seed, hangMs: job.hangMs, shrinkMs: job.shrinkMs,
    onStart: (index) => {
      Atomics.store(job.shared, 1, index);
      Atomics.add(job.shared, 0, 1);
    },
    onShrink: () => Atomics.store(job.shared, 2, 1),
    onDone: (done) => {
      const now = performance.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      parentPort!.postMessage({ kind: 'progress', done } satisfies Report);
    },
  });
  parentPort!.postMessage({ kind: 'finished', outcome } satisfies Report);
}

function number(text: string | undefined, fallback: number): number {
  const n = text === undefined ? fallback : Number(text);
  if (!Number.isSafeInteger(n) || n < 0) fail(`not a whole number: ${text}`);
  return n;
}

function fail(why: string): never {
  console.error(`fuzz: ${why}\n${USAGE}`);
  process.exit(64);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        target: { type: 'string', default: 'all' }, runs: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' },
        'hang-ms': { type: 'string' }, 'shrink-ms': { type: 'string' }, 'keep-going': { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const targets = values.target === 'all' ? [...TARGET_NAMES] : [values.target as TargetName];
  if (!targets.every((t) => TARGET_NAMES.includes(t))) fail(`unknown target ${values.target}`);
  const seed = number(values.seed, Math.floor(Math.random() * 0x7fffffff));
  const hangMs = number(values['hang-ms'], 2000);
  const shrinkMs = number(values['shrink-ms'], 30_000);
  if (values.path !== undefined) {
    if (targets.length !== 1) fail('--path replays one input of one --target');
    process.exit(await replay(targets[0]!, seed, values.path, hangMs));
  }
  const total = number(values.runs, 1_000_000);
  const per = Math.max(1, Math.ceil(total / targets.length));
  console.log(`fuzz: ${targets.join(', ')}: ${per} inputs each, seed ${seed}, hang limit ${hangMs} ms`);
  const wall = performance.now();
  const rows: { target: TargetName; outcome: RunOutcome }[] = [];
  for (const target of targets) {
    const outcome = await runInWorker({ target, runs: per, seed, hangMs, shrinkMs, shared: new Int32Array(new SharedArrayBuffer(12)) });
    rows.push({ target, outcome });
    if (outcome.crash) {
      printCrash(target, outcome.crash);
      if (!values['keep-going']) break;
    }
  }
  printSummary(rows, (performance.now() - wall) / 1000, seed);
  process.exit(rows.some((r) => r.outcome.crash) ? 1 : 0);
}

/** Runs one target in a worker, printing its progress; ends the worker if an input hangs. */
function runInWorker(job: Job): Promise<RunOutcome> {
  // The worker is plain JavaScript that registers tsx first: workers do not inherit tsx's hooks.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const started = performance.now();
  let runStart = 0;
  let lastPrint = 0;
  return new Promise((resolve, reject) => {
    let seen = -1;
    let seenAt = performance.now();
    const limit = Math.max(2 * job.hangMs, job.hangMs + 2000);
    const watchdog = setInterval(() => {
      const count = Atomics.load(job.shared, 0);
      if (count !== seen || runStart === 0) {
        seen = count;
        seenAt = performance.now();
        return;
      }
      if (performance.now() - seenAt < limit) return;
      clearInterval(watchdog);
      void worker.terminate();
      const index = Atomics.load(job.shared, 1);
      const shrinking = Atomics.load(job.shared, 2) === 1;
      const path = String(index);
      const crash: Crash = {
        seed: job.seed, path,
        error: `hang: no return within ${limit} ms${shrinking ? ' (while shrinking another crash)' : ''}`,
        input: inputAt(createTarget(job.target), job.seed, path),
      };
      resolve({ inputs: count, ms: performance.now() - runStart, crash });
    }, 200);
    worker.on('message', (r: Report) => {
      if (r.kind === 'ready') {
        runStart = performance.now();
        console.log(`  ${job.target}: ready in ${(r.setupMs / 1000).toFixed(1)} s`);
      } else if (r.kind === 'progress') {
        const now = performance.now();
        if (now - lastPrint < 10_000) return;
        lastPrint = now;
        const s = (now - runStart) / 1000;
        console.log(`  ${job.target}: ${r.done}/${job.runs} inputs, ${(r.done / s).toFixed(0)}/s, 0 crashes`);
      } else {
        clearInterval(watchdog);
        void worker.terminate();
        resolve(r.outcome);
      }
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      reject(new Error(`fuzz worker for ${job.target} died after ${((performance.now() - started) / 1000).toFixed(1)} s: ${e.message}`));
    });
  });
}

/** Runs the one input at `path` here, printing it and whatever it throws in full. */
async function replay(name: TargetName, seed: number, path: string, hangMs: number): Promise<number> {
  const target = createTarget(name);
  console.log(`fuzz: replaying ${name} --seed ${seed} --path ${path}\ninput: ${inputAt(target, seed, path)}`);
  const { crash } = await runTarget(target, { runs: 1, seed, path, hangMs, shrinkMs: 0 });
  if (!crash) {
    console.log('kept the contract');
    return 0;
  }
  console.log(crash.error);
  return 1;
}

function printCrash(target: TargetName, c: Crash): void {
  console.log(`\nCRASH in ${target}: ${c.error}\n  input: ${c.input}\n  replay: npm run fuzz -- --target ${target} --seed ${c.seed} --path ${c.path}\n`);
}

function printSummary(rows: { target: TargetName; outcome: RunOutcome }[], wallSeconds: number, seed: number): void {
  const line = (cells: (string | number)[]) => console.log(cells.map((c, i) => String(c).padStart(i === 0 ? 0 : 11).padEnd(i === 0 ? 8 : 0)).join(''));
  console.log('');
  line(['target', 'inputs', 'seconds', 'inputs/s', 'crashes']);
  let inputs = 0, ms = 0, crashes = 0;
  for (const { target, outcome: o } of rows) {
    line([target, o.inputs, (o.ms / 1000).toFixed(1), (o.inputs / (o.ms / 1000)).toFixed(0), o.crash ? 1 : 0]);
    inputs += o.inputs;
    ms += o.ms;
    crashes += o.crash ? 1 : 0;
  }
  line(['total', inputs, (ms / 1000).toFixed(1), (inputs / (ms / 1000)).toFixed(0), crashes]);
  console.log(`wall time ${wallSeconds.toFixed(1)} s (worker start-up and setup included), seed ${seed}`);
}

// The command when run as one, a worker when started as one, a library when imported (the test).
if (!isMainThread) await work(workerData as Job);
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
