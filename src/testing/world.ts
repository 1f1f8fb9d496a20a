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
 * Mail servers: the spec has a `mailServers` slot for the SMTP side of the world (smtp-server.ts);
 * it is not wired yet (see the README of this folder's report): it throws when used, so no test
 * believes it got servers it did not.
 */
import type { RecordOf, ResourceRecord } from '../dns/record.ts';
import type { RRType } from '../dns/iana/rr-types.ts';
import { formatRR } from '../dns/presentation.ts';
import { startDnsServer, type DnsServer, type FaultRule } from './dns-server.ts';
import { ZoneAnswerer } from './zone-answer.ts';
import { buildHierarchy, type ValidityWindow, type WorldZone, type ZoneSpec } from './world/hierarchy.ts';

export type { ZoneSpec, WorldZone, ValidityWindow } from './world/hierarchy.ts';

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
  /** Reserved for SMTP servers with STARTTLS by MX host name (smtp-server.ts); not wired yet. */
  readonly mailServers?: Readonly<Record<string, unknown>>;
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
  readonly validity: ValidityWindow;
  /** Stops the server. Idempotent. */
  close(): Promise<void>;
}

/**
 * Builds, signs and serves a world.
 * @throws RangeError / DnsFormatError for a spec that cannot be built; Error when no port is free
 */
export async function createTestWorld(spec: TestWorldSpec): Promise<TestWorld> {
  if (spec.mailServers && Object.keys(spec.mailServers).length > 0) {
    throw new Error('createTestWorld: mailServers are not wired yet; start smtp-server.ts servers yourself');
  }
  const now = spec.now ?? new Date();
  const validity = spec.validity ?? {
    inception: new Date(now.getTime() - DEFAULT_INCEPTION_BEFORE_NOW_MS),
    expiration: new Date(now.getTime() + DEFAULT_EXPIRATION_AFTER_NOW_MS),
  };
  const zones = buildHierarchy(spec.zones, validity);
  const answerer = new ZoneAnswerer([...zones.values()].map((z) => ({ origin: z.origin, records: z.records })));
  const server = await startDnsServer({ handler: (query) => answerer.respond(query), faults: spec.faults ?? [] });
  const root = zones.get('.')!;
  const anchors = root.ds;
  return {
    resolver: server.address,
    trustAnchors: { records: anchors, text: anchors.map((rr: ResourceRecord) => formatRR(rr)).join('\n') + (anchors.length ? '\n' : '') },
    zones,
    answerer,
    server,
    validity,
    close: () => server.close(),
  };
}
