/**
 * `dane-verify scan` end to end on a generated test world (testing/scan-world.ts): every kind of
 * domain gets its verdict, one JSONL line per domain with the domain check's --json object,
 * duplicates and bad lines, --resume after a kill (a spawned CLI killed mid-scan, a torn last
 * line), SIGTERM stopping cleanly, the query rate limit, and the bounds on the options.
 */
import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { TestWorld } from '../../src/testing/world.ts';
import { scanWorldSpec, SCAN_WORLD_EXPECTED, type ScanWorldDomain } from '../../src/testing/scan-world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { runCli } from '../../src/cli/run.ts';
import { runScanCommand, type ScanIo } from '../../src/cli/scan-command.ts';

type Line = { schema: number; domain: string; domainUnicode?: string; exitCode: number; hosts: { outcome: string }[]; budget: unknown };

const readLines = (f: string): Line[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line) : []);
/** `dane-verify scan` in process, with what it writes on stderr as it goes (notes, progress) before what it returns. */
async function scan(args: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const stderr = new PassThrough();
  let early = '';
  stderr.on('data', (c: Buffer) => (early += c.toString()));
  const r = await runScanCommand(args, { stdin: new PassThrough(), stdout: new PassThrough(), stderr, onStop: () => () => {} });
  return { ...r, stderr: early + r.stderr };
}
const MAIN = join(import.meta.dirname, '../../src/cli/main.ts');

