// Shared by the adapters of this folder: the adapter protocol of vectors/README.md. A case arrives
// as one JSON object on stdin (without "expect"); the adapter writes one JSON object on stdout: the
// fields of its kind's "expect", {"skip": "why"} or {"error": "why"}. Plain Node, no dependencies.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Time one tool run may take (the runner kills the adapter after 20 s). */
export const TOOL_TIMEOUT_MS = 15_000;

/** Reads the case from stdin, calls `answer(case)` (may be async) and writes its result. */
export async function serve(answer) {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  let out;
  try {
    out = await answer(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch (e) {
    out = { error: e instanceof Error ? e.message : String(e) };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Runs a tool (no shell); `{ status, stdout, stderr }`, or throws naming the Debian package when it is missing. */
export function run(program, args, { input, env, pkg } = {}) {
  const r = spawnSync(program, args, { input, env, encoding: 'utf8', timeout: TOOL_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (r.error && r.error.code === 'ENOENT') throw new Error(`${program} is not installed${pkg ? ` (Debian package ${pkg})` : ''}`);
  if (r.error) throw new Error(`${program}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Calls `f(dir)` with a fresh temporary folder, removed afterwards. */
export async function withTempDir(f) {
  const dir = mkdtempSync(join(tmpdir(), 'dane-verify-adapter-'));
  try {
    return await f(dir, (name, text) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The fields of a presentation line as this suite writes them: owner, TTL, class, type, RDATA fields. */
export function fields(line) {
  const [owner, ttl, cls, type, ...rdata] = line.trim().split(/\s+/);
  return { owner, ttl, cls, type, rdata };
}

/** A name compared as DNS compares names (ASCII case-insensitive, absolute). */
export function sameName(a, b) {
  const n = (x) => x.toLowerCase().replace(/\.?$/, '.');
  return n(a) === n(b);
}
