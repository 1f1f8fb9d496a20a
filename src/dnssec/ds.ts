/**
 * DS digests (RFC 4034 §5.1.4, RFC 4509 §2, RFC 6605 §5):
 *
 *   digest = digest_algorithm( DNSKEY owner name | DNSKEY RDATA )
 *
 * with the owner in canonical wire form (lower-cased, uncompressed) and the RDATA as received.
 * Digest types 1 (SHA-1), 2 (SHA-256) and 4 (SHA-384) are computed; 3 (GOST R 34.11-94) and the
 * newer 5/6 are not, and a validator ignores DS records of those types (RFC 4035 §5.2).
 */
import { DsDigestType } from '../dns/iana/ds-digest-types.ts';
import { RRType, rrTypeToString } from '../dns/iana/rr-types.ts';
import type { DSData, RecordOf, ResourceRecord } from '../dns/record.ts';
import { defaultBackend } from './algorithms.ts';
import { keyTag } from './keytag.ts';
import type { CryptoBackend, HashName } from './crypto/types.ts';
import { createRR } from '../dns/rdata/index.ts';

/** The digest types computed here. */
export type SupportedDigestType = 1 | 2 | 4;

const HASH_FOR_DIGEST: ReadonlyMap<number, HashName> = new Map<number, HashName>([
  [DsDigestType.SHA1, 'sha1'],
  [DsDigestType.SHA256, 'sha256'],
  [DsDigestType.SHA384, 'sha384'],
]);

/** True for the digest types `computeDS` supports (1, 2, 4). */
export function isSupportedDigestType(digestType: number): digestType is SupportedDigestType {
  return HASH_FOR_DIGEST.has(digestType);
}

/** The digest of owner | DNSKEY RDATA for a supported digest type. */
export function dsDigest(owner: ResourceRecord['name'], dnskeyRdata: Uint8Array, digestType: SupportedDigestType, backend: CryptoBackend = defaultBackend()): Uint8Array {
  const hash = HASH_FOR_DIGEST.get(digestType);
  if (!hash) throw new RangeError(`expected DS digest type 1, 2 or 4, got ${digestType}`);
  const o = owner.toCanonicalWire();
  const buf = new Uint8Array(o.length + dnskeyRdata.length);
  buf.set(o, 0);
  buf.set(dnskeyRdata, o.length);
  return backend.digest(hash, buf);
}

/**
 * The DS record for a DNSKEY (RFC 4034 §5.1): same owner, class and TTL; key tag, algorithm,
 * digest type and digest.
 * @throws TypeError when `dnskey` is not a DNSKEY record; RangeError for an unsupported digest type
 */
export function computeDS(dnskey: ResourceRecord, digestType: SupportedDigestType, backend?: CryptoBackend): RecordOf<typeof RRType.DS> {
  if (dnskey.type !== RRType.DNSKEY) throw new TypeError(`expected a DNSKEY record, got type ${rrTypeToString(dnskey.type)}`);
  const digest = dsDigest(dnskey.name, dnskey.rdata, digestType, backend);
  const tag = keyTag(dnskey.rdata);
  const algorithm = dnskey.rdata[3]!;
  const data: DSData = { keyTag: tag, algorithm, digestType, digest };
  return createRR({ name: dnskey.name, type: RRType.DS, class: dnskey.class, ttl: dnskey.ttl, data }) as RecordOf<typeof RRType.DS>;
}

/**
 * Whether a DS record names and digests a DNSKEY (RFC 4035 §5.2): same owner, algorithm and key
 * tag, and an equal digest. False for digest types not computed here (the caller decides whether
 * such DS records are ignored).
 */
export function dsMatchesDnskey(ds: RecordOf<typeof RRType.DS>, dnskey: ResourceRecord, backend?: CryptoBackend): boolean {
  if (dnskey.type !== RRType.DNSKEY || dnskey.rdata.length < 4) return false;
  if (!ds.name.equals(dnskey.name) || ds.data.algorithm !== dnskey.rdata[3] || ds.data.keyTag !== keyTag(dnskey.rdata)) return false;
  if (!isSupportedDigestType(ds.data.digestType)) return false;
  const d = dsDigest(dnskey.name, dnskey.rdata, ds.data.digestType, backend);
  if (d.length !== ds.data.digest.length) return false;
  for (let i = 0; i < d.length; i++) if (d[i] !== ds.data.digest[i]) return false;
  return true;
}
