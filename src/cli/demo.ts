/**
 * `dane-verify demo` (and `npm run demo`): the main job on a built-in default. Starts a local
 * signed DNS world with STARTTLS mail servers on loopback and runs `dane-verify <domain>` against
 * four of its domains: a pass, a TLSA mismatch, a bogus (corrupted signature) zone and an unsigned
 * one. Exits 0 when each verdict is the one expected, 1 otherwise.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestWorld } from '../testing/world.ts';
import { runCheckCommand } from './check-command.ts';
import type { CommandOutput } from './tlsa-command.ts';

const CASES = [
  { domain: 'pass.example.', expect: 0, what: 'a valid DANE-EE 3 1 1 record' },
  { domain: 'mismatch.example.', expect: 1, what: 'a TLSA record that matches no presented key' },
  { domain: 'bogus.example.', expect: 1, what: 'a zone whose TLSA signature is corrupted' },
  { domain: 'unsigned.example.', expect: 2, what: 'an unsigned zone: no DANE' },
] as const;

/** `demo --help`. */
export const DEMO_USAGE = 'usage: dane-verify demo [--json]\n  runs the checks against a built-in local test world (signed zones and mail servers on 127.0.0.0/8) and prints four verdicts\n';

export async function runDemoCommand(args: readonly string[]): Promise<CommandOutput> {
  // `demo --help` used to run the demo; anything but --json is a usage error.
  if (args.includes('--help') || args.includes('-h')) return { exitCode: 0, stdout: DEMO_USAGE, stderr: '' };
  const unknown = args.find((a) => a !== '--json');
  if (unknown !== undefined) return { exitCode: 64, stdout: '', stderr: `dane-verify demo: unknown argument ${JSON.stringify(unknown)}\n${DEMO_USAGE}` };
  const json = args.includes('--json');
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
    let out = json ? '' : `A private signed DNS world runs at ${world.resolver} with mail servers on port ${world.mailPort}.\n`;
    let ok = true;
    const results: unknown[] = [];
    for (const c of CASES) {
      const r = await runCheckCommand([c.domain, '--resolver', world.resolver, '--trust-anchor', anchorFile, '--port', String(world.mailPort), '--timeout', '5000', ...(json ? ['--json'] : [])]);
      ok &&= r.exitCode === c.expect;
      if (json) results.push({ domain: c.domain, expectedExit: c.expect, exit: r.exitCode, result: JSON.parse(r.stdout || 'null') });
      else out += `\n$ dane-verify ${c.domain}    # ${c.what}\n${r.stdout}${r.stderr}(exit ${r.exitCode}, expected ${c.expect})\n`;
    }
    if (json) out = JSON.stringify(results, null, 2) + '\n';
    else out += ok ? '\nAll four verdicts are as expected.\n' : '\nUNEXPECTED: a verdict differs from the expected one.\n';
    return { exitCode: ok ? 0 : 1, stdout: out, stderr: '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await world.close();
  }
}
