/**
 * A test world of many mail domains for scans (issue #17): `count` signed zones under `scan.`,
 * each its own delegation with its own key (so a scan proves a DS and a DNSKEY per domain, as
 * in the real world), in six kinds taken in turn, with the verdict each must get:
 *
 * | kind          | zone                                              | exit (connect / --no-connect) |
 * |---------------|---------------------------------------------------|-------------------------------|
 * | authenticated | MX to the pool's good host (DANE-EE 3 1 1)        | 0 / 0                         |
 * | mismatch      | MX to the pool's host whose TLSA matches no key   | 1 / 0                         |
 * | bogus         | the MX RRset's signature corrupted                | 1 / 1                         |
 * | unsigned      | an unsigned zone (no DS) with its own MX host     | 2 / 2                         |
 * | nsec3         | NSEC3 zone, own MX host without TLSA (NSEC3 proof)| 2 / 2                         |
 * | cname         | own MX host, a CNAME to the good host             | 0 / 0                         |
 *
 * The mail servers are few and shared (`mx-ok.pool.scan.`, `mx-bad.pool.scan.`), as large
 * providers host most domains' mail: a scan's SMTP work is real STARTTLS handshakes, its DNS work
 * one delegation per domain. Zones use one key each (a CSK) to keep building the world quick.
 */
import type { TestWorldSpec, ZoneSpec } from './world.ts';
import { mailServerAddress } from './world/mail-servers.ts';

export const SCAN_WORLD_KINDS = ['authenticated', 'mismatch', 'bogus', 'unsigned', 'nsec3', 'cname'] as const;
export type ScanWorldKind = (typeof SCAN_WORLD_KINDS)[number];

/** Exit codes by kind: [with SMTP connections, DNS policy only]. */
export const SCAN_WORLD_EXPECTED: Readonly<Record<ScanWorldKind, readonly [number, number]>> = {
  authenticated: [0, 0],
  mismatch: [1, 0],
  bogus: [1, 1],
  unsigned: [2, 2],
  nsec3: [2, 2],
  cname: [0, 0],
};

export interface ScanWorldDomain {
  /** `d<i>.scan.` */
  readonly name: string;
  readonly kind: ScanWorldKind;
}

/** The most domains a scan world is made with (building 5,000 takes some seconds). */
export const MAX_SCAN_WORLD_DOMAINS = 100_000;

/** The spec of a world of `count` domains, and its domains in order. */
export function scanWorldSpec(count: number): { readonly spec: TestWorldSpec; readonly domains: readonly ScanWorldDomain[] } {
  if (!(Number.isInteger(count) && count >= 1 && count <= MAX_SCAN_WORLD_DOMAINS)) throw new RangeError(`expected count in 1..${MAX_SCAN_WORLD_DOMAINS}, got ${count}`);
  const good = mailServerAddress(0);
  const zones: Record<string, ZoneSpec> = { 'scan.': {}, 'pool.scan.': {} };
  const domains: ScanWorldDomain[] = [];
  const csk = { ksk: 1, zsk: 0 } as const;
  for (let i = 0; i < count; i++) {
    const kind = SCAN_WORLD_KINDS[i % SCAN_WORLD_KINDS.length]!;
    const name = `d${i}.scan.`;
    domains.push({ name, kind });
    switch (kind) {
      case 'authenticated':
        zones[name] = { keys: csk, records: ['@ MX 10 mx-ok.pool.scan.'] };
        break;
      case 'mismatch':
        zones[name] = { keys: csk, records: ['@ MX 10 mx-bad.pool.scan.'] };
        break;
      case 'bogus':
        zones[name] = { keys: csk, records: ['@ MX 10 mx-ok.pool.scan.'], break: [{ kind: 'corrupt-signature', type: 'MX' }] };
        break;
      case 'unsigned':
        zones[name] = { unsigned: true, records: ['@ MX 10 mx', `mx A ${good}`] };
        break;
      case 'nsec3':
        zones[name] = { keys: csk, denial: { nsec3: { iterations: 0 } }, records: ['@ MX 10 mx', `mx A ${good}`] };
        break;
      case 'cname':
        zones[name] = { keys: csk, records: ['@ MX 10 mail', 'mail CNAME mx-ok.pool.scan.'] };
        break;
    }
  }
  return {
    spec: {
      zones,
      mailServers: {
        'mx-ok.pool.scan.': { ip: good },
        'mx-bad.pool.scan.': { ip: mailServerAddress(1), tlsa: ['3 1 1 ' + '00'.repeat(32)] },
      },
    },
    domains,
  };
}
