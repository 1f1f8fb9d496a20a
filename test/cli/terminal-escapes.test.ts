/**
 * Control characters from the network or argv never reach the terminal raw (issue #12, item 4):
 * a hostile SMTP server's reply text could clear the screen and redraw the verdict line.
 */
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import type { TestWorld } from '../../src/testing/world.ts';
import { cliWorld } from '../support/cli-world.ts';
import { runCli } from '../../src/cli/run.ts';
import { terminalSafe } from '../../src/cli/terminal-text.ts';

const HOSTILE = 'mx\u001b]0;pwned\u0007\u001b[2J\u001b[H\u001b[32mAUTHENTICATED\r\u202e';
// Anything a terminal acts on: C0 controls but tab and newline, DEL, C1, bidi overrides.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('dane-verify CLI: no raw control characters on the terminal', function () {
  this.timeout(60_000);
  let world: TestWorld;
  let dir: string;
  let net: string[];

  before(async () => {
    ({ world, dir, net } = await cliWorld({
      zones: { 'example.': {}, 'evil.example.': { records: ['@ MX 10 mx'] } },
      mailServers: { 'mx.evil.example.': { mode: 'reject-greeting', hostname: HOSTILE } },
    }, { prefix: 'dane-verify-cli-escape-' }));
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  it('escapes C0, C1, DEL and bidi controls, keeping tab, newline and other text', () => {
    expect(terminalSafe('a\tb\nc\u001b[2J\u0007\r\u007f\u009b\u202e\u00e9\u65e5')).to.equal('a\tb\nc\\x1b[2J\\x07\\x0d\\x7f\\x9b\\u202e\u00e9\u65e5');
  });

  it('shows a hostile server\'s reply escaped in text output, with -v (transcript) too', async () => {
    for (const extra of [[], ['-v']]) {
      const r = await runCli(['evil.example.', ...net, ...extra]);
      expect(r.exitCode, r.stdout + r.stderr).to.not.equal(0);
      expect(r.stdout).to.not.match(RAW);
      expect(r.stdout).to.contain('\\x1b]0;pwned\\x07\\x1b[2J');
    }
  });

  it('with colours on (a terminal), the hostile reply is still escaped: the only raw escapes are our colours', async () => {
    const r = await runCli(['evil.example.', ...net, '-v'], { colour: true });
    expect(r.stdout).to.contain('\\x1b]0;pwned\\x07\\x1b[2J');
    const raw = r.stdout.match(/\x1b[^m]*m?/g) ?? [];
    expect(raw.length).to.be.greaterThan(0);
    for (const e of raw) expect(['\x1b[31m', '\x1b[32m', '\x1b[33m', '\x1b[0m'], JSON.stringify(e)).to.include(e);
  });

  it('keeps JSON output exact (JSON escapes C0 itself; the reply text round-trips)', async () => {
    const r = await runCli(['evil.example.', ...net, '--json']);
    expect(r.stdout).to.not.match(/[\u0000-\u0009\u000b-\u001f]/u);
    expect(JSON.stringify(JSON.parse(r.stdout))).to.contain('\\u001b]0;pwned');
  });

  it('escapes argv echoed in a usage error', async () => {
    const r = await runCli(['x.', '--port', '1\u001b[2J\u009b']);
    expect(r.exitCode).to.equal(64);
    expect(r.stderr).to.not.match(RAW);
  });
});
