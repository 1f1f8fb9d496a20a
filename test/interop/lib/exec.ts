/** Runs a peer's command line and returns its whole output, never throwing on a non-zero exit. */
import { spawn } from 'node:child_process';

/** Upper bound on one peer run (posttls-finger's own timeouts are 5 s per step). */
export const PEER_TIMEOUT_MS = 30_000;
/** Upper bound on the bytes kept from one peer run. */
export const PEER_OUTPUT_LIMIT = 1_000_000;

/** The result of one run: exit code (null when killed), stdout and stderr interleaved. */
export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs `command args` with `env` added to the environment; stdout and stderr are merged. */
export function run(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: PEER_TIMEOUT_MS,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (b: Buffer): void => {
      if (size < PEER_OUTPUT_LIMIT) { chunks.push(b); size += b.length; }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => reject(new Error(`${command}: ${err.message}`)));
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}
