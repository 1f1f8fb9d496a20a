/**
 * `dane-verify demo` (and `npm run demo`): the main job on a built-in default. Starts a local
 * signed DNS world with STARTTLS mail servers on loopback and runs `dane-verify <domain>` against
 * four of its domains: a pass, a TLSA mismatch, a bogus (corrupted signature) zone and an unsigned
 * one. Exits 0 when each verdict is the one expected, 1 otherwise.
 *
 * `demo --serve` keeps the world up after the four checks and prints the commands to try by hand,
 * each with every flag it needs (resolver, trust anchor file, port), until Ctrl-C (issue #15 item
 * 5): the trust anchor file lives as long as the world.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestWorld, type TestWorld } from '../testing/world.ts';
import { packageFile, runningFromSource } from '../package-files.ts';
import { runCheckCommand } from './check-command.ts';
import type { CommandOutput } from './tlsa-command.ts';

const CASES = [
  { domain: 'pass.example.', expect: 0, what: 'a valid DANE-EE 3 1 1 record' },
  { domain: 'mismatch.example.', expect: 1, what: 'a TLSA record that matches no presented key' },
  { domain: 'bogus.example.', expect: 1, what: 'a zone whose TLSA signature is corrupted' },
  { domain: 'unsigned.example.', expect: 2, what: 'an unsigned zone: no DANE' },
] as const;

/** `demo --help`. */
export const DEMO_USAGE = `usage: dane-verify demo [--json | --serve]
  runs the checks against a built-in local test world (signed zones and mail servers on
  127.0.0.0/8) and prints four verdicts
  --json    the four results as JSON
  --serve   keep the world up afterwards and print the commands to try by hand, until Ctrl-C
`;

/** Where `demo --serve` writes and what tells it to stop; the CLI's are stdout and SIGINT/SIGTERM. */
export interface DemoIo {
  readonly write: (text: string) => void;
  /** Resolves when the served world should close. */
  readonly stopped: Promise<void>;
}

/** The process's own: stdout, and the first SIGINT or SIGTERM (the handlers are removed after). */
function processIo(): DemoIo {
  return {
    write: (text) => void process.stdout.write(text),
    stopped: new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
  };
}

/** How to run this very CLI from a shell: the built file with node, or the source under tsx. */
export function cliInvocation(): string {
  return runningFromSource() ? `npx tsx ${quoteArg(packageFile('src', 'cli', 'main.ts'))}` : `node ${quoteArg(packageFile('dist', 'cli', 'main.js'))}`;
}

/** A shell word (POSIX sh): as is when safe, else in single quotes. */
function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The flags that point a command at the demo world. */
function worldFlags(world: TestWorld, anchorFile: string, smtp: boolean): string[] {
  return ['--resolver', world.resolver, '--trust-anchor', anchorFile, ...(smtp ? ['--port', String(world.mailPort)] : [])];
}

/** The commands `--serve` offers, each complete. */
export function serveCommands(world: TestWorld, anchorFile: string): { what: string; args: string[] }[] {
  const check = (domain: string, ...more: string[]) => [domain, ...worldFlags(world, anchorFile, true), ...more];
  return [
    ...CASES.map((c) => ({ what: c.what, args: check(c.domain) })),
    { what: 'the same, with the chain of trust and the SMTP transcript', args: check('mismatch.example.', '-v') },
    { what: 'the same as JSON', args: check('pass.example.', '--json') },
    { what: 'a validated lookup, like delv', args: ['resolve', '_25._tcp.mx.pass.example.', 'TLSA', ...worldFlags(world, anchorFile, false), '-v'] },
  ];
}

export async function runDemoCommand(args: readonly string[], io?: DemoIo): Promise<CommandOutput> {
  // `demo --help` used to run the demo; anything but --json or --serve is a usage error.
  if (args.includes('--help') || args.includes('-h')) return { exitCode: 0, stdout: DEMO_USAGE, stderr: '' };
  const unknown = args.find((a) => a !== '--json' && a !== '--serve');
  if (unknown !== undefined) return { exitCode: 64, stdout: '', stderr: `dane-verify demo: unknown argument ${JSON.stringify(unknown)}\n${DEMO_USAGE}` };
  const json = args.includes('--json');
  const serve = args.includes('--serve');
  if (json && serve) return { exitCode: 64, stdout: '', stderr: `dane-verify demo: --json and --serve do not go together\n${DEMO_USAGE}` };
  const world = await createTestWorld({
    zones: {
      'example.': {},
      'pass.example.': { records: ['@ MX 10 mx'] },
      'mismatch.example.': { records: ['@ MX 10 mx'] },
      'bogus.example.': { records: ['@ MX 10 mx'], break: [{ kind: 'corrupt-signature', type: 'TLSA' }] },
      'unsigned.example.': { unsigned: true, records: ['@ MX 10 mx'] },
    },
    mailServers: {
      'mx.pass.example.': {},
      'mx.mismatch.example.': { tlsa: ['3 1 1 ' + 'ab'.repeat(32)] },
      'mx.bogus.example.': {},
      'mx.unsigned.example.': { tlsa: [] },
    },
  });
  const dir = await mkdtemp(join(tmpdir(), 'dane-verify-demo-'));
  try {
    const anchorFile = join(dir, 'anchor.ds');
    await writeFile(anchorFile, world.trustAnchors.text);
    const cli = cliInvocation();
    let out = json ? '' : `A private signed DNS world runs at ${world.resolver} with mail servers on port ${world.mailPort}.\n`;
    let ok = true;
    const results: unknown[] = [];
    for (const c of CASES) {
      const checkArgs = [c.domain, ...worldFlags(world, anchorFile, true), '--timeout', '5000'];
      const r = await runCheckCommand([...checkArgs, ...(json ? ['--json'] : [])]);
      ok &&= r.exitCode === c.expect;
      if (json) results.push({ domain: c.domain, expectedExit: c.expect, exit: r.exitCode, result: JSON.parse(r.stdout || 'null') });
      else out += `\n# ${c.what}\n$ ${cli} ${checkArgs.map(quoteArg).join(' ')}\n${r.stdout}${r.stderr}(exit ${r.exitCode}, expected ${c.expect})\n`;
    }
    if (json) return { exitCode: ok ? 0 : 1, stdout: JSON.stringify(results, null, 2) + '\n', stderr: '' };
    out += ok ? '\nAll four verdicts are as expected.\n' : '\nUNEXPECTED: a verdict differs from the expected one.\n';
    if (!serve) return { exitCode: ok ? 0 : 1, stdout: out + '(`dane-verify demo --serve` keeps this world up to try the commands by hand.)\n', stderr: '' };
    const served = io ?? processIo();
    served.write(out);
    served.write(`\nThe world stays up until Ctrl-C. Try, from any shell on this machine:\n`);
    for (const c of serveCommands(world, anchorFile)) served.write(`\n# ${c.what}\n${cli} ${c.args.map(quoteArg).join(' ')}\n`);
    await served.stopped;
    return { exitCode: ok ? 0 : 1, stdout: '\nThe demo world is closed.\n', stderr: '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await world.close();
  }
}
