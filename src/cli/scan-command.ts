/**
 * `dane-verify scan [FILE|-]`: the domain check for every domain of a list (scan/), results as
 * JSONL (one `--json` object per line, as each finishes) on stdout or in `--out FILE`, `--resume`
 * to continue a scan that was stopped, a progress line on a terminal, a summary at the end.
 * Ctrl-C or SIGTERM stops it: checks in flight are dropped, every line written stays.
 *
 * Exit codes: 0 every domain of the list has a result line; 3 not all (stopped, or a check failed
 * in a way that is a bug: run again with --resume); 64 usage error (options, an unreadable list,
 * a result file that is not one). Bad lines of the list do not stop the scan: they are reported
 * on stderr with their line number and counted in the summary.
 */
import { availableParallelism } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { parseArgsExplained } from './suggest.ts';
import { isUsageError, NETWORK_OPTIONS, networkOptions, positiveInt, UsageError } from './common-options.ts';
import { readInputFile } from './input-file.ts';
import type { CommandOutput } from './tlsa-command.ts';
import { ExitCode } from './usage.ts';
import { terminalSafe } from './terminal-text.ts';
import { MAX_SCAN_LIST_BYTES, parseDomainList, type DomainList } from '../scan/domain-list.ts';
import { boundedLine, ResultFile, ResultFileError } from '../scan/result-file.ts';
import { OUTCOME_BY_EXIT, ScanSummary } from '../scan/summary.ts';
import { ProgressLine } from '../scan/progress.ts';
import { MAX_SCAN_CONCURRENCY, SCAN_CONCURRENCY_PER_CPU } from '../scan/run-pool.ts';
import { scanDomains } from '../scan/scan.ts';
import type { DaneCallOptions } from '../dane/dane-resolver.ts';
import { RESOLVER_OPTIONS, scanResolver } from './scan-resolver.ts';

/** Most milliseconds --deadline may ask for (an hour), as for the domain check. */
const MAX_DEADLINE_MS = 3_600_000;

export const SCAN_USAGE = `Usage: dane-verify scan [FILE|-] [options]
  Checks every domain of FILE (one per line, # comments; - or nothing: stdin) and writes one
  JSON line per domain, the object of dane-verify <domain> --json, as each check finishes.

  --out FILE              write the results to FILE (default: stdout); the summary then goes to stdout
  --resume                continue the scan in --out FILE: skip the domains it has a line for
  --concurrency N         checks in flight (default ${SCAN_CONCURRENCY_PER_CPU} per CPU, here ${defaultConcurrency()}; at most ${MAX_SCAN_CONCURRENCY})
  --rate N                most DNS queries a second sent to each resolver (default: no limit)
  --cache-entries N       proven answers, DNS messages and zones kept, each (default 20000, 10000, 4096)
  --redis URL             share proven answers with other processes in Redis (redis://host:port/db)
  --redis-secret-file F   the secret (32 octets or more) sealing what is shared, the same everywhere
  --queue URL             distributed: put the domains in a BullMQ queue on Redis for
                          dane-verify worker processes, and collect their results
  --queue-name NAME       the queue (default dane-verify-scan)
  --json                  the summary as JSON
  --resolver, --trust-anchor, --timeout, --port, --deadline, --no-connect, --min-tls,
  --require-dane          as for dane-verify <domain> (--deadline bounds each domain's check)

Exit codes: 0 every domain has a result, 3 not all (stopped: continue with --resume), 64 usage error.
`;

/** Checks in flight by default: {@link SCAN_CONCURRENCY_PER_CPU} per CPU this process may use. */
export function defaultConcurrency(): number {
  return Math.min(MAX_SCAN_CONCURRENCY, availableParallelism() * SCAN_CONCURRENCY_PER_CPU);
}

/** Where a scan reads and writes, and how it hears that it should stop (the process's by default). */
export interface ScanIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  /** Calls `stop` on Ctrl-C / SIGTERM; returns a function that stops listening. */
  onStop(stop: (why: string) => void): () => void;
}

export function processIo(): ScanIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    onStop(stop) {
      const int = () => stop('interrupted (SIGINT)');
      const term = () => stop('terminated (SIGTERM)');
      process.on('SIGINT', int);
      process.on('SIGTERM', term);
      return () => {
        process.off('SIGINT', int);
        process.off('SIGTERM', term);
      };
    },
  };
}

