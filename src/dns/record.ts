/**
 * The resource record model shared by every layer.
 *
 * A record carries both its structured fields (`data`) and its RDATA in wire form (`rdata`), names
 * uncompressed and case as received. `rdata` is the source of truth for anything that is hashed
 * or signed: canonical form (RFC 4034 §6.2) is derived from it, never from a re-encoding of `data`.
 */
import type { Name } from './name.ts';
import { RRType } from './iana/rr-types.ts';

export interface AData { address: string }
export interface AAAAData { address: string }
export interface NSData { nsdname: Name }
export interface CNAMEData { cname: Name }
export interface DNAMEData { target: Name }
export interface PTRData { ptrdname: Name }
/** Obsolete RFC 1035 mail types: kept structured because RFC 3597 §4 lets their names be compressed. */
export interface MDData { madname: Name }
export interface MFData { madname: Name }
export interface MBData { madname: Name }
export interface MGData { mgmname: Name }
export interface MRData { newname: Name }
export interface MINFOData { rmailbx: Name; emailbx: Name }
export interface SOAData {
  mname: Name;
  rname: Name;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}
export interface MXData { preference: number; exchange: Name }
/** HINFO (RFC 1035 §3.3.2): two character-strings as raw bytes. */
export interface HINFOData { cpu: Uint8Array; os: Uint8Array }
/** TXT character-strings as raw bytes (a string may hold any octet). */
export interface TXTData { strings: Uint8Array[] }
export interface SRVData { priority: number; weight: number; port: number; target: Name }
export interface DSData { keyTag: number; algorithm: number; digestType: number; digest: Uint8Array }
export interface DNSKEYData { flags: number; protocol: number; algorithm: number; publicKey: Uint8Array }
export interface RRSIGData {
  typeCovered: number;
  algorithm: number;
  labels: number;
  originalTtl: number;
  /** Seconds since the epoch modulo 2^32 (RFC 4034 §3.1.5): compare with serial arithmetic. */
  expiration: number;
  inception: number;
  keyTag: number;
  signerName: Name;
  signature: Uint8Array;
}
export interface NSECData { nextDomainName: Name; types: number[] }
export interface NSEC3Data {
  hashAlgorithm: number;
  flags: number;
  iterations: number;
  salt: Uint8Array;
  /** The raw hash (decoded from base32hex). */
  nextHashedOwnerName: Uint8Array;
  types: number[];
}
export interface NSEC3PARAMData { hashAlgorithm: number; flags: number; iterations: number; salt: Uint8Array }
export interface TLSAData { certUsage: number; selector: number; matchingType: number; certificateAssociationData: Uint8Array }
export interface CAAData { flags: number; tag: string; value: Uint8Array }
export interface EdnsOption { code: number; data: Uint8Array }
export interface OPTData { options: EdnsOption[] }
/** A type without structure here: the RDATA bytes are all there is (RFC 3597). */
export interface UnknownData { unknown: true }

/** Structured RDATA by type number. */
export interface RDataByType {
  [RRType.A]: AData;
  [RRType.NS]: NSData;
  [RRType.MD]: MDData;
  [RRType.MF]: MFData;
  [RRType.CNAME]: CNAMEData;
  [RRType.SOA]: SOAData;
  [RRType.MB]: MBData;
  [RRType.MG]: MGData;
  [RRType.MR]: MRData;
  [RRType.PTR]: PTRData;
  [RRType.MINFO]: MINFOData;
  [RRType.HINFO]: HINFOData;
  [RRType.MX]: MXData;
  [RRType.TXT]: TXTData;
  [RRType.AAAA]: AAAAData;
  [RRType.SRV]: SRVData;
  [RRType.DNAME]: DNAMEData;
  [RRType.OPT]: OPTData;
  [RRType.DS]: DSData;
  [RRType.RRSIG]: RRSIGData;
  [RRType.NSEC]: NSECData;
  [RRType.DNSKEY]: DNSKEYData;
  /** RFC 7344 §3.1: same RDATA as DS. */
  [RRType.CDS]: DSData;
  /** RFC 7344 §3.2: same RDATA as DNSKEY. */
  [RRType.CDNSKEY]: DNSKEYData;
  [RRType.NSEC3]: NSEC3Data;
  [RRType.NSEC3PARAM]: NSEC3PARAMData;
  [RRType.TLSA]: TLSAData;
  [RRType.CAA]: CAAData;
}
export type KnownType = keyof RDataByType;
export type RData = RDataByType[KnownType] | UnknownData;

/** One resource record. */
export interface ResourceRecord<D extends RData = RData> {
  readonly name: Name;
  /** RR TYPE number (see {@link RRType}). */
  readonly type: number;
  /** CLASS number (1 = IN). For OPT this is the requestor's UDP payload size. */
  readonly class: number;
  /** TTL in seconds (for OPT: extended RCODE, version and flags, RFC 6891 §6.1.3). */
  readonly ttl: number;
  /** Structured RDATA. */
  readonly data: D;
  /**
   * RDATA in wire form, names uncompressed, case preserved. Treat as read-only: it may be a view
   * into a larger buffer (a decoded message), so use it with its `byteOffset`, never its `.buffer`
   * alone; byte fields of `data` may share its octets.
   */
  readonly rdata: Uint8Array;
}

/** A record of one known type, with its structured RDATA typed. */
export type RecordOf<T extends KnownType> = ResourceRecord<RDataByType[T]> & { readonly type: T };

/** Narrows a record to a known type. */
export function isType<T extends KnownType>(rr: ResourceRecord, type: T): rr is RecordOf<T> {
  return rr.type === type;
}
