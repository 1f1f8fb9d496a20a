/**
 * Dispatches `dane-verify` arguments to a command module (importable without side effects, for
 * tests). Each command's module is imported when that command runs, so `--help`, `--version` and
 * usage errors load none of the validator, TLS or certificate code (issue #19).
 */
import { readFileSync } from 'node:fs';
import type { CommandOutput } from './tlsa-command.ts';
import { ExitCode, USAGE } from './usage.ts';
import { terminalSafe } from './terminal-text.ts';
import { closest } from './suggest.ts';

const COMMANDS: Record<string, (args: readonly string[]) => Promise<CommandOutput>> = {
  resolve: async (args) => (await import('./resolve-command.ts')).runResolveCommand(args),
  tlsa: async (args) => (await import('./tlsa-command.ts')).runTlsaCommand(args),
  rollover: async (args) => (await import('./rollover-command.ts')).runRolloverCommand(args),
  demo: async (args) => (await import('./demo.ts')).runDemoCommand(args),
  scan: async (args) => (await import('./scan-command.ts')).runScanCommand(args),
  worker: async (args) => (await import('./worker-command.ts')).runWorkerCommand(args),
};

/** The package's version, from its package.json (two levels up from src/cli and from dist/cli). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Runs the CLI with `argv` (without node and the script). */
export async function runCli(argv: readonly string[]): Promise<CommandOutput> {
  const [first, ...rest] = argv;
  if (first === undefined) return { exitCode: ExitCode.USAGE, stdout: '', stderr: USAGE };
  if (first === '-h' || first === '--help' || first === 'help') return { exitCode: ExitCode.OK, stdout: USAGE, stderr: '' };
  if (first === '-V' || first === '--version') return { exitCode: ExitCode.OK, stdout: `dane-verify ${packageVersion()}\n`, stderr: '' };
  const command = COMMANDS[first];
  // A word without a dot two edits from a command (`tlsaa`) is a typo, not a mail domain.
  const meant = command || first.startsWith('-') || first.includes('.') ? undefined : closest(first, Object.keys(COMMANDS));
  if (meant) return { exitCode: ExitCode.USAGE, stdout: '', stderr: terminalSafe(`dane-verify: unknown command ${JSON.stringify(first)} (did you mean ${meant}?)\n(see dane-verify --help)\n`) };
  const out = await (command ? command(rest) : (await import('./check-command.ts')).runCheckCommand(argv));
  // stderr is always text for people (usage errors echo argv): never raw control characters.
  return out.stderr ? { ...out, stderr: terminalSafe(out.stderr) } : out;
}

