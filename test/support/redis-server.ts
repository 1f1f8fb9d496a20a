/**
 * A redis-server for a test, on a free loopback port, with no persistence; `undefined` when
 * redis-server is not installed (the caller skips, saying so). Under the shifted-clock run it runs
 * on the real clock (test/dnssec/redis-answer-store.test.ts says why): it only counts lifetimes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port.ts';

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  stop(): void;
}

/** The environment without libfaketime: redis-server (jemalloc) hangs at start-up under it. */
function realClockEnv(): NodeJS.ProcessEnv {
  const { LD_PRELOAD: _, FAKETIME: __, ...env } = process.env;
  return env;
}

export function redisServerInstalled(): boolean {
  return !spawnSync('redis-server', ['--version'], { stdio: 'ignore', env: realClockEnv(), timeout: 10_000 }).error;
}

export async function startRedis(): Promise<TestRedis | undefined> {
  if (!redisServerInstalled()) return undefined;
  const port = await freePort();
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore', env: realClockEnv() });
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port }, () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (i > 50) {
      proc.kill();
      throw new Error('redis-server did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // No persistence to save: killed at once (a SIGTERM'd redis-server was seen outliving the test run).
  return { url: `redis://127.0.0.1:${port}/0`, port, stop: () => void proc.kill('SIGKILL') };
}
