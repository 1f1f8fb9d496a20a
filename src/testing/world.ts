/**
 * `createTestWorld(spec)`: a signed DNS hierarchy from a private root, served on 127.0.0.1 by a
 * resolver-like DNS server (UDP and TCP, ephemeral port), from a declarative spec.
 *
 * ```ts
 * const world = await createTestWorld({
 *   zones: {
 *     'example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', '_25._tcp.mx TLSA 3 1 1 ...'] },
 *     'broken.example.': { denial: { nsec3: { optOut: true } }, break: [{ kind: 'expired-signature', type: 'TLSA' }] },
 *     'plain.': { unsigned: true, records: '@ MX 10 mx.plain.' },
 *   },
 * });
 * // world.resolver = '127.0.0.1:PORT', world.trustAnchors.text = '. 3600 IN DS ...'
 * await world.close();
 * ```
 *
 * Zones (`ZoneSpec`): `algorithm` (default 13; one keys.ts cannot sign with gives fake keys),
 * `denial` ('nsec' or `{ nsec3: { salt, iterations, optOut } }`), `records` (presentation text
 * relative to the origin), `unsigned`, `keys` (counts), `dsDigestTypes`, and `break` knobs
 * (world/breaks.ts: corrupt/expired/future/missing RRSIGs, ds-mismatch, no-ds, wrong NSEC
 * coverage, NSEC bitmap lies, NSEC3 iterations, KeyTrap, revoked KSK, no ZONE flag, RRSIG labels,
 * DS digest type, unsupported algorithm). Delegations follow from the zone names.
 *
 * Mail servers: `mailServers` by MX host name starts an SMTP server with STARTTLS per host
 * (smtp-server.ts) presenting a certificate made at run time, and publishes the host's A record
 * and TLSA records computed from it in the zone that holds the host (world/mail-servers.ts). Each
 * host has its own loopback address (127.0.0.10, .11, ...); all share one port, `mailPort`, and
 * the TLSA records sit at `_<mailPort>._tcp.<host>`.
 *
 * MTA-STS: `mtaSts` by policy domain starts an HTTPS server for the policy (world/mta-sts-sites.ts)
 * with a certificate from the world's private CA (`mtaStsCa`), on 127.0.0.100, .101, ..., all on
 * `mtaStsPort`, and publishes `mta-sts.<domain>` A and `_mta-sts.<domain>` TXT; `tlsRpt` by domain
 * publishes `_smtp._tls.<domain>` TXT.
 */
import type { RecordOf, ResourceRecord } from '../dns/record.ts';
import type { RRType } from '../dns/iana/rr-types.ts';
import { formatRR } from '../dns/presentation.ts';
import { startDnsServer, type DnsServer, type FaultRule } from './dns-server.ts';
import { ZoneAnswerer } from './zone-answer.ts';
import { buildHierarchy, type ValidityWindow, type WorldZone, type ZoneSpec } from './world/hierarchy.ts';
import { mailServerAddress, planMailServer, startMailServers, type MailServerSpec, type WorldMailServer } from './world/mail-servers.ts';
import { Name } from '../dns/name.ts';
import { startMtaStsSites, type MtaStsSiteSpec, type WorldMtaStsSite } from './world/mta-sts-sites.ts';
import type { TestCert } from './certs.ts';

export type { ZoneSpec, WorldZone, ValidityWindow } from './world/hierarchy.ts';
export type { MailServerSpec, WorldMailServer } from './world/mail-servers.ts';
export type { MtaStsSiteSpec, WorldMtaStsSite } from './world/mta-sts-sites.ts';

/** Signatures are valid from this long before `now`... */
export const DEFAULT_INCEPTION_BEFORE_NOW_MS = 86_400_000;
/** ...to this long after it. */
export const DEFAULT_EXPIRATION_AFTER_NOW_MS = 30 * 86_400_000;

/** The declarative description of a world. */
export interface TestWorldSpec {
  /** Zones by origin. The private root `.` is added (signed, NSEC, algorithm 13) when absent. */
  readonly zones: Readonly<Record<string, ZoneSpec>>;
  /** The clock the signatures are made around (default: the real time). */
  readonly now?: Date;
  /** Signature validity (default from `now` - 1 day to `now` + 30 days). */
  readonly validity?: ValidityWindow;
  /** Faults the DNS server starts with (dns-server.ts `FaultRule`s); more can be added on `server`. */
  readonly faults?: readonly FaultRule[];
  /** SMTP servers by MX host name (see world/mail-servers.ts); their A and TLSA records are published. */
  readonly mailServers?: Readonly<Record<string, MailServerSpec>>;
  /** The port every mail server listens on (default: one found free on loopback). */
  readonly mailPort?: number;
  /**
   * MTA-STS sites by policy domain (world/mta-sts-sites.ts): an HTTPS server for the policy with a
   * certificate from the world's private CA, `mta-sts.<domain>` A and `_mta-sts.<domain>` TXT.
   */
  readonly mtaSts?: Readonly<Record<string, MtaStsSiteSpec>>;
  /** The port every MTA-STS server listens on (default: one found free on loopback). */
  readonly mtaStsPort?: number;
  /** TLS-RPT records by domain: `_smtp._tls.<domain> TXT "v=TLSRPTv1; rua=<rua>"` (RFC 8460 §3). */
  readonly tlsRpt?: Readonly<Record<string, string>>;
}

