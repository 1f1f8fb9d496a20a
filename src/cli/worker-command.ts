/**
 * `dane-verify worker --queue URL`: checks the domains of a distributed scan (scan/queue.ts)
 * until stopped (Ctrl-C, SIGTERM: the checks running are finished and recorded first). Runs as
 * many as wanted, on as many machines: each with its own resolver, trust anchor and caches
 * (`--redis` shares proven answers between them), `--concurrency` checks at once.
 */
import { parseArgsExplained } from './suggest.ts';
import { isUsageError, NETWORK_OPTIONS, networkOptions, positiveInt, UsageError } from './common-options.ts';
import type { CommandOutput } from './tlsa-command.ts';
import { ExitCode } from './usage.ts';
import { processIo, defaultConcurrency, type ScanIo } from './scan-command.ts';
import { RESOLVER_OPTIONS, scanResolver } from './scan-resolver.ts';
import { MAX_SCAN_CONCURRENCY } from '../scan/run-pool.ts';
import { boundedLine } from '../scan/result-file.ts';
import { resultToJson } from './report.ts';
import { DEFAULT_QUEUE_LOCK_MS, DEFAULT_QUEUE_NAME, QUEUE_JOB_ATTEMPTS, queueName, readJobData, recordResult, type ScanJobData } from '../scan/queue.ts';

/** The longest --lock-ms (an hour). */
const MAX_LOCK_MS = 3_600_000;

export const WORKER_USAGE = `Usage: dane-verify worker --queue redis://HOST:PORT/DB [options]
  Checks the domains a distributed scan (dane-verify scan --queue ...) put in the queue, until
  stopped (Ctrl-C or SIGTERM finish the checks running first). Run as many as wanted.

  --queue URL             the queue's Redis (the same URL and --queue-name as the scan)
  --queue-name NAME       the scan's queue (default ${DEFAULT_QUEUE_NAME})
  --concurrency N         checks at once (default ${defaultConcurrency()})
  --lock-ms N             a job whose worker is silent this long is given to another (default ${DEFAULT_QUEUE_LOCK_MS})
  --rate, --cache-entries, --redis, --redis-secret-file, --resolver, --trust-anchor, --timeout
                          as for dane-verify scan
  The per-check options (--port, --no-connect, --deadline ...) come with each job, from the scan.
`;

export async function runWorkerCommand(args: readonly string[], io: ScanIo = processIo()): Promise<CommandOutput> {
  try {
    const { values } = parseArgsExplained({
      args: [...args],
      options: { ...NETWORK_OPTIONS, ...RESOLVER_OPTIONS, queue: { type: 'string' }, 'queue-name': { type: 'string' }, concurrency: { type: 'string' }, 'lock-ms': { type: 'string' } },
      allowPositionals: false,
      strict: true,
    });
    if (values.help) return { exitCode: ExitCode.OK, stdout: WORKER_USAGE, stderr: '' };
    if (values.queue === undefined) throw new UsageError('give the queue: --queue redis://HOST:PORT/DB');
    const name = queueName(values['queue-name']);
    const concurrency = positiveInt(values.concurrency, 'concurrency', MAX_SCAN_CONCURRENCY) ?? defaultConcurrency();
    const lockMs = positiveInt(values['lock-ms'], 'lock-ms', MAX_LOCK_MS) ?? DEFAULT_QUEUE_LOCK_MS;
    const net = await networkOptions(values);
    const { connectRedis, parseRedisUrl } = await import('../scan/redis-connection.ts');
    const url = parseRedisUrl(values.queue, '--queue');
    const shared = await scanResolver(values, net);
    const redis = await connectRedis(url, '--queue', true).catch(async (e: unknown) => {
      await shared.close();
      throw e;
    });
    const { Worker, UnrecoverableError } = await import('bullmq');
    let checked = 0;
    let duplicates = 0;
    const worker = new Worker<ScanJobData>(name, async (job) => {
      const data = readJobData(job.data);
      // Not a job this version makes (anyone who can write to the queue can add one): not retried.
      if (!data) throw new UnrecoverableError(`job ${job.id}: not a dane-verify scan job`);
      const r = await shared.resolver.verify(data.input, data.call);
      const first = await recordResult(redis, name, data.key, boundedLine(resultToJson(r)));
      if (first) checked++;
      else duplicates++;
      return first ? 'recorded' : 'already recorded';
    }, { connection: redis, concurrency, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: QUEUE_JOB_ATTEMPTS });
    worker.on('error', (e) => io.stderr.write(`dane-verify worker: ${e.message}\n`));
    const stopped = await new Promise<string>((resolve) => {
      const unlisten = io.onStop((why) => {
        unlisten();
        resolve(why);
      });
    });
    await worker.close();
    await redis.quit().catch(() => undefined);
    await shared.close();
    const store = shared.storeLine();
    return { exitCode: ExitCode.OK, stdout: `worker: ${checked} domains checked and recorded, ${duplicates} checked again after another worker had (a retried job); ${stopped}\n${store ? `${store}\n` : ''}`, stderr: '' };
  } catch (e) {
    if (isUsageError(e)) return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify worker: ${(e as Error).message}\n(see dane-verify worker --help)\n` };
    throw e;
  }
}
