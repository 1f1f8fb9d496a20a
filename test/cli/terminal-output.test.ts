/**
 * The CLI on a terminal (issue #15 item 7): colours for verdicts under the NO_COLOR / FORCE_COLOR
 * rules, a status line on stderr while a step is slow, and neither in --json nor for a stranger's
 * text; then the real binary on a pseudo-terminal (script(1)) and through a pipe.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { runCli } from '../../src/cli/run.ts';
import { colourWanted, type StatusOutput, type Terminal } from '../../src/cli/terminal.ts';
import { cliWorld, type CliWorld } from '../support/cli-world.ts';
import { buildDist } from '../support/build-dist.ts';

const ESC = '\x1b';
const GREEN = `${ESC}[32m`;
const RED = `${ESC}[31m`;

/** A status output that keeps what was written. */
function recorder(): StatusOutput & { text: string } {
  const r = { text: '', columns: 100, write: (t: string) => void (r.text += t) };
  return r;
}

describe('CLI on a terminal: colours and the status line', function () {
  this.timeout(120_000);
  let w: CliWorld;

  before(async () => {
    w = await cliWorld({
      zones: {
        'example.': {},
        'pass.example.': { records: ['@ MX 10 mx'] },
        'mismatch.example.': { records: ['@ MX 10 mx'] },
        'slow.example.': { records: ['@ MX 10 mx'] },
        'silent.example.': { records: ['@ MX 10 mx'] },
      },
      mailServers: {
        'mx.pass.example.': {},
        'mx.mismatch.example.': { tlsa: ['3 1 1 ' + 'ab'.repeat(32)] },
        'mx.slow.example.': {},
        'mx.silent.example.': { mode: 'silent' },
      },
    });
  });
  after(async () => {
    await w.world.close();
    rmSync(w.dir, { recursive: true, force: true });
  });

  it('colour rules: FORCE_COLOR wins (even piped), then NO_COLOR, then a terminal that is not dumb', () => {
    expect(colourWanted(true, {})).to.equal(true);
    expect(colourWanted(false, {})).to.equal(false);
    expect(colourWanted(true, { TERM: 'dumb' })).to.equal(false);
    expect(colourWanted(true, { NO_COLOR: '1' })).to.equal(false);
    expect(colourWanted(true, { NO_COLOR: '' }), 'an empty NO_COLOR is not set').to.equal(true);
    expect(colourWanted(false, { FORCE_COLOR: '1' })).to.equal(true);
    expect(colourWanted(true, { FORCE_COLOR: '0' })).to.equal(false);
    expect(colourWanted(true, { FORCE_COLOR: 'false', NO_COLOR: '' })).to.equal(false);
    expect(colourWanted(false, { FORCE_COLOR: '', NO_COLOR: '1' }), 'FORCE_COLOR set, even empty, wins').to.equal(true);
  });

  it('colours the verdict and outcomes: green for authenticated, red for a failure and the record that did not match', async () => {
    const colour: Terminal = { colour: true };
    const pass = await runCli(['pass.example.', ...w.net], colour);
    expect(pass.exitCode).to.equal(0);
    expect(pass.stdout.split('\n')[0]).to.equal(`pass.example.: ${GREEN}DANE authenticated: every MX host passed${ESC}[0m`);
    expect(pass.stdout).to.contain(`${GREEN}AUTHENTICATED${ESC}[0m`);
    const bad = await runCli(['mismatch.example.', ...w.net], colour);
    expect(bad.exitCode).to.equal(1);
    expect(bad.stdout.split('\n')[0]).to.contain(`${RED}DANE FAILED`);
    expect(bad.stdout).to.contain(`${RED}FAILED${ESC}[0m`);
    expect(bad.stdout).to.contain(`${RED}no match${ESC}[0m`);
    // The same without colour: not one escape, same words.
    const plain = await runCli(['mismatch.example.', ...w.net]);
    expect(plain.stdout).to.not.contain(ESC);
    expect(bad.stdout.replace(/\x1b\[\d+m/g, '')).to.equal(plain.stdout);
  });

  it('never colours --json, and resolve colours only its status line', async () => {
    const colour: Terminal = { colour: true, status: recorder() };
    const json = await runCli(['pass.example.', ...w.net, '--json'], colour);
    expect(json.stdout).to.not.contain(ESC);
    expect(JSON.parse(json.stdout).exitCode).to.equal(0);
    const resolve = await runCli(['resolve', 'mx.pass.example.', 'A', ...w.net.filter((_, i, a) => a[i - 1] !== '--port' && _ !== '--port')], colour);
    expect(resolve.exitCode, resolve.stderr).to.equal(0);
    const lines = resolve.stdout.split('\n');
    expect(lines[0]).to.match(/^\x1b\[32m; fully validated/);
    expect(lines.slice(1).join('\n')).to.not.contain(ESC);
  });

  it('with colour, the only escapes in the output are the colours and resets we add', async () => {
    // Every raw ESC in the output is one of ours (SGR colour or reset); the escaping of a
    // stranger's text itself is test/cli/terminal-escapes.test.ts's.
    const r = await runCli(['mismatch.example.', ...w.net, '-v'], { colour: true });
    const raw = r.stdout.match(/\x1b\[[0-9;]*[A-Za-z]?/g) ?? [];
    expect(raw.length).to.be.greaterThan(0);
    for (const e of raw) expect(['\x1b[31m', '\x1b[32m', '\x1b[33m', '\x1b[0m']).to.include(e);
  });

  it('shows what a slow DNS answer is waited for, then erases the line; nothing for --json', async () => {
    const slowName = (q: { questions: readonly { name: { toString(): string } }[] }) => q.questions.some((x) => /^_\d+\._tcp\.mx\.slow\.example\.$/.test(x.name.toString().toLowerCase()));
    w.world.server.addFault({ fault: { kind: 'delay', ms: 1600 }, match: slowName as never, times: 1 });
    const status = recorder();
    const r = await runCli(['slow.example.', ...w.net], { colour: false, status });
    expect(r.exitCode, r.stdout).to.equal(0);
    expect(status.text).to.match(/waiting \d+\.\d s for the DNS answer for _\d+\._tcp\.mx\.slow\.example\. TLSA/);
    expect(status.text.endsWith('\r\x1b[2K'), 'the line is erased at the end').to.equal(true);
    expect(r.stdout).to.not.contain('waiting');

    w.world.server.addFault({ fault: { kind: 'delay', ms: 1600 }, match: slowName as never, times: 1 });
    const quiet = recorder();
    await runCli(['slow.example.', ...w.net, '--json'], { colour: false, status: quiet });
    expect(quiet.text).to.equal('');
  });

  it('shows a silent SMTP server by name and address while it is waited for', async () => {
    const status = recorder();
    const r = await runCli(['silent.example.', ...w.net.map((a) => (a === '5000' ? '1500' : a))], { colour: false, status });
    expect(r.exitCode).to.equal(3);
    expect(status.text).to.match(/waiting \d+\.\d s for the SMTP server mx\.silent\.example\.? at 127\.[\d.]+:\d+/);
  });

  it('the real binary: colours on a pseudo-terminal, none through a pipe, none with NO_COLOR', async () => {
    buildDist();
    const cmd = ['node', 'dist/cli/main.js', 'pass.example.', ...w.net].join(' ');
    const run = (file: string, args: string[], env: NodeJS.ProcessEnv) => new Promise<string>((resolve) => {
      // Asynchronously: the world's servers run on this process's event loop.
      execFile(file, args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, TERM: 'xterm', ...env }, timeout: 60_000 }, (_e, stdout) => resolve(stdout));
    });
    const tty = await run('script', ['-qec', cmd, '/dev/null'], {});
    expect(tty).to.contain(`${GREEN}DANE authenticated`);
    const piped = await run('sh', ['-c', cmd], {});
    expect(piped).to.contain('DANE authenticated');
    expect(piped).to.not.contain(ESC);
    const noColour = await run('script', ['-qec', cmd, '/dev/null'], { NO_COLOR: '1' });
    expect(noColour).to.contain('DANE authenticated');
    expect(noColour).to.not.contain(GREEN);
  });
});
