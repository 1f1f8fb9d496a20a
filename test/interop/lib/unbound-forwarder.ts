/**
 * Unbound 1.17 as a *forwarding* validator: every question goes to one upstream (our hostile test
 * DNS server), so Unbound sees exactly the answers, and the lies, that our stub resolver sees, and
 * validates them from the trust anchors given. One process per case: nothing cached by one lie
 * answers the next. Bound to 127.0.0.1 on a free port; stopped by `close()`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec.ts';
import { parseDig, type UnboundVerdict } from './unbound.ts';
import { freePort } from '../../support/free-port.ts';
import { startUnbound, stopUnbound, unboundServerLines } from '../../support/unbound.ts';

export interface ForwardingUnbound {
  /** Unbound's verdict on one lookup (dig +dnssec, CD=0: Unbound validates). */
  verdict(name: string, type: string): Promise<{ verdict: UnboundVerdict; output: string }>;
  close(): Promise<void>;
}

/**
 * Starts Unbound forwarding `.` to `upstream` (`127.0.0.1:PORT`), trusting `anchors` (DS or DNSKEY
 * records in presentation form, one per line).
 */
export async function startForwardingUnbound(upstream: string, anchors: string): Promise<ForwardingUnbound> {
  const dir = await mkdtemp(join(tmpdir(), 'dane-verify-unbound-fwd-'));
  const port = await freePort();
  const [host, upPort] = upstream.split(':');
  const conf = [
    'server:',
    `  interface: 127.0.0.1@${port}`,
    ...unboundServerLines(dir),
    '  do-not-query-localhost: no',
    '  module-config: "validator iterator"',
    '  ede: yes',
    '  qname-minimisation: no',
    '  aggressive-nsec: no',
    ...anchors.split('\n').filter((l) => l.trim()).map((l) => `  trust-anchor: "${l.trim()}"`),
    'forward-zone:',
    '  name: "."',
    `  forward-addr: ${host}@${upPort}`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'unbound.conf'), conf);
  const child = await startUnbound(join(dir, 'unbound.conf'));
  return {
    async verdict(name, type) {
      const { output } = await run('dig', ['+dnssec', '+time=5', '+tries=1', '-p', String(port), '@127.0.0.1', name, type]);
      return { verdict: parseDig(output), output };
    },
    async close() {
      await stopUnbound(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
