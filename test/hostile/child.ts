/**
 * One case of the hostile-input kit, in a process of its own: runs the CLI in-process on argv and
 * writes on fd 3 what it returned and what it cost this process (CPU and wall from just before the
 * call to just after it, with every module the call may load loaded before, so that loading code is
 * not counted; peak RSS of the whole process).
 *
 * The servers a case talks to run in the parent: their work is not counted here.
 * `HOSTILE_TREE` names another checkout whose `src/cli/run.ts` to run (the kit's "before" column).
 */
import { writeSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const tree = process.env.HOSTILE_TREE ?? fileURLToPath(new URL('../..', import.meta.url));
const { runCli } = (await import(pathToFileURL(join(tree, 'src/cli/run.ts')).href)) as {
  runCli(argv: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }>;
};

// The CLI loads a command's modules (and pkijs for DANE-TA) on first use: load them before the
// measured call, so that what is measured is the work the input causes, not loading code.
for (const m of ['src/cli/check-command.ts', 'src/cli/resolve-command.ts', 'src/cli/tlsa-command.ts', 'src/cli/rollover-command.ts', 'src/dane/chain.ts', 'src/dane/cert-names.ts']) {
  await import(pathToFileURL(join(tree, m)).href);
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
let out: { exitCode: number; stdout: string; stderr: string };
try {
  out = await runCli(process.argv.slice(2));
} catch (e) {
  // What bin/main.ts does with an exception no command handled: a bug, exit 70.
  out = { exitCode: 70, stdout: '', stderr: `internal error: ${(e as Error).stack ?? String(e)}` };
}
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - t0;
// Handles the call left open (timers, sockets): a leak the kit reports. Sockets closed at the end
// of the call go away in the next turns of the event loop; give them those turns first.
await new Promise((r) => setTimeout(r, 100));
const handles = process.getActiveResourcesInfo().filter((h) => h !== 'PipeWrap' && h !== 'TTYWrap');
writeSync(3, JSON.stringify({
  exitCode: out.exitCode,
  stdout: out.stdout,
  stderr: out.stderr,
  wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  maxRssKiB: process.resourceUsage().maxRSS,
  handles,
}));
process.exit(0);
