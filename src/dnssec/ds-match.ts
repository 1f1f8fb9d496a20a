/**
 * Which DS records count, and which DNSKEYs they authenticate (RFC 4035 §5.2, RFC 4509 §3,
 * RFC 6840 §5.2, RFC 5011 §2.1).
 */
import { RRType } from '../dns/iana/rr-types.ts';
import { dnssecAlgorithmToString } from '../dns/iana/dnssec-algorithms.ts';
import { DS_DIGEST_LENGTH, DsDigestType } from '../dns/iana/ds-digest-types.ts';
import type { RecordOf } from '../dns/record.ts';
import { algorithmStatus, type CryptoPolicy } from './algorithms.ts';
import { dsMatchesDnskey } from './ds.ts';
import { DNSKEY_FLAG_REVOKE, DNSKEY_FLAG_ZONE, DNSKEY_PROTOCOL } from './rrsig.ts';
import { keyTag } from './keytag.ts';
import { EDE, type Reason } from './status.ts';

type DSRecord = RecordOf<typeof RRType.DS>;
type DNSKEYRecord = RecordOf<typeof RRType.DNSKEY>;

/** Digest types we compute, strongest first: the set is narrowed to the strongest one present. */
const DIGEST_PREFERENCE = [DsDigestType.SHA384, DsDigestType.SHA256, DsDigestType.SHA1] as const;

/** Most DS digests computed while matching one DS RRset to one DNSKEY RRset (tag collisions are bounded). */
export const MAX_DS_DIGESTS = 16;

/**
 * The DS records a validator may use: supported algorithm and digest type, digest of the right
 * length (RFC 4035 §5.2: ignore the rest; none left -> the zone is insecure, RFC 6840 §5.2), and of
 * those only the strongest digest type present (RFC 4509 §3 for SHA-1 vs SHA-256, extended to
 * SHA-384 as Unbound does), so an attacker cannot steer validation to a weaker digest.
 */
export function usableDsSet(ds: readonly DSRecord[], policy?: CryptoPolicy): { ds: DSRecord[]; reason?: Reason } {
  const supported = ds.filter((d) =>
    (DIGEST_PREFERENCE as readonly number[]).includes(d.data.digestType) &&
    DS_DIGEST_LENGTH.get(d.data.digestType) === d.data.digest.length &&
    algorithmStatus(d.data.algorithm, policy).supported);
  if (supported.length === 0) {
    if (ds.length === 0) return { ds: [] };
    const algs = [...new Set(ds.map((d) => `${d.data.algorithm} (${dnssecAlgorithmToString(d.data.algorithm)})`))].join(', ');
    const digests = [...new Set(ds.map((d) => d.data.digestType))].join(', ');
    const anyAlgOk = ds.some((d) => algorithmStatus(d.data.algorithm, policy).supported);
    return {
      ds: [],
      reason: anyAlgOk
        ? { code: 'unsupported-digest', ede: EDE.UNSUPPORTED_DS_DIGEST, text: `DS for ${ds[0]!.name} uses only unsupported digest types (${digests})` }
        : { code: 'unsupported-algorithm', ede: EDE.UNSUPPORTED_DNSKEY_ALGORITHM, text: `DS for ${ds[0]!.name} uses only unsupported algorithms (${algs})` },
    };
  }
  const best = DIGEST_PREFERENCE.find((t) => supported.some((d) => d.data.digestType === t))!;
  return { ds: supported.filter((d) => d.data.digestType === best) };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A key that may sign as a zone key: protocol 3, ZONE flag set, not revoked (RFC 4034 §2.1.1, RFC 5011 §2.1). */
export function isUsableZoneKey(k: DNSKEYRecord): boolean {
  return k.data.protocol === DNSKEY_PROTOCOL && (k.data.flags & DNSKEY_FLAG_ZONE) !== 0 && (k.data.flags & DNSKEY_FLAG_REVOKE) === 0;
}

/**
 * The keys of `keys` that a DS record (owner + RDATA digest, algorithm and tag agreeing) or a
 * DNSKEY trust anchor (identical RDATA) names. Revoked keys and keys without the ZONE flag never
 * qualify.
 */
export function matchDsToKeys(ds: readonly DSRecord[], keys: readonly DNSKEYRecord[], keyAnchors: readonly DNSKEYRecord[] = []): DNSKEYRecord[] {
  return matchDsToKeysWithLinks(ds, keys, keyAnchors).keys;
}

/**
 * {@link matchDsToKeys}, with which DS record named each key it returns (`links`; a key trusted as
 * a DNSKEY anchor has none): what a report draws as DS -> DNSKEY (proof-info.ts). Same decisions.
 */
export function matchDsToKeysWithLinks(ds: readonly DSRecord[], keys: readonly DNSKEYRecord[], keyAnchors: readonly DNSKEYRecord[] = []): { keys: DNSKEYRecord[]; links: Map<DSRecord, DNSKEYRecord> } {
  const out: DNSKEYRecord[] = [];
  const links = new Map<DSRecord, DNSKEYRecord>();
  let digests = 0;
  for (const k of keys) {
    if (!isUsableZoneKey(k)) continue;
    if (keyAnchors.some((a) => a.name.equals(k.name) && equalBytes(a.rdata, k.rdata))) {
      out.push(k);
      continue;
    }
    const tag = keyTag(k.rdata);
    for (const d of ds) {
      if (d.data.keyTag !== tag || d.data.algorithm !== k.data.algorithm) continue;
      if (++digests > MAX_DS_DIGESTS) return { keys: out, links };
      if (dsMatchesDnskey(d, k)) {
        out.push(k);
        links.set(d, k);
        break;
      }
    }
  }
  return { keys: out, links };
}