describe('dane-verify scan', function () {
  this.timeout(120_000);
  let world: TestWorld;
  let dir: string;
  let net: string[];
  let domains: readonly ScanWorldDomain[];
  let n = 0;
  const file = (name: string) => join(dir, `${name}-${++n}`);

  before(async () => {
    const plan = scanWorldSpec(24);
    domains = plan.domains;
    ({ world, dir, net } = await cliWorld({ ...plan.spec, zones: { ...plan.spec.zones, 'xn--mnchen-3ya.scan.': { records: ['@ MX 10 mx-ok.pool.scan.'] } } }, { prefix: 'dane-verify-scan-' }));
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  function list(extra: readonly string[] = []): string {
    const f = file('list');
    writeFileSync(f, ['# the scan world', ...domains.map((d) => d.name), ...extra, ''].join('\n'));
    return f;
  }

  it('checks every domain once: each kind its verdict, U-labels, duplicates and bad lines reported; exit 0', async () => {
    const out = file('out');
    const r = await scan([list(['', 'münchen.scan', 'XN--MNCHEN-3YA.scan.', 'D0.SCAN', 'postmaster@d0.scan', '[192.0.2.1]']), ...net, '--out', out, '--concurrency', '4']);
    expect(r.exitCode, r.stderr).to.equal(0);
    const lines = readLines(out);
    expect(lines).to.have.length(domains.length + 1);
    const byDomain = new Map(lines.map((l) => [l.domain.toLowerCase(), l]));
    for (const d of domains) expect(byDomain.get(d.name)?.exitCode, `${d.name} (${d.kind})`).to.equal(SCAN_WORLD_EXPECTED[d.kind][0]);
    expect(byDomain.get('xn--mnchen-3ya.scan.')).to.deep.include({ domainUnicode: 'münchen.scan.', exitCode: 0 });
    expect(r.stdout).to.match(/scan: 25 of 25 domains have a result, 2 duplicate lines, 2 bad lines/);
    expect(r.stdout).to.match(/outcomes: .*authenticated 9/);
    expect(r.stdout).to.match(/TLS-RPT result types: tlsa-invalid 4/);
    expect(r.stdout).to.match(/top failure reasons[^]*none of the 1 usable TLSA records matches/);
    expect(r.stderr).to.match(/line 30: .*mail address/);
    expect(r.stderr).to.match(/line 31: .*IP address/);
  });

  it('writes the object of dane-verify <domain> --json, one line per domain', async () => {
    const out = file('out');
    const d = domains.find((x) => x.kind === 'cname')!;
    const one = file('one');
    writeFileSync(one, `${d.name}\n`);
    expect((await runCli(['scan', one, ...net, '--out', out])).exitCode).to.equal(0);
    const [line] = readLines(out);
    const check = JSON.parse((await runCli([d.name, ...net, '--json'])).stdout) as Line;
    const { budget: _a, ...fromScan } = line!;
    const { budget: _b, ...fromCheck } = check;
    expect(fromScan).to.deep.equal(fromCheck);
    expect(readFileSync(out, 'utf8').split('\n')).to.have.length(2); // one line and its newline
  });

  it('--json: the summary is valid under schemas/scan-summary-v1.schema.json, and every result line under check-v1', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    const schema = (name: string) => JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
    const summary = ajv.compile(schema('scan-summary-v1.schema.json'));
    const check = ajv.compile(schema('check-v1.schema.json'));
    const out = file('out');
    const r = await runCli(['scan', list(), ...net, '--out', out, '--json']);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary(j), JSON.stringify(summary.errors, null, 2)).to.equal(true);
    expect(j).to.deep.include({ schema: 1, stopped: false, internalErrors: 0 });
    expect(j.done).to.equal(j.total);
    expect(j.domains).to.equal(readLines(out).length);
    for (const line of readLines(out)) expect(check(line), JSON.stringify(check.errors, null, 2)).to.equal(true);
    // A summary with a field it never has, or an outcome it never counts, is refused.
    expect(summary({ ...j, extra: 1 })).to.equal(false);
    expect(summary({ ...j, outcomes: { fine: 1 } })).to.equal(false);
  });

  it('--no-connect: the DNS policy only, each kind its policy verdict', async () => {
    const out = file('out');
    expect((await runCli(['scan', list(), ...net, '--out', out, '--no-connect'])).exitCode).to.equal(0);
    const byDomain = new Map(readLines(out).map((l) => [l.domain, l]));
    for (const d of domains) expect(byDomain.get(d.name)?.exitCode, d.kind).to.equal(SCAN_WORLD_EXPECTED[d.kind][1]);
  });

  it('without --out: JSONL on stdout as results finish, the summary on stderr; the list from stdin', async () => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const stdin = new PassThrough();
    stdin.end(`${domains[0]!.name}\n${domains[3]!.name}\n`);
    const io: ScanIo = { stdin, stdout, stderr: new PassThrough(), onStop: () => () => {} };
    const r = await runScanCommand(['-', ...net], io);
    expect(r.exitCode).to.equal(0);
    expect(r.stderr).to.match(/2 of 2 domains/);
    const lines = Buffer.concat(chunks).toString().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line);
    expect(lines.map((l) => l.domain).sort()).to.deep.equal([domains[0]!.name, domains[3]!.name]);
  });

  it('--resume after the CLI is killed mid-scan (and a torn last line): every domain exactly once', async () => {
    const out = file('out');
    const args = [MAIN, 'scan', list(), ...net, '--out', out, '--concurrency', '2', '--rate', '25'];
    // A rate of 25 queries a second makes the scan take seconds: it is killed after 3 lines.
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    for (let i = 0; readLines(out).length < 3; i++) {
      if (i > 600) throw new Error('no result lines from the scan');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await exited;
    const before = readLines(out);
    expect(before.length, 'killed before the end').to.be.below(domains.length);
    // What a kill during a write leaves: part of a line.
    const pending = domains.find((d) => !before.some((l) => l.domain === d.name))!;
    appendFileSync(out, `{"schema":1,"domain":"${pending.name}","exitCode":0,"conn`);
    const r = await scan([list(), ...net, '--out', out, '--resume']);
    expect(r.exitCode, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/cut off a torn last line/);
    expect(r.stdout).to.contain(`(${before.length} from before --resume)`);
    const lines = readLines(out);
    expect(lines.map((l) => l.domain).sort()).to.deep.equal(domains.map((d) => d.name).sort());
    for (const l of lines) expect(l.exitCode).to.equal(SCAN_WORLD_EXPECTED[domains.find((d) => d.name === l.domain)!.kind][0]);
    // A second resume has nothing left to do.
    const again = await runCli(['scan', list(), ...net, '--out', out, '--resume']);
    expect(again.exitCode).to.equal(0);
    expect(readLines(out)).to.have.length(domains.length);
  });

  it('SIGTERM stops the scan cleanly: exit 3, every line written whole, the summary says so', async () => {
    const out = file('out');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'scan', list(), ...net, '--out', out, '--concurrency', '2', '--rate', '25'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    for (let i = 0; readLines(out).length < 2; i++) {
      if (i > 600) throw new Error('no result lines from the scan');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGTERM');
    expect(await exited).to.equal(3);
    expect(readFileSync(out, 'utf8').endsWith('\n')).to.equal(true);
    const lines = readLines(out);
    expect(lines.length).to.be.below(domains.length);
    expect(stdout).to.match(new RegExp(`scan: ${lines.length} of ${domains.length} domains have a result; stopped: terminated \\(SIGTERM\\) \\(continue with --resume\\)`));
  });

  it('--rate bounds the queries a second sent to the resolver', async () => {
    const out = file('out');
    const before = world.server.stats.udp + world.server.stats.tcp;
    const t0 = performance.now();
    const r = await runCli(['scan', list(), ...net, '--out', out, '--no-connect', '--rate', '40']);
    const seconds = (performance.now() - t0) / 1000;
    expect(r.exitCode).to.equal(0);
    const queries = world.server.stats.udp + world.server.stats.tcp - before;
    expect(queries).to.be.greaterThan(40);
    // Slots are 25 ms apart: the first is free, each later one waits for its own.
    expect(queries - 1).to.be.at.most(40 * seconds + 1);
  });

  it('usage errors: bad bounds, --resume without --out, a result file without --resume, a list that is not a file', async () => {
    const l = list();
    const out = file('out');
    writeFileSync(out, '{"schema":1,"domain":"x.scan.","exitCode":0}\n');
    const cases: [string[], RegExp][] = [
      [['--concurrency', '0'], /--concurrency expects a whole number from 1 to 1024/],
      [['--concurrency', '1025'], /--concurrency expects a whole number from 1 to 1024/],
      [['--rate', '0'], /--rate expects/],
      [['--resume'], /--resume continues the scan in --out FILE/],
      [['--out', out], /already holds results: give --resume/],
      [['--out', dir, '--resume'], /not a regular file|EISDIR/],
    ];
    for (const [extra, want] of cases) {
      const r = await runCli(['scan', l, ...net, ...extra]);
      expect(r.exitCode, extra.join(' ')).to.equal(64);
      expect(r.stderr).to.match(want);
    }
    const r = await runCli(['scan', dir, ...net]);
    expect(r.exitCode).to.equal(64);
    expect(r.stderr).to.match(/not a regular file/);
    expect((await runCli(['scan', '--help'])).stdout).to.match(/Usage: dane-verify scan/);
  });
});
