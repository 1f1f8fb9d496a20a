/**
 * The test world's zone signer: signs one zone with NSEC or NSEC3 (RFC 4035 §2, RFC 5155 §7.1),
 * makes the DS records for its parent, and breaks things on purpose when asked (see
 * `world/breaks.ts` for the knobs).
 *
 * - The DNSKEY RRset is signed by the KSK(s), every other authoritative RRset by the ZSK(s), or by
 *   the KSK(s) when no ZSK is given (a combined signing key).
 * - At a delegation point only the DS RRset (and the NSEC) is signed; the NS RRset there and glue
 *   below it are not (RFC 4035 §2.2).
 * - NSEC3: empty non-terminals get NSEC3 records; with opt-out, insecure delegations and the empty
 *   non-terminals above only them do not (RFC 5155 §7.1). Defaults follow RFC 9276 §3.1: no salt,
 *   no extra iterations.
 * - NSEC/NSEC3 TTL: the lesser of the SOA MINIMUM and the SOA TTL (RFC 9077 §3).
 *
 * Keys are keys.ts `TestKey`s, or `FakeKey`s for algorithms nobody implements (their RRSIGs are
 * random bytes). Not a production signer: everything is in memory, nothing is incremental.
 */
import { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../dns/record.ts';
import { fromHex } from '../dns/encoding.ts';
import { computeDS, type SupportedDigestType } from '../dnssec/ds.ts';
import { toSerialTime } from '../dnssec/serial.ts';
import { keyTag } from '../dnssec/keytag.ts';
import { NSEC3_HASH_SHA1 } from '../dnssec/nsec3-hash.ts';
import { keysWithTag, signRRset, withFlags, type TestKey } from './keys.ts';
import { DNSKEY_FLAG_REVOKE, DNSKEY_FLAG_ZONE } from '../dnssec/rrsig.ts';
import { knobsOf, matcherFor, type ZoneBreak } from './world/breaks.ts';
import { denialRecords, nsec3ParamRecord, type DenialParams } from './world/denial-records.ts';
import { fakeKey, fakeSign, type FakeKey } from './world/fake-keys.ts';
import { makeRR } from './world/records.ts';
import { ZoneIndex } from './world/zone-index.ts';

export type { ZoneBreak } from './world/breaks.ts';
export type { DenialParams } from './world/denial-records.ts';

/** Algorithm of the `unsupported-algorithm` knob when it names none: 253 PRIVATEDNS (RFC 4034 App. A.1.1). */
export const DEFAULT_UNSUPPORTED_ALGORITHM = 253;

/** A key the signer can use: a real test key, or a fake one (unsupported algorithms). */
export type SigningKey = TestKey | FakeKey;

/** How the zone denies existence. */
export type DenialOption =
  | 'nsec'
  | { readonly nsec3: { readonly salt?: string; readonly iterations?: number; readonly optOut?: boolean } };

export interface SignZoneOptions {
  /** The zone apex. */
  readonly origin: Name | string;
  readonly keys: { readonly ksk: SigningKey | readonly SigningKey[]; readonly zsk?: SigningKey | readonly SigningKey[] };
  /** Default `'nsec'`. */
  readonly denial?: DenialOption;
  /** Signature validity window: Dates, or RRSIG times (seconds modulo 2^32). */
  readonly inception: Date | number;
  readonly expiration: Date | number;
  readonly break?: readonly ZoneBreak[];
  /** TTL of the DNSKEY RRset; default the SOA's TTL. */
  readonly dnskeyTtl?: number;
  /** Digest types of the DS records made for the parent; default [2] (SHA-256). */
  readonly dsDigestTypes?: readonly SupportedDigestType[];
}

/** A signed zone. */
export interface SignedZone {
  readonly origin: Name;
  /** Every record of the signed zone (data, glue, DNSKEY, RRSIG, NSEC/NSEC3, NSEC3PARAM), grouped by owner. */
  readonly records: readonly ResourceRecord[];
  /** DS records for the parent zone (empty with the `no-ds` knob). */
  readonly ds: readonly RecordOf<typeof RRType.DS>[];
  /** The zone's DNSKEY RRset. */
  readonly dnskeys: readonly RecordOf<typeof RRType.DNSKEY>[];
  readonly denial: DenialParams;
  /** The regular validity window, as RRSIG times. */
  readonly inception: number;
  readonly expiration: number;
}

const toArray = <T>(x: T | readonly T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? [...(x as readonly T[])] : [x as T]);
const toTime = (t: Date | number): number => (typeof t === 'number' ? t >>> 0 : toSerialTime(t));
const isFake = (k: SigningKey): k is FakeKey => 'fake' in k && k.fake === true;
const dnskeyOf = (k: SigningKey, origin: Name, ttl: number): RecordOf<typeof RRType.DNSKEY> =>
  isFake(k) ? makeRR(origin, RRType.DNSKEY, ttl, k.dnskey.data) : k.dnskey(origin, ttl);

/** Resolves the denial option to parameters, applying the `nsec3-iterations` knob. */
export function denialParams(denial: DenialOption | undefined, breaks: readonly ZoneBreak[] = []): DenialParams {
  if (denial === undefined || denial === 'nsec') return { kind: 'nsec' };
  const salt = denial.nsec3.salt;
  const iterations = knobsOf(breaks, 'nsec3-iterations').at(-1)?.iterations ?? denial.nsec3.iterations ?? 0;
  return {
    kind: 'nsec3',
    hashAlgorithm: NSEC3_HASH_SHA1,
    salt: salt === undefined || salt === '' || salt === '-' ? new Uint8Array(0) : fromHex(salt, 'salt'),
    iterations,
    optOut: denial.nsec3.optOut ?? false,
  };
}

/** The key with DNSKEY flags changed (a new key tag, RFC 4034 App. B); the same key when nothing changes. */
function reflag(k: SigningKey, change: { set: number; clear: number }): SigningKey {
  const flags = isFake(k) ? k.dnskey.data.flags : k.flags;
  const next = (flags | change.set) & ~change.clear;
  if (next === flags) return k;
  if (isFake(k)) {
    const dnskey = makeRR(k.dnskey.name, RRType.DNSKEY, k.dnskey.ttl, { ...k.dnskey.data, flags: next });
    return { ...k, dnskey, keyTag: keyTag(dnskey.rdata) };
  }
  return withFlags(k, next);
}

/** A copy with one bit flipped in the middle octet: any signature or digest stops matching. */
function flipBit(b: Uint8Array): Uint8Array {
  const out = b.slice();
  const i = out.length >> 1;
  out[i] = out[i]! ^ 0x01;
  return out;
}

/** The RRsets that get RRSIGs (RFC 4035 §2.2): all authoritative ones, at a cut only DS. */
function rrsetsToSign(index: ZoneIndex, denial: readonly ResourceRecord[]): ResourceRecord[][] {
  const sets: ResourceRecord[][] = [];
  for (const name of index.authoritativeNames) {
    const node = index.node(name)!;
    for (const type of index.typesAt(name)) {
      if (index.isCut(name) && type !== RRType.DS) continue;
      sets.push([...node.rrsets.get(type)!]);
    }
  }
  // NSEC: one RRset per owner; NSEC3: one per hashed owner.
  for (const rr of denial) sets.push([rr]);
  return sets;
}

/**
 * Signs a zone.
 * @param records the zone's unsigned records, SOA at the apex required; DS records at delegation
 *   points come from the child zones' `ds`
 * @throws RangeError on caller misuse: no SOA, records outside the zone, RRSIG/NSEC/NSEC3 in the input
 */
export function signZone(records: Iterable<ResourceRecord>, options: SignZoneOptions): SignedZone {
  const origin = typeof options.origin === 'string' ? Name.parse(options.origin) : options.origin;
  const breaks = options.break ?? [];
  const input = [...records];
  for (const rr of input) {
    if (rr.type === RRType.RRSIG || rr.type === RRType.NSEC || rr.type === RRType.NSEC3) {
      throw new RangeError(`signZone takes unsigned records; got ${rr.name.toString()} type ${rr.type}`);
    }
  }
  const soa = input.find((rr) => rr.type === RRType.SOA && rr.name.equals(origin)) as RecordOf<typeof RRType.SOA> | undefined;
  if (!soa) throw new RangeError(`zone ${origin.toString()} has no SOA at its apex`);
  const unsupported = knobsOf(breaks, 'unsupported-algorithm').at(-1);
  const unsupportedAlgorithm = unsupported ? (unsupported.algorithm ?? DEFAULT_UNSUPPORTED_ALGORITHM) : undefined;
  const fakeFor = (k: SigningKey, ksk: boolean): SigningKey =>
    unsupportedAlgorithm !== undefined && !(isFake(k) && k.algorithm === unsupportedAlgorithm) ? fakeKey(origin, unsupportedAlgorithm, { ksk, publicKeyOctets: isFake(k) ? k.dnskey.data.publicKey.length : k.publicKey.length }) : k;
  const noZone = knobsOf(breaks, 'no-zone-flag').length > 0;
  const revoke = knobsOf(breaks, 'revoke-ksk').length > 0;
  const ksks = toArray(options.keys.ksk).map((k) => reflag(fakeFor(k, true), { set: revoke ? DNSKEY_FLAG_REVOKE : 0, clear: noZone ? DNSKEY_FLAG_ZONE : 0 }));
  const zsks = toArray(options.keys.zsk).map((k) => reflag(fakeFor(k, false), { set: 0, clear: noZone ? DNSKEY_FLAG_ZONE : 0 }));
  if (ksks.length === 0) throw new RangeError('signZone needs at least one KSK');
  const dataSigners = zsks.length > 0 ? zsks : ksks;
  const dnskeyTtl = options.dnskeyTtl ?? soa.ttl;
  const inception = toTime(options.inception);
  const expiration = toTime(options.expiration);
  const span = (expiration - inception) >>> 0;
  const denial = denialParams(options.denial, breaks);

  // DNSKEY RRset, with KeyTrap colliders when asked for (they share the first data signer's tag).
  const dnskeys = [...ksks, ...zsks].map((k) => dnskeyOf(k, origin, dnskeyTtl));
  const keytraps = knobsOf(breaks, 'keytrap');
  const trapKey = dataSigners[0]!;
  for (const k of keytraps) {
    dnskeys.push(...keysWithTag(origin, trapKey.algorithm, trapKey.keyTag, k.keys).map((d) => makeRR(origin, RRType.DNSKEY, dnskeyTtl, d.data)));
  }
  const zoneData = [...input, ...dnskeys];
  if (denial.kind === 'nsec3') zoneData.push(nsec3ParamRecord(origin, denial, soa.ttl));
  const index = new ZoneIndex(origin, zoneData);
  const denialTtl = Math.min(soa.ttl, soa.data.minimum);
  const chain = denialRecords(index, denial, denialTtl, breaks);

  const matchers = {
    corrupt: knobsOf(breaks, 'corrupt-signature').map((b) => matcherFor(b, origin)),
    expired: knobsOf(breaks, 'expired-signature').map((b) => matcherFor(b, origin)),
    future: knobsOf(breaks, 'future-signature').map((b) => matcherFor(b, origin)),
    missing: knobsOf(breaks, 'missing-rrsig').map((b) => matcherFor(b, origin)),
    labels: knobsOf(breaks, 'rrsig-labels').map((b) => ({ match: matcherFor(b, origin), delta: b.delta })),
    keytrap: keytraps.map((b) => ({ match: matcherFor(b, origin), keys: b.keys })),
  };
  const any = (ms: ((o: Name, t: number) => boolean)[], o: Name, t: number) => ms.some((m) => m(o, t));

  const rrsigs: ResourceRecord[] = [];
  for (const rrset of rrsetsToSign(index, chain)) {
    const { name: owner, type } = rrset[0]!;
    if (any(matchers.missing, owner, type)) continue;
    // Expired: a window of the same length that ended just before the regular one began.
    // Future: one that starts just after the regular one ends. Both are real signatures.
    let window = { inception, expiration };
    if (any(matchers.expired, owner, type)) window = { inception: (inception - span - 1) >>> 0, expiration: (inception - 1) >>> 0 };
    else if (any(matchers.future, owner, type)) window = { inception: (expiration + 1) >>> 0, expiration: (expiration + span + 1) >>> 0 };
    const signers = type === RRType.DNSKEY ? ksks : dataSigners;
    const sigs: RecordOf<typeof RRType.RRSIG>[] = [];
    for (const trap of matchers.keytrap) {
      if (!trap.match(owner, type)) continue;
      const signatureOctets = isFake(trapKey) ? trapKey.signatureOctets : signatureLength(trapKey, rrset, origin, window);
      for (let i = 0; i < trap.keys; i++) {
        sigs.push(fakeSign(rrset, { algorithm: trapKey.algorithm, keyTag: trapKey.keyTag, signatureOctets }, { signer: origin, ...window }));
      }
    }
    const labelShift = matchers.labels.filter((l) => l.match(owner, type)).reduce((sum, l) => sum + l.delta, 0);
    const labels = labelShift === 0 ? {} : { labels: Math.max(0, owner.rrsigLabelCount + labelShift) };
    for (const key of signers) {
      sigs.push(isFake(key) ? fakeSign(rrset, key, { signer: origin, ...window }) : signRRset(rrset, key, { signer: origin, ...window, ...labels }));
    }
    for (const sig of sigs) {
      rrsigs.push(any(matchers.corrupt, owner, type) ? makeRR(sig.name, RRType.RRSIG, sig.ttl, { ...sig.data, signature: flipBit(sig.data.signature) }) : sig);
    }
  }

  let ds = ksks.flatMap((k) => (options.dsDigestTypes ?? [2]).map((t) => computeDS(dnskeyOf(k, origin, dnskeyTtl), t)));
  if (knobsOf(breaks, 'ds-mismatch').length > 0) ds = ds.map((d) => makeRR(d.name, RRType.DS, d.ttl, { ...d.data, digest: flipBit(d.data.digest) }));
  for (const k of knobsOf(breaks, 'ds-digest-type')) ds = ds.map((d) => makeRR(d.name, RRType.DS, d.ttl, { ...d.data, digestType: k.digestType }));
  if (knobsOf(breaks, 'no-ds').length > 0) ds = [];

  const all = [...index.records(), ...chain, ...rrsigs];
  // Group by owner in canonical order; the sort is stable, so types keep their order.
  all.sort((a, b) => a.name.compare(b.name));
  return {
    origin,
    records: all,
    ds,
    dnskeys,
    denial,
    inception,
    expiration,
  };
}

const sigLengths = new WeakMap<TestKey, number>();
/** Length of a real signature by `key` (fixed per key for every algorithm signed here), measured once. */
function signatureLength(key: TestKey, rrset: ResourceRecord[], origin: Name, window: { inception: number; expiration: number }): number {
  let len = sigLengths.get(key);
  if (len === undefined) {
    len = signRRset(rrset, key, { signer: origin, ...window }).data.signature.length;
    sigLengths.set(key, len);
  }
  return len;
}
