/** Dispatches `dane-verify` arguments to a command module (importable without side effects, for tests). */
import { runCheckCommand } from './check-command.ts';
import { runResolveCommand } from './resolve-command.ts';
import { runRolloverCommand } from './rollover-command.ts';
import { runTlsaCommand, type CommandOutput } from './tlsa-command.ts';
import { ExitCode, USAGE } from './usage.ts';
import { terminalSafe } from './terminal-text.ts';

const COMMANDS: Record<string, (args: readonly string[]) => Promise<CommandOutput>> = {
  resolve: runResolveCommand,
  tlsa: runTlsaCommand,
  rollover: runRolloverCommand,
  demo: async (args) => (await import('./demo.ts')).runDemoCommand(args),
};

/** Runs the CLI with `argv` (without node and the script). */
export async function runCli(argv: readonly string[]): Promise<CommandOutput> {
  const [first, ...rest] = argv;
  if (first === undefined) return { exitCode: ExitCode.USAGE, stdout: '', stderr: USAGE };
  if (first === '-h' || first === '--help' || first === 'help') return { exitCode: ExitCode.OK, stdout: USAGE, stderr: '' };
  const command = COMMANDS[first];
  const out = await (command ? command(rest) : runCheckCommand(argv));
  // stderr is always text for people (usage errors echo argv): never raw control characters.
  return out.stderr ? { ...out, stderr: terminalSafe(out.stderr) } : out;
}

