/**
 * What a proof used, as plain data for people and pictures (the CLI's `--graph`, `-v`, `--json`):
 * the DS and DNSKEY records of a zone cut, which DS named which key, which key's RRSIG proved an
 * RRset, and the NSEC/NSEC3 records of a denial. Only a report of what the validator did: nothing
 * here decides anything, and nothing in it is read back by the validator.
 *
 * Bounded by what it describes: the records of one DS or DNSKEY RRset (one message), and denial
 * records within the validator's maxDenialRecords.
 */
import { RRType, rrTypeToString } from '../dns/iana/rr-types.ts';
import { toBase32Hex } from '../dns/encoding.ts';
import { isType, type RecordOf, type ResourceRecord } from '../dns/record.ts';
import type { Name } from '../dns/name.ts';
import { keyTag } from './keytag.ts';

/** One DS record of a zone cut (or a DS trust anchor). */
export interface DsInfo {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Whether the validator used it (supported algorithm and digest, strongest digest type present, RFC 4509 §3). */
  readonly usable: boolean;
  /** Key tag of the DNSKEY whose digest it matched, if one did. */
  readonly matchedKeyTag?: number;
}

/** One DNSKEY record of a zone. */
export interface KeyInfo {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly flags: number;
}

/** One NSEC or NSEC3 record of a denial proof. */
export interface DenialRecordInfo {
  readonly type: 'NSEC' | 'NSEC3';
  /** The owner name (for NSEC3, the hashed owner). */
  readonly owner: string;
  /** NSEC: the next owner name; NSEC3: the next hashed owner (base32hex). */
  readonly next: string;
  /** The types the record says exist at its owner. */
  readonly types: readonly string[];
  /** NSEC3 opt-out flag (RFC 5155 §3.1.2.1). */
  readonly optOut?: boolean;
  /** NSEC3 iterations. */
  readonly iterations?: number;
}

/** The signed NSEC/NSEC3 records a denial was proven with, and by which zone and keys. */
export interface DenialInfo {
  /** The zone that signed them. */
  readonly zone: string;
  /** What they were used to prove: the name and type asked, and the kind of denial. */
  readonly proves: 'nxdomain' | 'nodata' | 'no-ds' | 'wildcard';
  readonly name: string;
  readonly type: string;
  /** Key tags of the RRSIGs by `zone` over the records. */
  readonly signerKeyTags: readonly number[];
  readonly records: readonly DenialRecordInfo[];
}

type DSRecord = RecordOf<typeof RRType.DS>;
type DNSKEYRecord = RecordOf<typeof RRType.DNSKEY>;
type DenialRecord = RecordOf<typeof RRType.NSEC | typeof RRType.NSEC3>;

export function keyInfo(k: DNSKEYRecord): KeyInfo {
  return { keyTag: keyTag(k.rdata), algorithm: k.data.algorithm, flags: k.data.flags };
}

/** The DS records as given, each marked usable or not and with the key it matched (from `matches`). */
export function dsInfo(all: readonly DSRecord[], usable: readonly DSRecord[], matches: ReadonlyMap<DSRecord, DNSKEYRecord>): DsInfo[] {
  const used = new Set(usable);
  return all.map((d) => {
    const k = matches.get(d);
    return { keyTag: d.data.keyTag, algorithm: d.data.algorithm, digestType: d.data.digestType, usable: used.has(d), ...(k ? { matchedKeyTag: keyTag(k.rdata) } : {}) };
  });
}

function denialRecordInfo(rr: DenialRecord): DenialRecordInfo {
  if (isType(rr, RRType.NSEC)) {
    return { type: 'NSEC', owner: rr.name.toString(), next: rr.data.nextDomainName.toString(), types: rr.data.types.map(rrTypeToString) };
  }
  const d = (rr as RecordOf<typeof RRType.NSEC3>).data;
  return { type: 'NSEC3', owner: rr.name.toString(), next: toBase32Hex(d.nextHashedOwnerName), types: d.types.map(rrTypeToString), optOut: (d.flags & 1) === 1, iterations: d.iterations };
}

/** A denial's records as {@link DenialInfo}; `rrsigs` are those of the records' RRsets. */
export function denialInfo(zone: Name, proves: DenialInfo['proves'], name: Name, type: number, records: readonly ResourceRecord[], rrsigs: readonly ResourceRecord[]): DenialInfo {
  const tags = new Set<number>();
  for (const s of rrsigs) if (isType(s, RRType.RRSIG) && s.data.signerName.equals(zone)) tags.add(s.data.keyTag);
  return { zone: zone.toString(), proves, name: name.toString(), type: rrTypeToString(type), signerKeyTags: [...tags], records: records.flatMap((rr) => (isType(rr, RRType.NSEC) || isType(rr, RRType.NSEC3) ? [denialRecordInfo(rr)] : [])) };
}
