/**
 * IANA "DNS Security Algorithm Numbers" registry (RFC 4034 App. A.1, RFC 6014, RFC 8624, RFC 9904).
 * Complete as of 2026-11 (source: IANA dns-sec-alg-numbers). Whether we can verify an algorithm is
 * decided in `src/dnssec/algorithms.ts`, not here: this file only names the numbers.
 */
export const DnssecAlgorithm = {
  DELETE: 0,
  RSAMD5: 1,
  DH: 2,
  DSA: 3,
  RSASHA1: 5,
  DSA_NSEC3_SHA1: 6,
  RSASHA1_NSEC3_SHA1: 7,
  RSASHA256: 8,
  RSASHA512: 10,
  ECC_GOST: 12,
  ECDSAP256SHA256: 13,
  ECDSAP384SHA384: 14,
  ED25519: 15,
  ED448: 16,
  SM2SM3: 17,
  ECC_GOST12: 23,
  INDIRECT: 252,
  PRIVATEDNS: 253,
  PRIVATEOID: 254,
} as const;

/** An algorithm number named in the registry. */
export type DnssecAlgorithmNumber = (typeof DnssecAlgorithm)[keyof typeof DnssecAlgorithm];

/** Presentation mnemonics as IANA spells them (RSASHA1-NSEC3-SHA1 with dashes). */
const MNEMONICS = new Map<number, string>(
  Object.entries(DnssecAlgorithm).map(([k, v]) => [v, k.replace(/_/g, '-')]),
);

/** Mnemonic for an algorithm number, or the number itself as text when IANA has none. */
export function dnssecAlgorithmToString(algorithm: number): string {
  return MNEMONICS.get(algorithm) ?? String(algorithm);
}

/** Algorithm number for a mnemonic (case-insensitive) or a decimal number 0-255; undefined otherwise. */
export function dnssecAlgorithmFromString(text: string): number | undefined {
  if (/^[0-9]{1,3}$/.test(text)) {
    const n = Number(text);
    return n <= 0xff ? n : undefined;
  }
  const up = text.toUpperCase();
  for (const [n, m] of MNEMONICS) if (m === up) return n;
  return undefined;
}
