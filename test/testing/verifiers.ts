/**
 * Independent verifiers for the signer's output: NLnet Labs ldns (`ldns-verify-zone`, Debian
 * ldnsutils) and ISC BIND (`dnssec-verify`, Debian bind9-utils). Each zone is written with
 * formatRR to a temporary directory and checked there. A missing tool fails the test with the
 * package to install; it never skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRR } from '../../src/dns/presentation.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import type { SignedZone } from '../../src/testing/zone-signer.ts';
import { bindToolEnv } from '../support/bind-env.ts';

/** Generous bound for one verifier run (RSA zones with hundreds of signatures take well under a second). */
const VERIFIER_TIMEOUT_MS = 30_000;

export interface VerifierResult {
  ok: boolean;
  status: number | null;
  output: string;
}

function run(cmd: string, args: string[], pkg: string): VerifierResult {
  const env = cmd.startsWith('dnssec-') ? bindToolEnv() : process.env;
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: VERIFIER_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${cmd} is not installed: install Debian package ${pkg} (.ci/system-deps.sh does)`);
  }
  if (r.error) throw r.error;
  return { ok: r.status === 0, status: r.status, output: `${r.stdout}${r.stderr}` };
}

function withZoneFile<T>(zone: SignedZone, extra: Record<string, readonly ResourceRecord[]>, f: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'dane-verify-zone-'));
  try {
    const file = join(dir, 'zone.db');
    writeFileSync(file, zone.records.map(formatRR).join('\n') + '\n');
    for (const [name, rrs] of Object.entries(extra)) writeFileSync(join(dir, name), rrs.map(formatRR).join('\n') + '\n');
    return f(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RRSIG time for ldns-verify-zone's `-t`: YYYYMMDDhhmmss in UTC. */
function ldnsTime(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * `ldns-verify-zone -t <now>`: every signature, the NSEC/NSEC3 chain. With `anchor`, the apex
 * DNSKEY RRset must also be signed by a key that one of these DS records names (`-k`).
 */
export function ldnsVerifyZone(zone: SignedZone, now: Date, anchor?: readonly ResourceRecord[]): VerifierResult {
  return withZoneFile(zone, anchor ? { 'anchor.key': anchor } : {}, (dir, file) =>
    run('ldns-verify-zone', ['-t', ldnsTime(now), ...(anchor ? ['-k', join(dir, 'anchor.key')] : []), file], 'ldnsutils'),
  );
}

/**
 * `dnssec-verify -o <origin>`: signatures (against the real clock: it has no time option), the
 * NSEC/NSEC3 chain including bitmaps, and that every algorithm signs everything.
 */
export function bindVerifyZone(zone: SignedZone): VerifierResult {
  return withZoneFile(zone, {}, (_dir, file) => run('dnssec-verify', ['-q', '-o', zone.origin.toString(), file], 'bind9-utils'));
}