export const SCAN_OPTIONS = {
  ...NETWORK_OPTIONS,
  port: { type: 'string' },
  'no-connect': { type: 'boolean' },
  'require-dane': { type: 'boolean' },
  'min-tls': { type: 'string' },
  deadline: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'boolean' },
  concurrency: { type: 'string' },
  ...RESOLVER_OPTIONS,
  queue: { type: 'string' },
  'queue-name': { type: 'string' },
} as const;

/** Reads stdin, at most `max` octets. */
async function readBounded(stream: Readable, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += b.length;
    if (length > max) {
      stream.destroy();
      throw new UsageError(`the list on stdin is longer than ${max} octets: split it`);
    }
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/** The list named by the positional argument (a file, or `-`/nothing for stdin). */
/** JSON schema version of `scan --json` (schemas/scan-summary-v1.schema.json); bump on any incompatible change. */
export const SCAN_SUMMARY_SCHEMA_VERSION = 1 as const;

export async function readDomainList(positionals: readonly string[], io: ScanIo): Promise<DomainList> {
  if (positionals.length > 1) throw new UsageError('give one list: a file, or - for stdin');
  const file = positionals[0] ?? '-';
  const bytes = file === '-' ? await readBounded(io.stdin, MAX_SCAN_LIST_BYTES) : await readInputFile(file, 'scan', MAX_SCAN_LIST_BYTES);
  return parseDomainList(bytes.toString('utf8'));
}

/** The per-check options shared by the scan and the queue worker. */
export function callOptions(values: Record<string, unknown>): DaneCallOptions {
  const minTls = values['min-tls'] as string | undefined;
  if (minTls !== undefined && !['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].includes(minTls)) throw new UsageError(`--min-tls expects TLSv1.2 or TLSv1.3 (or TLSv1, TLSv1.1), got ${JSON.stringify(minTls)}`);
  const port = positiveInt(values.port as string | undefined, 'port', 65535);
  const deadlineMs = positiveInt(values.deadline as string | undefined, 'deadline', MAX_DEADLINE_MS);
  return {
    ...(port ? { port } : {}),
    ...(deadlineMs ? { budget: { deadlineMs } } : {}),
    ...(minTls ? { minTlsVersion: minTls as 'TLSv1.2' } : {}),
    connect: values['no-connect'] !== true,
    requireDane: values['require-dane'] === true,
    tlsRpt: true,
  };
}

export async function runScanCommand(args: readonly string[], io: ScanIo = processIo()): Promise<CommandOutput> {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgsExplained({ args: [...args], options: SCAN_OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    return usageFailure(e);
  }
  if (values.help) return { exitCode: ExitCode.OK, stdout: SCAN_USAGE, stderr: '' };
  let out: ResultFile | undefined;
  try {
    const concurrency = positiveInt(values.concurrency as string | undefined, 'concurrency', MAX_SCAN_CONCURRENCY) ?? defaultConcurrency();
    const call = callOptions(values);
    const net = await networkOptions(values);
    if (values.resume && values.out === undefined) throw new UsageError('--resume continues the scan in --out FILE: give --out');
    const list = await readDomainList(positionals, io);
    const summary = new ScanSummary();
    let resumedLines = 0;
    if (values.out !== undefined) {
      out = ResultFile.open(values.out as string, values.resume === true, (json) => summary.add(json));
      resumedLines = out.resumed.lines;
    }
    let notes = listNotes(list);
    if (out?.resumed.tornOctets) notes += `dane-verify scan: cut off a torn last line (${out.resumed.tornOctets} octets) of ${values.out as string}; its domain is checked again\n`;
    if (notes) io.stderr.write(terminalSafe(notes));

    const todo = out ? list.domains.filter((d) => !out!.resumed.done.has(d.key)) : list.domains;
    const total = list.domains.length;
    let done = total - todo.length;
    const counts: Record<string, number> = {};
    const progress = new ProgressLine(io.stderr);
    const stopper = new AbortController();
    let stopReason = '';
    const unlisten = io.onStop((why) => {
      if (!stopper.signal.aborted) {
        stopReason = why;
        stopper.abort(new Error(why));
      }
    });
    const writeLine = async (line: string) => {
      if (out) return out.write(line);
      if (!io.stdout.write(line)) await new Promise((r) => io.stdout.once('drain', r));
    };
    const onResult = async (line: string, json: Record<string, unknown>) => {
      await writeLine(line);
      summary.add(json);
      done++;
      const o = OUTCOME_BY_EXIT[json.exitCode as number] ?? 'unknown';
      counts[o] = (counts[o] ?? 0) + 1;
      progress.update(done, total, counts);
    };
    let errors = 0;
    let storeLine: string | undefined;
    let store: unknown;
    let missingNote = '';
    try {
      if (values.queue !== undefined) {
        // The queue path: BullMQ and ioredis are loaded only here.
        const { runQueuedScan } = await import('./queue-scan.ts');
        const { queueName } = await import('../scan/queue.ts');
        const q = await runQueuedScan({
          url: values.queue as string,
          name: queueName(values['queue-name'] as string | undefined),
          todo,
          call,
          signal: stopper.signal,
          onLine: (_d, line, json) => onResult(line, json),
          note: (text) => io.stderr.write(terminalSafe(text)),
        });
        if (q.failedJobs) missingNote = `; ${q.failedJobs} domains got no result: their jobs failed (BullMQ keeps failed jobs with their error)`;
        errors = q.failedJobs;
      } else {
        const shared = await scanResolver(values, net);
        try {
          const run = await scanDomains(todo, {
            resolver: shared.resolver,
            call,
            concurrency,
            signal: stopper.signal,
            onResult: (_d, json) => onResult(boundedLine(json), json),
            onError: (d, e) => {
              progress.clear();
              io.stderr.write(terminalSafe(`dane-verify scan: ${d.input} (line ${d.line}): internal error, no result: ${(e as Error).stack ?? String(e)}\n`));
            },
          });
          errors = run.errors;
        } finally {
          await shared.close();
          storeLine = shared.storeLine();
          store = shared.resolver.stats().store;
        }
      }
    } finally {
      unlisten();
      progress.clear();
    }
    const stopped = stopper.signal.aborted;
    const complete = !stopped && errors === 0 && done === total;
    const head = [
      `scan: ${done} of ${total} domains have a result${resumedLines ? ` (${resumedLines} from before --resume)` : ''}`,
      list.duplicates ? `, ${list.duplicates} duplicate lines` : '',
      list.invalid ? `, ${list.invalid} bad lines` : '',
      list.overLimit ? `, ${list.overLimit} domains past the limit` : '',
      errors && !missingNote ? `, ${errors} internal errors` : '',
      missingNote,
      stopped ? `; stopped: ${stopReason}${values.out !== undefined ? ' (continue with --resume)' : ''}` : '',
    ].join('');
    const text = values.json
      ? JSON.stringify({ schema: SCAN_SUMMARY_SCHEMA_VERSION, total, done, resumed: resumedLines, duplicates: list.duplicates, invalidLines: list.invalid, overLimit: list.overLimit, internalErrors: errors, stopped, ...summary.toJSON(), ...(store ? { store } : {}) }, null, 2) + '\n'
      : `${head}\n${summary.text()}${storeLine ? `${storeLine}\n` : ''}`;
    // With --out, stdout is free for the summary; without, stdout is the results and the summary goes to stderr.
    return out ? { exitCode: complete ? ExitCode.OK : ExitCode.TEMPORARY, stdout: values.json ? text : terminalSafe(text), stderr: '' } : { exitCode: complete ? ExitCode.OK : ExitCode.TEMPORARY, stdout: '', stderr: text };
  } catch (e) {
    if (e instanceof ResultFileError) return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify scan: ${e.message}\n` };
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code) && values.out !== undefined && (e as { path?: string }).path === values.out) {
      return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify scan: --out ${values.out as string}: ${code}\n` };
    }
    return usageFailure(e);
  } finally {
    out?.close();
  }
}

/** Bad lines (the first few with their reasons), duplicates and domains past the limit, for stderr. */
function listNotes(list: DomainList): string {
  let s = '';
  for (const p of list.problems) s += `dane-verify scan: line ${p.line}: ${p.reason}\n`;
  if (list.invalid > list.problems.length) s += `dane-verify scan: ${list.invalid - list.problems.length} more bad lines not shown\n`;
  if (list.overLimit) s += `dane-verify scan: ${list.overLimit} domains past the first ${list.domains.length} not taken: split the list\n`;
  if (list.domains.length === 0) s += `dane-verify scan: the list has no domain\n`;
  return s;
}

function usageFailure(e: unknown): CommandOutput {
  if (isUsageError(e)) return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify scan: ${(e as Error).message}\n(see dane-verify scan --help)\n` };
  throw e;
}
