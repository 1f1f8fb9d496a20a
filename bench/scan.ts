/**
 * `npm run bench:scan`: a scan of many domains on one machine (issue #17, item 2). Builds dist/,
 * starts a world of `SCAN_DOMAINS` (default 5000) signed domains in a child process
 * (bench/scan-world.ts: authenticated, mismatch, bogus, unsigned, NSEC3 and CNAME'd hosts in turn),
 * then scans the first 1,000 and all of them, with and without SMTP connections, through:
 * - the library in-process (bench/scan-library.mjs: one createDaneResolver, the same pool), and
 * - the CLI (`node dist/cli/main.js scan LIST --out FILE`, measured by bench/rusage-at-exit.mjs),
 * each run in a new process with cold caches. Prints per run: domains/s over the scan (library:
 * the scan alone; CLI: the whole process, start-up included), CPU ms per domain (user + system of
 * the scanning process; the world's servers are another process), peak RSS, and for the library
 * the heap after a collection at the end with the answer cache's entries and estimated octets.
 * Every domain's exit code is checked against the one its kind must get. `SCAN_SIZES` (default
 * `1000,5000`; the world has the largest), `SCAN_SMTP_SIZES` (default `1000,5000`: also
 * with SMTP), `SCAN_CONCURRENCY` (default 32) checks at once, `SCAN_CACHE_ENTRIES` (default: the
 * library's bounds) for the library runs' caches, `SCAN_MAX_OLD_SPACE_MIB` to cap their V8 heap.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SCAN_WORLD_EXPECTED, type ScanWorldDomain } from '../src/testing/scan-world.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = (process.env.SCAN_SIZES ?? '1000,5000').split(',').map(Number);
const COUNT = Math.max(...SIZES);
const CONCURRENCY = Number(process.env.SCAN_CONCURRENCY ?? 32);
/** `SCAN_CACHE_ENTRIES`: bounds the library runs' answer, message and zone caches (entries each), as `scan --cache-entries` does. */
const CACHE_ENTRIES = process.env.SCAN_CACHE_ENTRIES ? Number(process.env.SCAN_CACHE_ENTRIES) : undefined;
/** `SCAN_MAX_OLD_SPACE_MIB`: caps the library runs' V8 heap, to show that the scan fits in what its caches bound. */
const MAX_OLD_SPACE_MIB = process.env.SCAN_MAX_OLD_SPACE_MIB ? Number(process.env.SCAN_MAX_OLD_SPACE_MIB) : undefined;
/** Sizes also scanned with SMTP connections (each a STARTTLS handshake on loopback). */
const SMTP_SIZES = new Set((process.env.SCAN_SMTP_SIZES ?? '1000,5000').split(',').map(Number));

execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' }); // dist/ as published: the bundle
const dir = mkdtempSync(join(tmpdir(), 'dane-verify-bench-scan-'));
const worldProc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/scan-world.ts'), String(COUNT), dir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
const [first] = await createInterface({ input: worldProc.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]);
const world = JSON.parse(first!) as { resolver: string; mailPort: number; buildMs: number };
const domains = JSON.parse(readFileSync(join(dir, 'domains.json'), 'utf8')) as ScanWorldDomain[];
const anchor = join(dir, 'anchor.ds');
console.log(`world: ${COUNT} domains built in ${(world.buildMs / 1000).toFixed(1)} s (another process); ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}; ${CONCURRENCY} checks at once`);

interface Run { readonly scanMs: number; readonly cpuMs: number; readonly maxRssKiB: number; readonly wrong: number; readonly heap?: string }

function expected(name: string, connect: boolean): number {
  const d = domains.find((x) => x.name === name);
  return d ? SCAN_WORLD_EXPECTED[d.kind][connect ? 0 : 1] : -1;
}
const expectedByName = (connect: boolean) => new Map(domains.map((d) => [d.name, SCAN_WORLD_EXPECTED[d.kind][connect ? 0 : 1]]));

function library(list: string, connect: boolean): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', ...(MAX_OLD_SPACE_MIB ? [`--max-old-space-size=${MAX_OLD_SPACE_MIB}`] : []), join(ROOT, 'bench/scan-library.mjs'), list, world.resolver, anchor, String(world.mailPort), String(connect), String(CONCURRENCY), ...(CACHE_ENTRIES ? [String(CACHE_ENTRIES)] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`library run failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as { scanMs: number; cpuMs: number; maxRssKiB: number; exits: Record<string, number>; heapAfterMiB: number; answers: { entries: number; octets: number } };
  const want = expectedByName(connect);
  const wrong = Object.entries(j.exits).filter(([k, v]) => want.get(k) !== v).length + Math.abs(Object.keys(j.exits).length - Number(list.match(/list-(\d+)/)![1]));
  return { scanMs: j.scanMs, cpuMs: j.cpuMs, maxRssKiB: j.maxRssKiB, wrong, heap: `${j.heapAfterMiB.toFixed(0)} (${j.answers.entries} answers, ${(j.answers.octets / 1048576).toFixed(1)} MiB est.)` };
}

function cli(list: string, connect: boolean): Run {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.jsonl`);
  const rusage = `${out}.rusage`;
  const args = ['--import', join(ROOT, 'bench/rusage-at-exit.mjs'), join(ROOT, 'dist/cli/main.js'), 'scan', list, '--out', out, '--resolver', world.resolver, '--trust-anchor', anchor, '--port', String(world.mailPort), '--timeout', '5000', '--concurrency', String(CONCURRENCY), ...(connect ? [] : ['--no-connect'])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_RUSAGE_FILE: rusage } });
  if (r.status !== 0) throw new Error(`CLI run failed (${r.status}): ${r.stderr}${r.stdout}`);
  const u = JSON.parse(readFileSync(rusage, 'utf8')) as { cpuMs: number; maxRssKiB: number; uptimeMs: number };
  const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { domain: string; exitCode: number });
  const wrong = lines.filter((l) => expected(l.domain, connect) !== l.exitCode).length + Math.abs(lines.length - readFileSync(list, 'utf8').split('\n').filter(Boolean).length);
  rmSync(out);
  return { scanMs: u.uptimeMs, cpuMs: u.cpuMs, maxRssKiB: u.maxRssKiB, wrong };
}

const rows: string[] = ['| domains | SMTP | through | domains/s | CPU ms/domain | peak RSS MiB | heap after GC MiB (answer cache) | wrong verdicts |', '|---:|---|---|---:|---:|---:|---|---:|'];
try {
  for (const size of SIZES) {
    const list = join(dir, `list-${size}.txt`);
    writeFileSync(list, domains.slice(0, size).map((d) => d.name).join('\n') + '\n');
    for (const connect of SMTP_SIZES.has(size) ? [false, true] : [false]) {
      for (const [how, f] of [['library', library], ['CLI', cli]] as const) {
        const r = f(list, connect);
        const row = `| ${size} | ${connect ? 'yes' : 'no'} | ${how} | ${((size * 1000) / r.scanMs).toFixed(0)} | ${(r.cpuMs / size).toFixed(2)} | ${(r.maxRssKiB / 1024).toFixed(0)} | ${r.heap ?? '-'} | ${r.wrong} |`;
        rows.push(row);
        console.log(row);
      }
    }
  }
} finally {
  worldProc.stdin!.end();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${rows.join('\n')}`);
