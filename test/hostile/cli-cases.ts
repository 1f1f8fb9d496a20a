/**
 * Hostile local input: files named on the command line that never end, are huge, are not files,
 * or hold too much; too many options; control characters in argv. Each is a usage error (exit 64;
 * 66 for `tlsa --cert`) in one line that names the bound, read without growing the process.
 */
import { execFileSync } from 'node:child_process';
import type { CaseSetup, HostileCase } from './kit.ts';

const ESC = '\u001b';
/** A DS line for the root, with a digest of `hexLength` hex digits. */
const dsLine = (tag: number, hexLength: number) => `. 3600 IN DS ${tag} 13 2 ${'a'.repeat(hexLength)}\n`;

function argsOnly(args: readonly string[]): CaseSetup {
  return { args, close: async () => {} };
}

function cliCase(id: string, title: string, says: RegExp, setup: HostileCase['setup'], exitCode = 64): HostileCase {
  return { id, area: 'cli', title, expect: { exitCode, says, never: /\u001b/ }, withinMs: 2_000, setup };
}

export const CLI_CASES: readonly HostileCase[] = [
  // tlsa says EX_NOINPUT (66) for a certificate it cannot read (tlsa-command.ts).
  cliCase('cli-cert-dev-zero', 'tlsa --cert /dev/zero', /not a regular file/, async () => argsOnly(['tlsa', '--cert', '/dev/zero']), 66),
  cliCase('cli-anchor-dev-zero', '--trust-anchor /dev/zero', /not a regular file/, async () => argsOnly(['example.com', '--no-connect', '--trust-anchor', '/dev/zero'])),
  cliCase('cli-rollover-dev-zero', 'rollover --next /dev/zero', /not a regular file/, async () => argsOnly(['rollover', 'mx.example.com', '--next', '/dev/zero'])),
  cliCase('cli-anchor-fifo', '--trust-anchor names a FIFO no one writes to', /not a regular file/, async (ctx) => {
    const fifo = `${ctx.dir}/anchors.fifo`;
    execFileSync('mkfifo', [fifo]);
    return argsOnly(['example.com', '--no-connect', '--trust-anchor', fifo]);
  }),
  cliCase('cli-anchor-17mb', '--trust-anchor file of 200,000 DS lines (17 MB)', /17000000 octets, more than the 1048576/, async (ctx) =>
    argsOnly(['example.com', '--no-connect', '--trust-anchor', ctx.file('big.txt', dsLine(1, 64).repeat(200_000))])),
  cliCase('cli-anchor-257', '--trust-anchor file of 257 DS lines', /more than 256 trust anchors/, async (ctx) =>
    argsOnly(['example.com', '--no-connect', '--trust-anchor', ctx.file('many.txt', Array.from({ length: 257 }, (_, i) => dsLine(i, 64)).join(''))])),
  cliCase('cli-anchor-long-digest', 'a DS line whose SHA-256 digest is 500,000 hex digits', /digest/, async (ctx) =>
    argsOnly(['example.com', '--no-connect', '--trust-anchor', ctx.file('long.txt', dsLine(1, 500_000))])),
  cliCase('cli-17-resolvers', '17 --resolver options', /at most 16/, async () =>
    argsOnly(['example.com', '--no-connect', ...Array.from({ length: 17 }, (_, i) => ['--resolver', `127.0.0.${i + 1}`]).flat()])),
  cliCase('cli-argv-escapes', 'a domain argument with terminal escapes (clear screen, set title)', /\\x1b|\\u001b|\\e/i, async () =>
    argsOnly([`ex${ESC}[2J${ESC}]0;pwned\u0007ample..com`, '--no-connect'])),
];
