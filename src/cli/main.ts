#!/usr/bin/env node
/**
 * The `dane-verify` command: dispatches to one command module, prints what it returns and exits
 * with its code. A bug (an exception no command handled) exits 70 (EX_SOFTWARE) with the message.
 */
import { runCli } from './run.ts';
import { processTerminal } from './terminal.ts';

async function main(): Promise<void> {
  try {
    const out = await runCli(process.argv.slice(2), processTerminal());
    if (out.stdout) process.stdout.write(out.stdout);
    if (out.stderr) process.stderr.write(out.stderr);
    process.exitCode = out.exitCode;
  } catch (e) {
    process.stderr.write(`dane-verify: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  }
}

await main();