/** A running world. */
export interface TestWorld {
  /** The resolver address in the form the stub resolver reads: `127.0.0.1:PORT`. */
  readonly resolver: string;
  /** The private root's trust anchors: its DS records, as records and as presentation text (one per line). */
  readonly trustAnchors: { readonly records: readonly RecordOf<typeof RRType.DS>[]; readonly text: string };
  /** Every zone by its lower-case origin in presentation form (`'example.'`, `'.'`). */
  readonly zones: ReadonlyMap<string, WorldZone>;
  /** The answering logic, for tests that want answers without a socket. */
  readonly answerer: ZoneAnswerer;
  /** The DNS server (fault injection, query log). */
  readonly server: DnsServer;
  /** Mail servers by lower-case host name with trailing dot (`'mx.example.'`). */
  readonly mailServers: ReadonlyMap<string, WorldMailServer>;
  /** The port all mail servers share (0 when the world has none). */
  readonly mailPort: number;
  /** MTA-STS sites by lower-case policy domain with trailing dot (`'example.'`). */
  readonly mtaStsSites: ReadonlyMap<string, WorldMtaStsSite>;
  /** The port all MTA-STS servers share (0 when the world has none): a fetcher's `port`. */
  readonly mtaStsPort: number;
  /** The private CA of the MTA-STS servers: trust `mtaStsCa.pem` (a fetcher's `ca`). */
  readonly mtaStsCa: TestCert;
  readonly validity: ValidityWindow;
  /** Stops the server. Idempotent. */
  close(): Promise<void>;
}

/**
 * Builds, signs and serves a world.
 * @throws RangeError / DnsFormatError for a spec that cannot be built; Error when no port is free
 */
export async function createTestWorld(spec: TestWorldSpec): Promise<TestWorld> {
  const now = spec.now ?? new Date();
  const validity = spec.validity ?? {
    inception: new Date(now.getTime() - DEFAULT_INCEPTION_BEFORE_NOW_MS),
    expiration: new Date(now.getTime() + DEFAULT_EXPIRATION_AFTER_NOW_MS),
  };
  // Mail servers first: the port they end up sharing names their TLSA records.
  const planned = Object.entries(spec.mailServers ?? {}).map(([host, m], i) =>
    planMailServer(host, m, now, { address: m.ip ?? m.ips?.[0] ?? mailServerAddress(i), port: spec.mailPort ?? 0 }),
  );
  const mail = await startMailServers(planned, spec.mailPort);
  const mailServers = new Map(mail.servers.map((m) => [m.host.key(), m]));
  let sts: Awaited<ReturnType<typeof startMtaStsSites>>;
  try {
    sts = await startMtaStsSites(spec.mtaSts ?? {}, now, spec.mtaStsPort);
  } catch (e) {
    await Promise.all(mail.servers.flatMap((m) => m.servers.map((s) => s.close())));
    throw e;
  }
  const closeMail = () => Promise.all([...mail.servers.flatMap((m) => m.servers.map((s) => s.close())), ...sts.sites.map((x) => x.server.close())]);
  const tlsRptLines = Object.entries(spec.tlsRpt ?? {}).map(([d, rua]) => `_smtp._tls.${d.endsWith('.') ? d : `${d}.`} TXT "v=TLSRPTv1; rua=${rua}"`);
  const extra = [...mail.servers.flatMap((m) => m.records), ...sts.sites.flatMap((x) => x.records), ...tlsRptLines];
  let dns: Awaited<ReturnType<typeof serveZones>>;
  try {
    dns = await serveZones(withRecords(spec.zones, extra), validity, spec.faults ?? []);
  } catch (e) {
    await closeMail();
    throw e;
  }
  const { zones, answerer, server } = dns;
  const close = async () => {
    await Promise.all([server.close(), closeMail()]);
  };
  const anchors = zones.get('.')!.ds;
  return {
    resolver: server.address,
    trustAnchors: { records: anchors, text: anchors.map((rr: ResourceRecord) => formatRR(rr)).join('\n') + (anchors.length ? '\n' : '') },
    zones,
    answerer,
    server,
    mailServers,
    mailPort: mail.port,
    mtaStsSites: new Map(sts.sites.map((x) => [x.domain, x])),
    mtaStsPort: sts.port,
    mtaStsCa: sts.ca,
    validity,
    close,
  };
}

/** Builds and signs the zones, and serves them. */
async function serveZones(specs: Readonly<Record<string, ZoneSpec>>, validity: ValidityWindow, faults: readonly FaultRule[]) {
  const zones = buildHierarchy(specs, validity);
  const answerer = new ZoneAnswerer([...zones.values()].map((z) => ({ origin: z.origin, records: z.records })));
  const server = await startDnsServer({ handler: (query) => answerer.respond(query), faults });
  return { zones, answerer, server };
}

/** The zone specs with records (absolute owners) added to the deepest zone that holds each record's owner. */
function withRecords(zones: Readonly<Record<string, ZoneSpec>>, lines: readonly string[]): Record<string, ZoneSpec> {
  const out: Record<string, ZoneSpec> = { ...zones };
  const origins = Object.keys(out).map((k) => ({ key: k, name: Name.parse(k.endsWith('.') ? k : `${k}.`) }));
  if (!origins.some((o) => o.name.isRoot)) origins.push({ key: '.', name: Name.ROOT });
  for (const line of lines) {
    const owner = Name.parse(line.split(/\s+/, 1)[0]!);
    let best: { key: string; name: Name } | undefined;
    for (const o of origins) if (owner.isSubdomainOf(o.name) && (!best || o.name.labelCount > best.name.labelCount)) best = o;
    const zone = out[best!.key] ?? {};
    const own = typeof zone.records === 'string' ? [zone.records] : [...(zone.records ?? [])];
    out[best!.key] = { ...zone, records: [...own, line] };
  }
  return out;
}
