/**
 * The distributed scan and the shared cache against a real redis-server (issue #17, items 3-5):
 * `dane-verify scan --queue` with three `dane-verify worker` processes, one killed mid-scan: every
 * domain reported exactly once with its verdict; a second producer on the same queue takes the
 * results already there; two scan processes share proven answers through `--redis` (the second
 * asks the DNS server less), and one with another secret refuses them all.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import type { TestWorld } from '../../src/testing/world.ts';
import { scanWorldSpec, SCAN_WORLD_EXPECTED, type ScanWorldDomain } from '../../src/testing/scan-world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';
import { runScanCommand } from '../../src/cli/scan-command.ts';
import { resultKeys } from '../../src/scan/queue.ts';

const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');
type Line = { domain: string; exitCode: number };
const readLines = (f: string): Line[] => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);

/** The CLI in a child process (the test world answers in this one: never spawnSync). */
function cli(args: readonly string[]): { proc: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) => proc.once('exit', (code) => r({ code, stdout, stderr })));
  return { proc, done };
}

async function scanInProcess(args: readonly string[]) {
  const stderr = new PassThrough();
  let early = '';
  stderr.on('data', (c: Buffer) => (early += c.toString()));
  const r = await runScanCommand(args, { stdin: new PassThrough(), stdout: new PassThrough(), stderr, onStop: () => () => {} });
  return { ...r, stderr: early + r.stderr };
}

