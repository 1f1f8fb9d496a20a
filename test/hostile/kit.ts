/**
 * The hostile-input kit (issue #12): cases in which a stranger controls the DNS answers, the mail
 * servers or the local input, each run against the real CLI in a child process (child.ts) while
 * the hostile servers run here, and measured: exit code, wall time, CPU time, peak RSS, queries.
 *
 * Every case must end within its deadline, use less than {@link MAX_CASE_CPU_MS} of CPU and
 * {@link MAX_CASE_RSS_MIB} of memory, leave nothing open, and end with the outcome it names (never
 * a pass where the input was hostile). `npm run hostile` prints the table kept in README.md;
 * hostile.test.ts runs the same cases in `npm test`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Per-step timeout the DNS and SMTP cases run with (`--timeout`), where the attacker makes us wait. */
export const KIT_TIMEOUT_MS = 1_000;
/**
 * Per-step timeout of cases where the attacker makes us work instead (big certificates, many
 * hosts): long enough that a loaded machine (CI runs two cases at once) does not time out an
 * honest handshake, so the case measures the work and not the clock.
 */
export const KIT_WORK_TIMEOUT_MS = 5_000;
/** The deadline of one call the DNS and SMTP cases run with (`--deadline`). */
export const KIT_DEADLINE_MS = 6_000;
/** CPU one case may use in the child, from the call's start to its end. */
export const MAX_CASE_CPU_MS = 2_000;
/** Peak RSS of the child (Node and tsx alone take ~100 MiB of it). */
export const MAX_CASE_RSS_MIB = 200;
/** Slack over the deadline for the call to wind down and report. */
export const DEADLINE_SLACK_MS = 1_500;
/** The child is killed this long after its start whatever happens (loading modules included). */
export const HARD_KILL_MS = 30_000;

export type CaseArea = 'dns' | 'smtp' | 'cli';

/** What a case's setup hands to the run: the CLI arguments, and what to read and stop afterwards. */
export interface CaseSetup {
  readonly args: readonly string[];
  /** Queries the hostile DNS server received (undefined when there is none). */
  queries?(): number;
  close(): Promise<void>;
}

/** The outcome a case must end with. */
export interface CaseExpectation {
  readonly exitCode: number;
  /** Must match the report (JSON summary and reasons, or text) or stderr. */
  readonly says?: RegExp;
  /** Must not appear in stdout or stderr (e.g. raw escape characters). */
  readonly never?: RegExp;
}

export interface HostileCase {
  readonly id: string;
  readonly area: CaseArea;
  /** What the attacker does, for the table. */
  readonly title: string;
  readonly expect: CaseExpectation;
  /** Time the case may take in the child (default: the kit's deadline plus slack). */
  readonly withinMs?: number;
  setup(ctx: CaseContext): Promise<CaseSetup>;
}

/** Given to a case's setup: a scratch directory removed after the case. */
export interface CaseContext {
  readonly dir: string;
  /** Writes a file in the scratch directory and returns its path. */
  file(name: string, content: string | Uint8Array): string;
}

/** One case run. */
export interface CaseResult {
  readonly id: string;
  readonly area: CaseArea;
  readonly title: string;
  readonly exitCode: number | undefined;
  /** The line the table shows: the JSON summary (and bound) or the first line of text. */
  readonly outcome: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
  readonly queries: number | undefined;
  readonly handles: readonly string[];
  /** The start of what the CLI printed (stdout, then stderr), for `npm run hostile -- --show`. */
  readonly output: string;
  /** Every way the run broke the kit's rules (empty when it passed). */
  readonly problems: readonly string[];
}

