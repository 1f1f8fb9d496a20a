/**
 * Builds the zones of a test world from a declarative spec: a hierarchy from a private root,
 * signed bottom-up so that each parent carries its children's delegation (NS) and DS records.
 * Delegations are implied by the zone names: a zone's parent is the deepest other zone above it
 * (the private root `.` is added when the spec has none).
 *
 * Every zone gets an apex SOA and NS when its records state none (NS `ns.<origin>`, no address:
 * the world answers without referrals, so nobody looks the name server up).
 */
import { Name } from '../../dns/name.ts';
import { RRType } from '../../dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../../dns/record.ts';
import { parseZone } from '../../dns/presentation.ts';
import { generateKey, SIGNING_ALGORITHMS } from '../keys.ts';
import { DEFAULT_UNSUPPORTED_ALGORITHM, signZone, type DenialOption, type SignedZone, type SigningKey, type ZoneBreak } from '../zone-signer.ts';
import { fakeKey } from './fake-keys.ts';
import type { SupportedDigestType } from '../../dnssec/ds.ts';
import { makeRR } from './records.ts';

/** The algorithm of a zone whose spec names none: ECDSAP256SHA256, fast to generate and sign. */
export const DEFAULT_ZONE_ALGORITHM = 13;
/** TTL of records the spec states none for, and of the automatic SOA/NS. */
export const DEFAULT_ZONE_TTL = 3600;
/** SOA timers of the automatic SOA (RFC 1912 §2.2 style); MINIMUM is the negative-caching TTL. */
const AUTO_SOA = { serial: 1, refresh: 3600, retry: 900, expire: 604800, minimum: 300 } as const;

/** One zone of the world. */
export interface ZoneSpec {
  /** DNSSEC algorithm number (default 13). A number keys.ts cannot sign with (e.g. 12, 253) gives fake keys whose RRSIGs never verify: an unsupported-algorithm zone. */
  readonly algorithm?: number;
  /** Default `'nsec'`. */
  readonly denial?: DenialOption;
  /** Records in presentation form, names relative to the zone origin; `$TTL` allowed. */
  readonly records?: string | readonly string[];
  /** Leave the zone unsigned (and its delegation without DS: an insecure delegation). */
  readonly unsigned?: boolean;
  /** Ways to break the zone (see `ZoneBreak`). */
  readonly break?: readonly ZoneBreak[];
  /** Numbers of keys (default one KSK and one ZSK; `zsk: 0` signs everything with the KSK). */
  readonly keys?: { readonly ksk?: number; readonly zsk?: number };
  /** Default TTL of its records (default 3600). */
  readonly ttl?: number;
  /** Digest types of the DS records the parent publishes (default [2], SHA-256). */
  readonly dsDigestTypes?: readonly SupportedDigestType[];
}

/** A zone of a built world. */
export interface WorldZone {
  readonly origin: Name;
  readonly spec: ZoneSpec;
  /** Every record the world serves for the zone (signed or not). */
  readonly records: readonly ResourceRecord[];
  /** The signer's output; undefined for an unsigned zone. */
  readonly signed: SignedZone | undefined;
  /** DS records the parent publishes for the zone. */
  readonly ds: readonly RecordOf<typeof RRType.DS>[];
  readonly keys: { readonly ksk: readonly SigningKey[]; readonly zsk: readonly SigningKey[] };
}

/** When the world's signatures are valid. */
export interface ValidityWindow {
  readonly inception: Date;
  readonly expiration: Date;
}

function makeKeys(origin: Name, spec: ZoneSpec): { ksk: SigningKey[]; zsk: SigningKey[] } {
  // The unsupported-algorithm knob replaces the keys: make the fake ones here, so `WorldZone.keys` are those used.
  const unsupported = (spec.break ?? []).filter((b) => b.kind === 'unsupported-algorithm').at(-1);
  const algorithm = unsupported ? (unsupported.algorithm ?? DEFAULT_UNSUPPORTED_ALGORITHM) : (spec.algorithm ?? DEFAULT_ZONE_ALGORITHM);
  const real = SIGNING_ALGORITHMS.includes(algorithm);
  const make = (ksk: boolean): SigningKey => (real ? generateKey(algorithm, { ksk }) : fakeKey(origin, algorithm, { ksk }));
  const count = (n: number | undefined, dflt: number) => {
    const v = n ?? dflt;
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`expected a key count >= 0, got ${v}`);
    return v;
  };
  const ksk = Array.from({ length: Math.max(1, count(spec.keys?.ksk, 1)) }, () => make(true));
  const zsk = Array.from({ length: count(spec.keys?.zsk, 1) }, () => make(false));
  return { ksk, zsk };
}