describe('scan on Redis: the BullMQ queue and the shared answer store', function () {
  this.timeout(180_000);
  let redis: TestRedis | undefined;
  let world: TestWorld;
  let dir: string;
  let net: string[];
  let domains: readonly ScanWorldDomain[];
  let spy: Redis;
  const children: ChildProcess[] = [];

  before(async function () {
    redis = await startRedis();
    if (!redis) {
      console.log('    (skipped: redis-server is not installed; .ci/system-deps.sh installs it)');
      this.skip();
    }
    const plan = scanWorldSpec(24);
    domains = plan.domains;
    ({ world, dir, net } = await cliWorld(plan.spec, { prefix: 'dane-verify-queue-' }));
    spy = new Redis(redis!.url, { lazyConnect: true });
    await spy.connect();
    writeFileSync(join(dir, 'list'), domains.map((d) => d.name).join('\n') + `\n${domains[0]!.name.toUpperCase()}\n`);
    writeFileSync(join(dir, 'secret'), 'a fleet secret of more than thirty-two octets\n');
    writeFileSync(join(dir, 'other-secret'), 'another secret, also more than thirty-two octets\n');
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await spy?.quit().catch(() => undefined);
    redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  it('three workers, one killed mid-scan: every domain reported exactly once, with its verdict', async () => {
    const queue = ['--queue', redis!.url, '--queue-name', 'kill-test'];
    // Slow checks (15 queries a second per worker) and a short lock, so the killed worker dies
    // holding jobs and BullMQ gives them to the others within seconds.
    const workers = [0, 1, 2].map(() => cli(['worker', ...queue, ...net.filter((_, i) => net[i - 1] !== '--port' && net[i] !== '--port'), '--concurrency', '2', '--rate', '15', '--lock-ms', '1500']));
    children.push(...workers.map((w) => w.proc));
    const out = join(dir, 'queue.jsonl');
    const producer = scanInProcess([join(dir, 'list'), ...queue, '--out', out, '--port', String(world.mailPort)]);
    const finished = resultKeys('kill-test').finished;
    for (let i = 0; (await spy.llen(finished)) < 3; i++) {
      if (i > 600) throw new Error('no results from the workers');
      await new Promise((r) => setTimeout(r, 50));
    }
    workers[0]!.proc.kill('SIGKILL');
    const r = await producer;
    expect(r.exitCode, r.stderr + r.stdout).to.equal(0);
    expect(r.stderr).to.match(/24 jobs added to queue kill-test/);
    const lines = readLines(out);
    expect(lines.map((l) => l.domain).sort()).to.deep.equal(domains.map((d) => d.name).sort());
    for (const l of lines) expect(l.exitCode, l.domain).to.equal(SCAN_WORLD_EXPECTED[domains.find((d) => d.name === l.domain)!.kind][0]);
    expect(await spy.llen(finished)).to.equal(24);
    for (const w of workers.slice(1)) w.proc.kill('SIGTERM');
    const stops = await Promise.all(workers.slice(1).map((w) => w.done));
    for (const s of stops) {
      expect(s.code, s.stderr).to.equal(0);
      expect(s.stdout).to.match(/^worker: \d+ domains checked and recorded/);
    }

    // Another producer on the same queue: every result is there already, nothing is queued again.
    const out2 = join(dir, 'queue-again.jsonl');
    const again = await scanInProcess([join(dir, 'list'), ...queue, '--out', out2]);
    expect(again.exitCode).to.equal(0);
    expect(again.stderr).to.match(/0 jobs added to queue kill-test \(24 domains already had a result there\)/);
    expect(readLines(out2)).to.have.length(24);
  });

  it('--redis: a second scan process takes the first one\'s proven answers; one with another secret refuses them', async () => {
    const list = join(dir, 'six');
    writeFileSync(list, domains.slice(0, 6).map((d) => d.name).join('\n') + '\n');
    const shared = ['--redis', redis!.url, '--redis-secret-file', join(dir, 'secret'), '--no-connect', '--json'];
    const queries = () => world.server.stats.udp + world.server.stats.tcp;
    type Summary = { done: number; store: { hits: number; rejected: number; errors: number } };
    const run = async (name: string, extra: string[]) => {
      const before = queries();
      const r = await cli(['scan', list, ...net, '--out', join(dir, name), ...extra]).done;
      expect(r.code, r.stderr).to.equal(0);
      return { summary: JSON.parse(r.stdout) as Summary, queries: queries() - before };
    };
    const a = await run('a.jsonl', shared);
    expect(a.summary.store.hits).to.equal(0);
    const b = await run('b.jsonl', shared);
    expect(b.summary.store.hits).to.be.greaterThan(10);
    expect(b.queries).to.be.below(a.queries / 2);
    expect(readLines(join(dir, 'b.jsonl')).map((l) => [l.domain, l.exitCode]).sort()).to.deep.equal(readLines(join(dir, 'a.jsonl')).map((l) => [l.domain, l.exitCode]).sort());
    const c = await run('c.jsonl', ['--redis', redis!.url, '--redis-secret-file', join(dir, 'other-secret'), '--no-connect', '--json']);
    expect(c.summary.store.hits).to.equal(0);
    expect(c.summary.store.rejected).to.be.greaterThan(10);
    expect(c.queries).to.be.at.least(a.queries * 0.8);
  });

  it('policies shared through Redis: a resolver on another connection takes the policy without a DNS query', async () => {
    const { createDaneResolver } = await import('../../src/dane/dane-resolver.ts');
    const { redisAnswerStore } = await import('../../src/dnssec/redis-answer-store.ts');
    const { redisLike } = await import('../../src/scan/redis-connection.ts');
    const make = async () => {
      const c = new Redis(redis!.url, { lazyConnect: true });
      await c.connect();
      const r = createDaneResolver({ resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, answerStore: { store: redisAnswerStore(redisLike(c)), secret: 'a policy secret of at least thirty-two octets', timeoutMs: 2000 }, sharePolicies: true });
      return { r, close: async () => { r.close(); await c.quit(); } };
    };
    const a = await make();
    const b = await make();
    try {
      const d = domains.find((x) => x.kind === 'cname')!.name;
      const pa = await a.r.policy(d, { port: world.mailPort });
      let keys: string[] = [];
      for (let i = 0; i < 50 && keys.length === 0; i++) {
        keys = await spy.keys(`dane-verify:p1:*:${d}`);
        if (keys.length === 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(keys).to.have.length(1);
      const ttl = await spy.ttl(keys[0]!);
      expect(ttl).to.be.within(1, pa.expiresAt! - Math.floor(Date.now() / 1000) + 1);
      const before = world.server.stats.udp + world.server.stats.tcp;
      const pb = await b.r.policy(d, { port: world.mailPort });
      expect(world.server.stats.udp + world.server.stats.tcp - before, 'queries').to.equal(0);
      expect(pb.hosts.map((h) => [h.host, h.policy, h.tlsaBase])).to.deep.equal(pa.hosts.map((h) => [h.host, h.policy, h.tlsaBase]));
      expect(b.r.stats().policies!.hits).to.equal(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('usage errors: --redis without its secret, a short secret, a Redis that is not there, a bad queue name', async () => {
    writeFileSync(join(dir, 'short'), 'too short\n');
    const list = join(dir, 'list');
    const cases: [string[], RegExp][] = [
      [['--redis', redis!.url], /--redis and --redis-secret-file go together/],
      [['--redis', redis!.url, '--redis-secret-file', join(dir, 'short')], /the secret has 9 octets, at least 32/],
      [['--redis', 'http://127.0.0.1/', '--redis-secret-file', join(dir, 'secret')], /redis:\/\/ or rediss:\/\//],
      [['--redis', 'redis://127.0.0.1:9/0', '--redis-secret-file', join(dir, 'secret')], /cannot reach Redis/],
      [['--queue', redis!.url, '--queue-name', 'a b'], /--queue-name expects/],
    ];
    for (const [extra, want] of cases) {
      const r = await scanInProcess([list, ...net, ...extra]);
      expect(r.exitCode, extra.join(' ')).to.equal(64);
      expect(r.stderr).to.match(want);
    }
  });
});
