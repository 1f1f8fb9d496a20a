/**
 * Verifies one RRset against the authenticated DNSKEY set of the zone that signed it, trying its
 * RRSIGs in turn within the lookup's budget (RFC 4035 §5.3; RFC 6840 §5.4: one valid signature by
 * an authenticated key suffices).
 */
import type { Name } from '../dns/name.ts';
import { rrTypeToString, RRType } from '../dns/iana/rr-types.ts';
import type { RecordOf } from '../dns/record.ts';
import { verifyRRset, type RRsetVerifyCode } from './rrsig.ts';
import type { LookupContext } from './lookup-context.ts';
import type { RRSIGRecord, SignedRRset } from './rrsets.ts';
import { EDE, type Reason, type ReasonCode } from './status.ts';

export type DNSKEYRecord = RecordOf<typeof RRType.DNSKEY>;

export type SignatureOutcome =
  | { readonly ok: true; readonly rrsig: RRSIGRecord; /** Seconds since the epoch until which the result may be cached. */ readonly expiresAt: number }
  | { readonly ok: false; readonly reason: Reason };

/** The validator's reason code for each of the crypto layer's failure codes (the EDE comes from there). */
const CODE_FROM_CRYPTO: Partial<Record<RRsetVerifyCode, ReasonCode>> = {
  'signature-expired': 'signature-expired',
  'signature-not-yet-valid': 'signature-not-yet-valid',
  'dnskey-missing': 'dnskey-missing',
  'algorithm-unsupported': 'unsupported-algorithm',
  'algorithm-disabled': 'unsupported-algorithm',
  'dnskey-not-zone-key': 'no-zone-key',
  'key-attempts-exceeded': 'limit-exceeded',
};

function describe(set: SignedRRset): string {
  return `${set.name} ${rrTypeToString(set.type)}`;
}

/**
 * Verifies `set` with the DNSKEYs of `zone`. Only RRSIGs whose signer is `zone` are considered;
 * at most `limits.maxRrsigsPerRRset` of them are tried.
 */
export function verifySignedRRset(set: SignedRRset, zone: Name, keys: readonly DNSKEYRecord[], ctx: LookupContext): SignatureOutcome {
  if (set.rrsigs.length === 0) {
    return { ok: false, reason: { code: 'rrsigs-missing', ede: EDE.RRSIGS_MISSING, text: `no RRSIG for ${describe(set)} in zone ${zone}` } };
  }
  const candidates = set.rrsigs.filter((s) => s.data.signerName.equals(zone));
  if (candidates.length === 0) {
    const signers = [...new Set(set.rrsigs.map((s) => s.data.signerName.toString()))].join(', ');
    return { ok: false, reason: { code: 'unexpected-signer', ede: EDE.DNSSEC_BOGUS, text: `RRSIGs for ${describe(set)} are by ${signers}, not by zone ${zone}` } };
  }
  let first: Reason | undefined;
  const tried = candidates.slice(0, ctx.limits.maxRrsigsPerRRset);
  for (const rrsig of tried) {
    ctx.chargeSignatureCheck(`RRSIG for ${describe(set)} by ${zone} key ${rrsig.data.keyTag}`, zone);
    const r = verifyRRset({ rrset: set.records, rrsig, keys, now: ctx.now, ...ctx.crypto });
    // RFC 4035 §5.3.3: validated data lives no longer than its TTLs and its signature (r.ttl says both).
    if (r.ok) return { ok: true, rrsig, expiresAt: ctx.nowSeconds + r.ttl };
    first ??= { code: CODE_FROM_CRYPTO[r.code] ?? 'signature-invalid', ede: r.ede, text: r.reason };
  }
  if (candidates.length > tried.length && !first) {
    first = { code: 'limit-exceeded', ede: EDE.DNSSEC_BOGUS, text: `more than ${ctx.limits.maxRrsigsPerRRset} RRSIGs for ${describe(set)}` };
  }
  return { ok: false, reason: first! };
}

/**
 * Verifies the NSEC/NSEC3 RRsets of an authority section with the keys of `zone` and gives their
 * records for a denial proof, or the reason they cannot be used.
 *
 * A denial record proves something only at the owner its signature authenticates (ARCHITECTURE
 * invariant 5). An RRSIG whose labels field is below the owner's label count (RFC 4035 §5.3.2)
 * authenticates the wildcard `*.<last labels>` it was expanded from, not the owner it was served
 * under: replayed under another owner, a wildcard's NSEC would cover names the wildcard's real NSEC
 * does not (the bug class of CVE-2017-15105). No zone serves its denial records that way, so such a
 * record is refused outright (bogus), as Unbound refuses it since that CVE.
 */
export function verifyDenialRecords(sets: readonly SignedRRset[], zone: Name, keys: readonly DNSKEYRecord[], ctx: LookupContext):
  { readonly ok: true; readonly records: RecordOf<typeof RRType.NSEC | typeof RRType.NSEC3>[]; readonly expiresAt: number } | { readonly ok: false; readonly reason: Reason } {
  const records: RecordOf<typeof RRType.NSEC | typeof RRType.NSEC3>[] = [];
  let expiresAt = Number.POSITIVE_INFINITY;
  for (const set of sets) {
    if (set.type !== RRType.NSEC && set.type !== RRType.NSEC3) continue;
    const v = verifySignedRRset(set, zone, keys, ctx);
    if (!v.ok) return v;
    if (v.rrsig.data.labels < set.name.rrsigLabelCount) {
      return {
        ok: false,
        reason: {
          code: 'denial-invalid',
          ede: EDE.DNSSEC_BOGUS,
          text: `${describe(set)} is a wildcard expansion (RRSIG labels ${v.rrsig.data.labels}, owner has ${set.name.rrsigLabelCount}): it proves nothing at ${set.name}`,
        },
      };
    }
    expiresAt = Math.min(expiresAt, v.expiresAt);
    records.push(...(set.records as RecordOf<typeof RRType.NSEC | typeof RRType.NSEC3>[]));
  }
  return { ok: true, records, expiresAt };
}
