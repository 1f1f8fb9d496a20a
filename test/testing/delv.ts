/**
 * BIND's `delv` (Debian bind9-dnsutils) as an independent validator of the test world: it asks
 * the world's server, validates from the world's trust anchor, and says what it concluded.
 * Runs asynchronously: the world's server lives in this process and must keep answering.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../src/dns/encoding.ts';
import type { TestWorld } from '../../src/testing/world.ts';
import { bindToolEnv } from '../support/bind-env.ts';

/** Bound on one delv run; a lookup in the world takes milliseconds, a SERVFAIL a few retries. */
const DELV_TIMEOUT_MS = 20_000;

/** What delv concluded. */
export type DelvVerdict = 'secure' | 'secure-negative' | 'insecure' | 'insecure-negative' | 'failed';

export interface DelvResult {
  verdict: DelvVerdict;
  output: string;
}

/** Writes the world's root DS records as a delv anchor file (BIND `trust-anchors` static-ds syntax). */
export function writeDelvAnchors(world: TestWorld): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dane-verify-delv-'));
  const file = join(dir, 'anchors.conf');
  const lines = world.trustAnchors.records.map((d) => `  . static-ds ${d.data.keyTag} ${d.data.algorithm} ${d.data.digestType} "${toHex(d.data.digest)}";`);
  writeFileSync(file, `trust-anchors {\n${lines.join('\n')}\n};\n`);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `delv @127.0.0.1 -p PORT -a anchors +root=. name type`, classified. */
export function delv(world: TestWorld, anchorFile: string, name: string, type: string): Promise<DelvResult> {
  const [host, port] = world.resolver.split(':') as [string, string];
  return new Promise((resolve, reject) => {
    execFile('delv', [`@${host}`, '-p', port, '-a', anchorFile, '+root=.', name, type], { env: bindToolEnv(), timeout: DELV_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error('delv is not installed: install Debian package bind9-dnsutils (.ci/system-deps.sh does)'));
        return;
      }
      const output = `${stdout}${stderr}`;
      let verdict: DelvVerdict = 'failed';
      if (/^; negative response, fully validated/m.test(output)) verdict = 'secure-negative';
      else if (/^; fully validated/m.test(output)) verdict = 'secure';
      else if (/^; negative response, unsigned answer/m.test(output)) verdict = 'insecure-negative';
      else if (/^; unsigned answer/m.test(output)) verdict = 'insecure';
      resolve({ verdict, output });
    });
  });
}
