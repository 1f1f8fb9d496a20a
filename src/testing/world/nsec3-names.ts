/**
 * NSEC3 owner names of a zone (RFC 5155 §3, §7.1): the base32hex hash of a name as the first label
 * below the apex. Hashing is the crypto layer's; this file only adapts names to it and keeps
 * hashes as lower-case base32hex strings, whose string order is the order of the raw hashes
 * (base32hex preserves sort order, RFC 4648 §7), so chains can be sorted and searched as strings.
 */
import { base32HexLower, nsec3HashBytes } from '../../dnssec/nsec3-hash.ts';
import type { Name } from '../../dns/name.ts';

/** The NSEC3 parameters of a zone (RFC 5155 §4). */
export interface Nsec3Params {
  /** Hash algorithm: 1 = SHA-1, the only one defined (RFC 5155 §11). */
  readonly hashAlgorithm: number;
  readonly salt: Uint8Array;
  readonly iterations: number;
}

/** The hash of `name` as lower-case base32hex, the NSEC3 owner label (RFC 5155 §5). */
export function hashedLabel(name: Name, params: Nsec3Params): string {
  return base32HexLower(nsec3HashBytes(name.toCanonicalWire(), params.salt, params.iterations));
}