function zoneRecords(origin: Name, spec: ZoneSpec): ResourceRecord[] {
  const ttl = spec.ttl ?? DEFAULT_ZONE_TTL;
  const text = typeof spec.records === 'string' ? spec.records : (spec.records ?? []).join('\n');
  const records = parseZone(text, { origin, defaultTtl: ttl });
  for (const rr of records) {
    if (!rr.name.isSubdomainOf(origin)) throw new RangeError(`record ${rr.name.toString()} is outside zone ${origin.toString()}`);
  }
  const atApex = (type: number) => records.some((rr) => rr.type === type && rr.name.equals(origin));
  const ns = Name.parse('ns', origin);
  if (!atApex(RRType.SOA)) {
    records.unshift(makeRR(origin, RRType.SOA, ttl, { mname: ns, rname: Name.parse('hostmaster', origin), ...AUTO_SOA }));
  }
  if (!atApex(RRType.NS)) records.push(makeRR(origin, RRType.NS, ttl, { nsdname: ns }));
  return records;
}

/**
 * Builds (generates keys for, and signs) every zone of a spec, children before parents.
 * @param zones zone specs by origin (absolute or not; `.` is the root)
 * @throws RangeError / DnsFormatError on a spec that cannot be built (caller misuse)
 */
export function buildHierarchy(zones: Readonly<Record<string, ZoneSpec>>, validity: ValidityWindow): Map<string, WorldZone> {
  const specs = new Map<string, { origin: Name; spec: ZoneSpec }>();
  for (const [text, spec] of Object.entries(zones)) {
    const origin = Name.parse(text.endsWith('.') ? text : `${text}.`);
    if (specs.has(origin.key())) throw new RangeError(`zone ${origin.toString()} is given twice`);
    specs.set(origin.key(), { origin, spec });
  }
  if (!specs.has('.')) specs.set('.', { origin: Name.ROOT, spec: {} });
  const parentOf = (origin: Name): string | undefined => {
    for (let n = origin; !n.isRoot; ) {
      n = n.parent();
      if (specs.has(n.key())) return n.key();
    }
    return undefined;
  };
  const records = new Map<string, ResourceRecord[]>();
  for (const [k, { origin, spec }] of specs) records.set(k, zoneRecords(origin, spec));

  const built = new Map<string, WorldZone>();
  // Deepest first: every child is built before its parent needs its NS and DS.
  const order = [...specs.values()].sort((a, b) => b.origin.labelCount - a.origin.labelCount);
  for (const { origin, spec } of order) {
    const own = records.get(origin.key())!;
    let zone: WorldZone;
    if (spec.unsigned) {
      zone = { origin, spec, records: own, signed: undefined, ds: [], keys: { ksk: [], zsk: [] } };
    } else {
      const keys = makeKeys(origin, spec);
      const signed = signZone(own, {
        origin,
        keys,
        denial: spec.denial ?? 'nsec',
        inception: validity.inception,
        expiration: validity.expiration,
        break: spec.break ?? [],
        ...(spec.dsDigestTypes ? { dsDigestTypes: spec.dsDigestTypes } : {}),
      });
      zone = { origin, spec, records: signed.records, signed, ds: signed.ds, keys };
    }
    built.set(origin.key(), zone);
    const parentKey = parentOf(origin);
    if (parentKey !== undefined) {
      const parent = records.get(parentKey)!;
      // The delegation: the child's apex NS RRset, unless the parent's records state their own.
      if (!parent.some((rr) => rr.type === RRType.NS && rr.name.equals(origin))) {
        parent.push(...own.filter((rr) => rr.type === RRType.NS && rr.name.equals(origin)));
      }
      parent.push(...zone.ds);
    }
  }
  return built;
}
