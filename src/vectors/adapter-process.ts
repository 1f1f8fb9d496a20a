/**
 * The adapter protocol (vectors/README.md, "Adapters"): another implementation is a command that
 * reads one case as JSON on stdin (the case without `expect`) and writes one JSON answer on
 * stdout: the fields of the kind's `expect`, or `{"skip": "why"}`, or `{"error": "why"}`. Each case
 * runs in its own process, with a time limit and a bound on the output read; no shell is involved.
 */
import { spawn } from 'node:child_process';
import type { VectorAnswer, VectorCase } from './case.ts';
import { caseInput } from './case.ts';

/** Time an adapter process may take for one case before it is killed and the case fails. */
export const ADAPTER_TIMEOUT_MS = 20_000;
/** The most octets read from an adapter's stdout (and kept of its stderr) for one case. */
export const MAX_ADAPTER_OUTPUT_BYTES = 64 * 1024;

/** An adapter command: the program and its arguments (as `--adapter` splits them at spaces). */
export interface AdapterCommand {
  readonly program: string;
  readonly args: readonly string[];
}

/** `"node vectors/adapters/x.mjs --flag"` as program and arguments (split at white space, no shell). */
export function parseAdapterCommand(text: string): AdapterCommand {
  const [program, ...args] = text.trim().split(/\s+/).filter(Boolean);
  if (!program) throw new Error('an adapter command needs a program');
  return { program, args };
}

/** Runs the adapter on one case. Never throws: a crash, a timeout or bad JSON is `{ error }`. */
export function askAdapter(command: AdapterCommand, c: VectorCase, timeoutMs = ADAPTER_TIMEOUT_MS): Promise<VectorAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: VectorAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(a);
    };
    const child = spawn(command.program, [...command.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ error: `the adapter took more than ${timeoutMs} ms` });
    }, timeoutMs);
    child.on('error', (e) => done({ error: `cannot run the adapter ${command.program}: ${e.message}` }));
    child.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > MAX_ADAPTER_OUTPUT_BYTES) {
        child.kill('SIGKILL');
        done({ error: `the adapter wrote more than ${MAX_ADAPTER_OUTPUT_BYTES} octets` });
      } else out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if (errBytes < MAX_ADAPTER_OUTPUT_BYTES) err.push(b);
      errBytes += b.length;
    });
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString('utf8').trim().slice(0, 500);
      if (code !== 0) return done({ error: `the adapter exited with ${signal ?? code}${stderr ? `: ${stderr}` : ''}` });
      const text = Buffer.concat(out).toString('utf8');
      try {
        const answer = JSON.parse(text) as unknown;
        if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return done({ error: `the adapter wrote ${JSON.stringify(text.slice(0, 200))}, not a JSON object` });
        done(answer as VectorAnswer);
      } catch {
        done({ error: `the adapter wrote ${JSON.stringify(text.slice(0, 200))}, not JSON${stderr ? ` (stderr: ${stderr})` : ''}` });
      }
    });
    // An adapter that exits without reading stdin makes the write fail with EPIPE: not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(`${JSON.stringify(caseInput(c))}\n`);
  });
}