/** Options of {@link runCase}. */
export interface RunOptions {
  /** Another checkout to run the CLI of (the "before" column): its CLI may lack newer options. */
  readonly tree?: string;
  /** Drop these options (with their value) from the arguments, for a tree that does not know them. */
  readonly dropOptions?: readonly string[];
  /** Kill the child after this long (default {@link HARD_KILL_MS}). */
  readonly killAfterMs?: number;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface ChildReport {
  exitCode: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  handles: string[];
}

/** Runs one case: setup, the CLI in a child, checks, cleanup. Never rejects for what the child does. */
export async function runCase(c: HostileCase, options: RunOptions = {}): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), `hostile-${c.id}-`));
  const ctx: CaseContext = {
    dir,
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
  const setup = await c.setup(ctx);
  try {
    const args = dropOptions(setup.args, options.dropOptions ?? []);
    const killAfterMs = options.killAfterMs ?? HARD_KILL_MS;
    const started = performance.now();
    const report = await runChild(args, options.tree, killAfterMs);
    const problems: string[] = [];
    const within = c.withinMs ?? KIT_DEADLINE_MS + DEADLINE_SLACK_MS;
    if (report === undefined) problems.push(`killed after ${killAfterMs} ms`);
    else {
      if (report.exitCode !== c.expect.exitCode) problems.push(`exit ${report.exitCode}, expected ${c.expect.exitCode}`);
      const all = `${report.stdout}\n${report.stderr}`;
      if (c.expect.says && !c.expect.says.test(all)) problems.push(`output does not say ${c.expect.says}`);
      if (c.expect.never && c.expect.never.test(all)) problems.push(`output shows ${c.expect.never}`);
      if (report.wallMs > within) problems.push(`took ${report.wallMs.toFixed(0)} ms, more than ${within}`);
      if (report.cpuMs > MAX_CASE_CPU_MS) problems.push(`used ${report.cpuMs.toFixed(0)} ms CPU, more than ${MAX_CASE_CPU_MS}`);
      if (report.maxRssKiB / 1024 > MAX_CASE_RSS_MIB) problems.push(`peak RSS ${(report.maxRssKiB / 1024).toFixed(0)} MiB, more than ${MAX_CASE_RSS_MIB}`);
      if (report.handles.length > 0) problems.push(`left open: ${report.handles.join(', ')}`);
    }
    return {
      id: c.id,
      area: c.area,
      title: c.title,
      exitCode: report?.exitCode,
      outcome: report ? outcomeLine(report) : `killed after ${killAfterMs} ms`,
      wallMs: report?.wallMs ?? performance.now() - started,
      cpuMs: report?.cpuMs ?? NaN,
      rssMiB: report ? report.maxRssKiB / 1024 : NaN,
      queries: setup.queries?.(),
      handles: report?.handles ?? [],
      output: report ? `${report.stdout}${report.stderr}`.slice(0, 20_000) : '',
      problems,
    };
  } finally {
    await setup.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function dropOptions(args: readonly string[], drop: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (drop.includes(args[i]!)) i++;
    else out.push(args[i]!);
  }
  return out;
}

/** Spawns child.ts; resolves with its report, or undefined when it had to be killed or sent none. */
function runChild(args: readonly string[], tree: string | undefined, killAfterMs: number): Promise<ChildReport | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: REPO,
      env: { ...process.env, ...(tree ? { HOSTILE_TREE: tree } : {}) },
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => chunks.push(b));
    child.stderr!.on('data', (b: Buffer) => {
      if (stderr.length < 8192) stderr += b.toString();
    });
    const kill = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', () => {
      clearTimeout(kill);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString()) as ChildReport);
      } catch {
        if (stderr) process.stderr.write(`hostile kit: the child wrote no report:\n${stderr}\n`);
        resolve(undefined);
      }
    });
  });
}

/** The table's outcome: for JSON reports the summary and the bound that stopped the call; else the first line. */
function outcomeLine(r: ChildReport): string {
  try {
    const j = JSON.parse(r.stdout) as { summary?: string; budget?: { exhausted?: { bound: string } } };
    if (j.summary !== undefined) return shorten(`${j.budget?.exhausted ? `[${j.budget.exhausted.bound}] ` : ''}${j.summary}`);
  } catch {
    // Text output.
  }
  return shorten((r.stdout || r.stderr).split('\n').find((l) => l.trim() !== '') ?? '');
}

function shorten(s: string): string {
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

/** The README table, one row per result. */
export function markdownTable(results: readonly CaseResult[], before?: ReadonlyMap<string, CaseResult>): string {
  const head = before
    ? '| case | attack | exit | outcome | wall ms | CPU ms | RSS MiB | queries | before: exit, wall ms, CPU ms, RSS MiB |\n|---|---|---|---|---|---|---|---|---|'
    : '| case | attack | exit | outcome | wall ms | CPU ms | RSS MiB | queries |\n|---|---|---|---|---|---|---|---|';
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\u0000-\u001f\u007f]/g, '?');
  const rows = results.map((r) => {
    const b = before?.get(r.id);
    const prior = before ? ` ${b ? `${b.exitCode ?? 'killed'}, ${b.wallMs.toFixed(0)}, ${Number.isNaN(b.cpuMs) ? '-' : b.cpuMs.toFixed(0)}, ${Number.isNaN(b.rssMiB) ? '-' : b.rssMiB.toFixed(0)}` : 'not run'} |` : '';
    return `| ${r.id} | ${cell(r.title)} | ${r.exitCode ?? '-'} | ${cell(r.outcome)} | ${r.wallMs.toFixed(0)} | ${r.cpuMs.toFixed(0)} | ${r.rssMiB.toFixed(0)} | ${r.queries ?? '-'} |${prior}`;
  });
  return [head, ...rows].join('\n');
}

/** Runs cases `parallel` at a time, in order of the list; results in the same order. */
export async function runCases(cases: readonly HostileCase[], parallel: number, options: RunOptions = {}, onDone?: (r: CaseResult) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i]!, options);
      onDone?.(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, cases.length) }, worker));
  return results;
}
