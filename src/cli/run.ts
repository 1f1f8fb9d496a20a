/**
 * Dispatches `dane-verify` arguments to a command module (importable without side effects, for
 * tests). Each command's module is imported when that command runs, so `--help`, `--version` and
 * usage errors load none of the validator, TLS or certificate code (issue #19).
 */
import type { CommandOutput } from './tlsa-command.ts';
import { ExitCode, USAGE } from './usage.ts';
import { terminalSafe } from './terminal-text.ts';
import { closest } from './suggest.ts';
import { packageVersion } from '../package-files.ts';
import { PLAIN, type Terminal } from './terminal.ts';

const COMMANDS: Record<string, (args: readonly string[], terminal: Terminal) => Promise<CommandOutput>> = {
  resolve: async (args, terminal) => (await import('./resolve-command.ts')).runResolveCommand(args, terminal),
  tlsa: async (args) => (await import('./tlsa-command.ts')).runTlsaCommand(args),
  rollover: async (args, terminal) => (await import('./rollover-command.ts')).runRolloverCommand(args, terminal),
  demo: async (args) => (await import('./demo.ts')).runDemoCommand(args),
  vectors: async (args) => (await import('./vectors-command.ts')).runVectorsCommand(args),
  report: async (args) => (await import('./report-command.ts')).runReportCommand(args),
  scan: async (args) => (await import('./scan-command.ts')).runScanCommand(args),
  worker: async (args) => (await import('./worker-command.ts')).runWorkerCommand(args),
};


/**
 * Runs the CLI with `argv` (without node and the script). `terminal`: colours and a status line
 * (main.ts passes the process's; plain text by default).
 */
export async function runCli(argv: readonly string[], terminal: Terminal = PLAIN): Promise<CommandOutput> {
  const [first, ...rest] = argv;
  if (first === undefined) return { exitCode: ExitCode.USAGE, stdout: '', stderr: USAGE };
  if (first === '-h' || first === '--help' || first === 'help') return { exitCode: ExitCode.OK, stdout: USAGE, stderr: '' };
  if (first === '-V' || first === '--version') return { exitCode: ExitCode.OK, stdout: `dane-verify ${packageVersion()}\n`, stderr: '' };
  const command = COMMANDS[first];
  // A word without a dot two edits from a command (`tlsaa`) is a typo, not a mail domain.
  const meant = command || first.startsWith('-') || first.includes('.') ? undefined : closest(first, Object.keys(COMMANDS));
  if (meant) return { exitCode: ExitCode.USAGE, stdout: '', stderr: terminalSafe(`dane-verify: unknown command ${JSON.stringify(first)} (did you mean ${meant}?)\n(see dane-verify --help)\n`) };
  const out = await (command ? command(rest, terminal) : (await import('./check-command.ts')).runCheckCommand(argv, terminal));
  // stderr is always text for people (usage errors echo argv): never raw control characters.
  return out.stderr ? { ...out, stderr: terminalSafe(out.stderr) } : out;
}

