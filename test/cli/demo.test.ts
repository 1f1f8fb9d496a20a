/**
 * `dane-verify demo` (issue #15 item 5): the four verdicts, with every printed command complete;
 * `--serve` keeps the world up and each command it prints works, copied as printed, until stopped.
 */
import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runCli } from '../../src/cli/run.ts';
import { cliInvocation, runDemoCommand } from '../../src/cli/demo.ts';

/** A command line run by sh, as a separate process. */
function runShell(line: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', line], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }));
  });
}

/** The argument words of a printed command line (the demo quotes nothing in these). */
function wordsAfterInvocation(line: string): string[] {
  const prefix = `${cliInvocation()} `;
  expect(line.startsWith(prefix), line).to.equal(true);
  return line.slice(prefix.length).split(' ');
}

describe('dane-verify demo', function () {
  this.timeout(120_000);

  it('prints the four verdicts as expected, each command with its --resolver, --trust-anchor and --port', async () => {
    const r = await runDemoCommand([]);
    expect(r.exitCode, r.stdout).to.equal(0);
    expect(r.stdout).to.contain('All four verdicts are as expected.');
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('$ '));
    expect(commands).to.have.length(4);
    for (const c of commands) expect(c).to.match(/ --resolver 127\.\S+ --trust-anchor \S+anchor\.ds --port \d+ /);
    expect(r.stdout).to.contain('demo --serve');
  });

  it('--serve: the printed commands work as printed while the world is up, and the world closes on stop', async () => {
    let written = '';
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let ended = false;
    const done = runDemoCommand(['--serve'], { write: (t) => (written += t), stopped }).finally(() => (ended = true));
    // Until the commands are printed; a demo that ended instead (or failed) is a failure, not a hang.
    while (!written.includes('stays up until Ctrl-C') && !ended) await new Promise((r) => setTimeout(r, 50));
    expect(ended, written).to.equal(false);
    await new Promise((r) => setTimeout(r, 50));
    const lines = written.split('\n').filter((l) => l.startsWith(cliInvocation()));
    expect(lines.length).to.equal(7);
    const exits: number[] = [];
    for (const line of lines) exits.push((await runCli(wordsAfterInvocation(line))).exitCode);
    // pass, mismatch, bogus, unsigned, mismatch -v, pass --json, resolve TLSA (secure).
    expect(exits).to.deep.equal([0, 1, 1, 2, 1, 0, 0]);
    // Copied into a shell as printed (the resolve line: no SMTP, so quick).
    // Asynchronously: the world's servers run on this process's event loop.
    const shell = await runShell(lines[6]!);
    expect(shell.status, shell.stderr).to.equal(0);
    expect(shell.stdout).to.match(/secure/);
    const anchor = /--trust-anchor (\S+)/.exec(lines[0]!)![1]!;
    expect(existsSync(anchor)).to.equal(true);

    stop();
    const r = await done;
    expect(r.exitCode).to.equal(0);
    expect(r.stdout).to.contain('closed');
    expect(existsSync(anchor), 'the anchor file goes with the world').to.equal(false);
    const after = await runCli([...wordsAfterInvocation(lines[6]!).filter((w) => w !== '-v'), '--timeout', '300']);
    expect(after.exitCode, 'nothing answers once the world is closed').to.not.equal(0);
  });

  it('--serve as a process: Ctrl-C (SIGINT) closes the world and the process exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo', '--serve'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 90_000;
    while (!out.includes('stays up until Ctrl-C') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).to.contain('stays up until Ctrl-C');
    child.kill('SIGINT');
    expect(await exit).to.equal(0);
    expect(out).to.contain('The demo world is closed.');
  });

  it('--json and --serve together are a usage error', async () => {
    const r = await runDemoCommand(['--json', '--serve']);
    expect(r.exitCode).to.equal(64);
  });
});
