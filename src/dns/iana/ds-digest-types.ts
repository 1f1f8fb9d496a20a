/**
 * IANA "Delegation Signer (DS) Resource Record (RR) Type Digest Algorithms" registry
 * (RFC 3658, RFC 4509, RFC 5933, RFC 6605, RFC 9558). Complete as of 2026-11 (source: IANA
 * ds-rr-types). Which of them we compute is decided in `src/dnssec/ds.ts`.
 */
export const DsDigestType = {
  SHA1: 1,
  SHA256: 2,
  GOST: 3,
  SHA384: 4,
  GOST12: 5,
  SM3: 6,
} as const;

/** A digest type named in the registry. */
export type DsDigestTypeNumber = (typeof DsDigestType)[keyof typeof DsDigestType];

const NAMES = new Map<number, string>(Object.entries(DsDigestType).map(([k, v]) => [v, k]));

/** Mnemonic for a digest type, or its number as text. */
export function dsDigestTypeToString(digestType: number): string {
  return NAMES.get(digestType) ?? String(digestType);
}

/** Digest length in octets for the types whose length is fixed (RFC 3658, 4509, 6605). */
export const DS_DIGEST_LENGTH: ReadonlyMap<number, number> = new Map([
  [DsDigestType.SHA1, 20],
  [DsDigestType.SHA256, 32],
  [DsDigestType.GOST, 32],
  [DsDigestType.SHA384, 48],
  [DsDigestType.GOST12, 32],
  [DsDigestType.SM3, 32],
]);
