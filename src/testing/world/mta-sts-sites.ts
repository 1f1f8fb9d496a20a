/**
 * The MTA-STS side of the test world: per policy domain, an HTTPS server for its policy
 * (mta-sts-server.ts) on its own loopback address (127.0.0.100, .101, ... or `ip`), all sharing
 * one port, with certificates from one private CA made at run time; and the records that publish
 * it: `mta-sts.<domain> A <address>` and `_mta-sts.<domain> TXT "v=STSv1; id=<id>"`.
 * A fetcher reaches them with `port` = the world's `mtaStsPort` and `ca` = `mtaStsCa.pem`.
 */
import { Name } from '../../dns/name.ts';
import type { TestCert } from '../certs.ts';
import { createMtaStsCa, startTestMtaStsServer, type MtaStsServerBreak, type TestMtaStsServer } from '../mta-sts-server.ts';
import { freeLoopbackPort, MAX_MAIL_PORT_TRIES } from './mail-servers.ts';

/** Loopback addresses handed to MTA-STS servers start here: 127.0.0.100, 127.0.0.101 ... */
export const FIRST_MTA_STS_HOST = 100;

/** One policy domain's MTA-STS publication. */
export interface MtaStsSiteSpec {
  /** The policy body (default: enforce, `mx: *.<domain>`, max_age 86400). */
  readonly policy?: string;
  /** The TXT record's id (default `1`); `record` replaces the whole text; `record: false` publishes none. */
  readonly id?: string;
  readonly record?: string | false;
  readonly break?: MtaStsServerBreak;
  readonly slowMs?: number;
  /** The server's address (default 127.0.0.<100 + index>). */
  readonly ip?: string;
}

/** A running site. */
export interface WorldMtaStsSite {
  /** The policy domain, absolute, lower-case (`example.`). */
  readonly domain: string;
  readonly server: TestMtaStsServer;
  /** The records published for it (presentation lines, absolute owners). */
  readonly records: readonly string[];
}

function recordsFor(domain: Name, spec: MtaStsSiteSpec, address: string): string[] {
  const d = domain.toString();
  const txt = spec.record === false ? [] : [`_mta-sts.${d} TXT "${spec.record ?? `v=STSv1; id=${spec.id ?? '1'}`}"`];
  return [`mta-sts.${d} ${address.includes(':') ? 'AAAA' : 'A'} ${address}`, ...txt];
}

/**
 * Starts a server per site on one shared port (probed free, retried on EADDRINUSE as the mail
 * servers are), all with certificates from `ca` (default: a new private CA).
 */
export async function startMtaStsSites(specs: Readonly<Record<string, MtaStsSiteSpec>>, now: Date, port?: number, ca: TestCert = createMtaStsCa(now)): Promise<{ port: number; ca: TestCert; sites: WorldMtaStsSite[] }> {
  const entries = Object.entries(specs).map(([d, spec], i) => {
    const n = FIRST_MTA_STS_HOST + i;
    if (n > 254 && !spec.ip) throw new RangeError(`a world has at most ${255 - FIRST_MTA_STS_HOST} MTA-STS sites`);
    return { domain: Name.parse(d.endsWith('.') ? d : `${d}.`), spec, address: spec.ip ?? `127.0.0.${n}` };
  });
  if (entries.length === 0) return { port: 0, ca, sites: [] };
  let last: unknown;
  for (let attempt = 0; attempt < MAX_MAIL_PORT_TRIES; attempt++) {
    const shared = port ?? (await freeLoopbackPort());
    const settled = await Promise.allSettled(entries.map((e) => startTestMtaStsServer({
      domain: e.domain.toString(), ca, address: e.address, port: shared, now,
      ...(e.spec.policy !== undefined ? { policy: e.spec.policy } : {}),
      ...(e.spec.break ? { break: e.spec.break } : {}),
      ...(e.spec.slowMs !== undefined ? { slowMs: e.spec.slowMs } : {}),
    })));
    const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as NodeJS.ErrnoException);
    if (failed.length === 0) {
      const servers = settled.map((r) => (r as PromiseFulfilledResult<TestMtaStsServer>).value);
      return { port: shared, ca, sites: entries.map((e, i) => ({ domain: e.domain.toString().toLowerCase(), server: servers[i]!, records: recordsFor(e.domain, e.spec, e.address) })) };
    }
    await Promise.all(settled.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
    last = failed[0];
    if (port !== undefined || failed[0]!.code !== 'EADDRINUSE') throw failed[0];
  }
  throw new Error(`no port free on all MTA-STS site addresses after ${MAX_MAIL_PORT_TRIES} tries: ${String(last)}`);
}
