/**
 * The pure-TypeScript path: @noble/curves for ECDSA and EdDSA, @noble/hashes for digests, and RSA
 * PKCS#1 v1.5 verification (RFC 8017 §8.2.2) with BigInt modular exponentiation. No Node built-in
 * is used, so this backend runs wherever ES2022 BigInt does.
 *
 * Two traps, measured: @noble/curves v2 defaults to `lowS: true` and would reject about half of
 * the valid ECDSA signatures OpenSSL makes (DNSSEC has no low-S rule, RFC 6605), so we pass
 * `lowS: false`; and EdDSA is verified with `zip215: false`, i.e. RFC 8032's strict rules, which
 * is what OpenSSL (our native path, and Unbound's and BIND's) enforces.
 */
import { p256, p384 } from '@noble/curves/nist.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { ed448 } from '@noble/curves/ed448.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bigIntToBytes, bytesEqual, bytesToBigInt, concatBytes } from './bytes.ts';
import type { ParsedPublicKey, RsaPublicKey } from './key-formats.ts';
import type { CryptoBackend, HashName, ImportedKey } from './types.ts';

const HASHES: Record<HashName, (data: Uint8Array) => Uint8Array> = {
  sha1: (d) => sha1(d),
  sha256: (d) => sha256(d),
  sha384: (d) => sha384(d),
  sha512: (d) => sha512(d),
};

/** RFC 8017 §9.2 note 1: DER of DigestInfo up to the hash value, per hash. */
const DIGEST_INFO_PREFIX: Record<HashName, Uint8Array> = {
  sha1: Uint8Array.of(0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14),
  sha256: Uint8Array.of(0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20),
  sha384: Uint8Array.of(0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30),
  sha512: Uint8Array.of(0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40),
};

/** RFC 8017 §9.2 step 3: at least 8 octets of 0xFF padding. */
const MIN_PKCS1_PADDING = 8;

type PureKey =
  | { readonly algorithm: number; readonly backend: 'pure'; readonly kind: 'rsa'; readonly n: bigint; readonly e: bigint; readonly k: number; readonly hash: HashName }
  | { readonly algorithm: number; readonly backend: 'pure'; readonly kind: 'ecdsa'; readonly curve: typeof p256; readonly point: Uint8Array; readonly sigLength: number }
  | { readonly algorithm: number; readonly backend: 'pure'; readonly kind: 'eddsa'; readonly curve: typeof ed25519; readonly key: Uint8Array };

/** Left-to-right square-and-multiply; exponents are bounded by MAX_RSA_EXPONENT_OCTETS. */
function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  const bits = exp.toString(2);
  for (let i = 0; i < bits.length; i++) {
    result = (result * result) % mod;
    if (bits.charCodeAt(i) === 0x31) result = (result * base) % mod;
  }
  return result;
}

/** RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) by re-encoding and comparing (§9.2). */
function verifyRsa(key: Extract<PureKey, { kind: 'rsa' }>, data: Uint8Array, sig: Uint8Array): boolean {
  if (sig.length !== key.k) return false; // §8.2.2 step 1
  const s = bytesToBigInt(sig);
  if (s >= key.n) return false; // §5.2.2 step 1
  const em = bigIntToBytes(modPow(s, key.e, key.n), key.k);
  if (!em) return false;
  const t = concatBytes(DIGEST_INFO_PREFIX[key.hash], HASHES[key.hash](data));
  const psLen = key.k - t.length - 3;
  if (psLen < MIN_PKCS1_PADDING) return false;
  const expected = new Uint8Array(key.k);
  expected[1] = 0x01;
  expected.fill(0xff, 2, 2 + psLen);
  expected.set(t, 3 + psLen);
  return bytesEqual(em, expected);
}

function importRsa(key: RsaPublicKey): PureKey {
  return {
    algorithm: key.algorithm,
    backend: 'pure',
    kind: 'rsa',
    n: bytesToBigInt(key.modulus),
    e: bytesToBigInt(key.exponent),
    k: Math.ceil(key.modulusBits / 8),
    hash: key.hash,
  };
}

/** The pure-TypeScript backend. */
export const pureBackend: CryptoBackend = {
  name: 'pure',
  digest(hash: HashName, data: Uint8Array): Uint8Array {
    return HASHES[hash](data);
  },
  importKey(key: ParsedPublicKey): ImportedKey | undefined {
    try {
      switch (key.family) {
        case 'rsa':
          return importRsa(key);
        case 'ecdsa': {
          const curve = key.curve === 'P-256' ? p256 : p384;
          const point = concatBytes(Uint8Array.of(0x04), key.x, key.y);
          curve.Point.fromBytes(point).assertValidity(); // refuse points off the curve now, as OpenSSL does
          const k: PureKey = { algorithm: key.algorithm, backend: 'pure', kind: 'ecdsa', curve, point, sigLength: 2 * key.x.length };
          return k;
        }
        case 'eddsa': {
          const curve = (key.curve === 'Ed25519' ? ed25519 : ed448) as typeof ed25519;
          curve.Point.fromBytes(key.key, false);
          const k: PureKey = { algorithm: key.algorithm, backend: 'pure', kind: 'eddsa', curve, key: key.key };
          return k;
        }
        default: {
          const never: never = key;
          return never;
        }
      }
    } catch {
      return undefined;
    }
  },
  verify(imported: ImportedKey, data: Uint8Array, signature: Uint8Array): boolean {
    const k = imported as PureKey;
    try {
      switch (k.kind) {
        case 'rsa':
          return verifyRsa(k, data, signature);
        case 'ecdsa':
          if (signature.length !== k.sigLength) return false;
          return k.curve.verify(signature, data, k.point, { prehash: true, lowS: false, format: 'compact' });
        case 'eddsa':
          return k.curve.verify(signature, data, k.key, { zip215: false });
        default: {
          const never: never = k;
          return never;
        }
      }
    } catch {
      return false;
    }
  },
};
