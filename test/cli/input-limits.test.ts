/**
 * Local input read with limits (issue #12, items 3 and 5): files named on the command line are read
 * only when they are regular files, at most MAX_CLI_INPUT_BYTES of them; counts are checked before
 * work; every misuse is exit 64 (66 for `tlsa --cert`, "cannot open input") with one line, never a
 * stack trace, a hang, or a process grown to gigabytes.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.ts';
import { MAX_CLI_INPUT_BYTES } from '../../src/cli/input-file.ts';
import { MAX_UPSTREAMS } from '../../src/resolver/defaults.ts';

describe('dane-verify CLI: input files and counts with limits', function () {
  this.timeout(20_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dane-verify-cli-input-'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    writeFileSync(join(dir, 'big'), Buffer.alloc(MAX_CLI_INPUT_BYTES + 1, 0x20));
    writeFileSync(join(dir, 'ds-long'), `. IN DS 20326 8 2 ${'ab'.repeat(33)}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** `args` is a function: the paths exist only once `before` has run. */
  const usage = (args: () => string[], re: RegExp, exitCode = 64) => async () => {
    const r = await runCli(args());
    expect([r.exitCode, r.stdout], r.stderr).to.deep.equal([exitCode, '']);
    expect(r.stderr).to.match(re);
    expect(r.stderr).not.to.match(/\n\s+at |internal error/);
  };

  it(`refuses more than ${MAX_UPSTREAMS} --resolver options as a usage error (was exit 70 with a stack trace)`,
    usage(() => ['x.', ...Array.from({ length: MAX_UPSTREAMS + 1 }, (_, i) => ['--resolver', `127.0.0.${i + 1}`]).flat()], /at most 16 resolvers/));
  it('refuses --trust-anchor /dev/zero at once (it grew to ~600 MB before)', usage(() => ['resolve', 'x.', 'A', '--trust-anchor', '/dev/zero'], /--trust-anchor \/dev\/zero: not a regular file/));
  it('refuses a --trust-anchor FIFO without a writer at once (it hung forever)', usage(() => ['resolve', 'x.', 'A', '--trust-anchor', join(dir, 'fifo')], /not a regular file/));
  it('refuses a --trust-anchor file over the size limit', usage(() => ['resolve', 'x.', 'A', '--trust-anchor', join(dir, 'big')], /more than the 1048576 a file may have/));
  it('refuses a DS anchor whose digest is longer than its type\'s', usage(() => ['resolve', 'x.', 'A', '--trust-anchor', join(dir, 'ds-long')], /digest of 33 octets; digest type 2 has 32/));
  it('refuses rollover --next /dev/zero', usage(() => ['rollover', 'mx.example.', '--next', '/dev/zero'], /--next \/dev\/zero: not a regular file/));
  it('refuses tlsa --cert /dev/zero (it grew past 1.5 GB) with exit 66', usage(() => ['tlsa', '--cert', '/dev/zero', '--host', 'mx.example.'], /--cert \/dev\/zero: not a regular file/, 66));
  it('refuses tlsa --cert over the size limit with exit 66', usage(() => ['tlsa', '--cert', join(dir, 'big'), '--host', 'mx.example.'], /more than the 1048576/, 66));
});
