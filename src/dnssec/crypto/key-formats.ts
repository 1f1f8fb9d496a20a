/**
 * DNSKEY public key field -> key parts, shared by both backends.
 *
 * - RSA (algorithms 5, 7, 8, 10): RFC 3110 §2: exponent length (1 octet, or 0 then 2 octets),
 *   exponent, modulus. RFC 3110 prohibits leading zero octets; we strip them from the modulus
 *   instead of refusing the key, as OpenSSL-based validators effectively do.
 * - ECDSA (13, 14): RFC 6605 §4: X || Y, 32 or 48 octets each (uncompressed point, no 0x04 prefix).
 * - EdDSA (15, 16): RFC 8080 §3: the 32- or 57-octet public key of RFC 8032.
 */
import { MAX_RSA_EXPONENT_OCTETS, MAX_RSA_MODULUS_BITS } from '../limits.ts';
import type { HashName } from './types.ts';

/** The signature scheme family of a DNSSEC algorithm. */
export type AlgorithmFamily = 'rsa' | 'ecdsa' | 'eddsa';
/** The curves DNSSEC uses (RFC 6605, RFC 8080). */
export type CurveName = 'P-256' | 'P-384' | 'Ed25519' | 'Ed448';

/** An RFC 3110 RSA key, split into exponent and modulus. */
export interface RsaPublicKey {
  readonly family: 'rsa';
  readonly algorithm: number;
  readonly hash: HashName;
  /** Big-endian, no leading zero octets. */
  readonly exponent: Uint8Array;
  readonly modulus: Uint8Array;
  readonly modulusBits: number;
}
/** An RFC 6605 ECDSA key: the affine coordinates of the public point. */
export interface EcdsaPublicKey {
  readonly family: 'ecdsa';
  readonly algorithm: number;
  readonly hash: HashName;
  readonly curve: 'P-256' | 'P-384';
  readonly x: Uint8Array;
  readonly y: Uint8Array;
}
/** An RFC 8080 EdDSA key: the RFC 8032 public key octets. */
export interface EddsaPublicKey {
  readonly family: 'eddsa';
  readonly algorithm: number;
  readonly curve: 'Ed25519' | 'Ed448';
  readonly key: Uint8Array;
}
/** A DNSKEY public key field split into its parts. */
export type ParsedPublicKey = RsaPublicKey | EcdsaPublicKey | EddsaPublicKey;

/** What an algorithm needs to parse its keys; the registry (algorithms.ts) holds one per algorithm. */
export type KeySpec =
  | { readonly family: 'rsa'; readonly hash: HashName; readonly minBits: number }
  | { readonly family: 'ecdsa'; readonly hash: HashName; readonly curve: 'P-256' | 'P-384'; readonly coordinateLength: number }
  | { readonly family: 'eddsa'; readonly curve: 'Ed25519' | 'Ed448'; readonly keyLength: number };

/** The parts of a key, or why the key field is malformed. */
export type KeyParse = { ok: true; key: ParsedPublicKey } | { ok: false; detail: string };

/** Splits a DNSKEY public key field according to its algorithm's spec. */
export function parsePublicKey(algorithm: number, spec: KeySpec, publicKey: Uint8Array): KeyParse {
  switch (spec.family) {
    case 'rsa':
      return parseRsa(algorithm, spec.hash, spec.minBits, publicKey);
    case 'ecdsa': {
      const n = spec.coordinateLength;
      if (publicKey.length !== 2 * n) {
        return { ok: false, detail: `${spec.curve} key is ${publicKey.length} octets, expected ${2 * n} (RFC 6605 §4)` };
      }
      return {
        ok: true,
        key: { family: 'ecdsa', algorithm, hash: spec.hash, curve: spec.curve, x: publicKey.subarray(0, n), y: publicKey.subarray(n) },
      };
    }
    case 'eddsa':
      if (publicKey.length !== spec.keyLength) {
        return { ok: false, detail: `${spec.curve} key is ${publicKey.length} octets, expected ${spec.keyLength} (RFC 8080 §3)` };
      }
      return { ok: true, key: { family: 'eddsa', algorithm, curve: spec.curve, key: publicKey } };
    default: {
      const never: never = spec;
      return never;
    }
  }
}

function stripLeadingZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

function bitLength(b: Uint8Array): number {
  if (b.length === 0) return 0;
  return (b.length - 1) * 8 + (32 - Math.clz32(b[0]!));
}

function parseRsa(algorithm: number, hash: HashName, minBits: number, pk: Uint8Array): KeyParse {
  // RFC 3110 §2: a first octet of 0 means the exponent length follows in the next two octets.
  let expLen: number;
  let off: number;
  if (pk.length < 1) return { ok: false, detail: 'RSA key is empty' };
  if (pk[0] !== 0) {
    expLen = pk[0]!;
    off = 1;
  } else {
    if (pk.length < 3) return { ok: false, detail: 'RSA key ends inside the exponent length' };
    expLen = (pk[1]! << 8) | pk[2]!;
    off = 3;
  }
  if (expLen === 0) return { ok: false, detail: 'RSA exponent length is 0' };
  if (off + expLen >= pk.length) return { ok: false, detail: 'RSA key ends before the modulus' };
  const exponent = stripLeadingZeros(pk.subarray(off, off + expLen));
  const modulus = stripLeadingZeros(pk.subarray(off + expLen));
  if (exponent.length === 0 || exponent.length > MAX_RSA_EXPONENT_OCTETS) {
    return { ok: false, detail: `RSA exponent of ${exponent.length} octets (accepted: 1 to ${MAX_RSA_EXPONENT_OCTETS})` };
  }
  // An even exponent or 1 is not an RSA key; OpenSSL refuses them too.
  if ((exponent[exponent.length - 1]! & 1) === 0 || (exponent.length === 1 && exponent[0] === 1)) {
    return { ok: false, detail: 'RSA exponent is not an odd number above 1' };
  }
  const bits = bitLength(modulus);
  if (bits < minBits || bits > MAX_RSA_MODULUS_BITS) {
    return { ok: false, detail: `RSA modulus of ${bits} bits (accepted: ${minBits} to ${MAX_RSA_MODULUS_BITS}, RFC 3110 §2, RFC 5702 §2)` };
  }
  if ((modulus[modulus.length - 1]! & 1) === 0) return { ok: false, detail: 'RSA modulus is even' };
  return { ok: true, key: { family: 'rsa', algorithm, hash, exponent, modulus, modulusBits: bits } };
}

