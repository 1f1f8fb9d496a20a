/**
 * Unbound started by a test, on loopback, in the foreground: the `server:` lines every such
 * configuration shares, and a start that waits for Unbound's "start of service" line (or its exit,
 * or a bound on the wait). Used by test/resolver/stub-unbound.test.ts and the interop tier's
 * forwarding validator (test/interop/lib/unbound-forwarder.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Longest wait for Unbound to open its sockets. */
const START_TIMEOUT_MS = 10_000;

/** `server:` lines for a foreground Unbound in `dir`, logging to stderr, answering 127.0.0.0/8 only. */
export function unboundServerLines(dir: string): string[] {
  return [
    '  do-daemonize: no',
    '  chroot: ""',
    '  username: ""',
    `  directory: "${dir}"`,
    '  pidfile: ""',
    '  use-syslog: no',
    '  logfile: ""',
    '  verbosity: 0',
    '  do-ip6: no',
    '  access-control: 127.0.0.0/8 allow',
  ];
}

/** Starts `unbound -d -c confFile` and resolves once it serves. */
export async function startUnbound(confFile: string): Promise<ChildProcess> {
  const child = spawn('unbound', ['-d', '-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`unbound did not start within ${START_TIMEOUT_MS} ms: ${log}`)), START_TIMEOUT_MS);
    const done = (e?: Error) => {
      clearTimeout(timer);
      if (e) reject(e);
      else resolve();
    };
    child.stderr!.on('data', (b: Buffer) => {
      log += b.toString();
      if (log.includes('start of service')) done();
    });
    child.once('error', (e) => done(e));
    child.once('exit', (code) => done(new Error(`unbound exited (${code}): ${log}`)));
  });
  return child;
}

/** Stops an Unbound started by {@link startUnbound}, waiting for it to exit. */
export async function stopUnbound(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
