/**
 * The fast path: node:crypto (OpenSSL). Loaded through `process.getBuiltinModule` so that this
 * module can be imported on runtimes without node:crypto; there `loadNativeBackend()` returns
 * undefined and the registry falls back to the pure-TypeScript backend.
 *
 * Keys are imported from JWK: measured on Node 20 / OpenSSL 3.0, JWK import is the fastest route
 * for RSA and EdDSA and as fast as DER for ECDSA; the registry caches the imported key by RDATA.
 * ECDSA signatures are DNSSEC's r||s (RFC 6605 §4), which OpenSSL reads as `ieee-p1363`.
 */
import type * as NodeCrypto from 'node:crypto';
import type { ParsedPublicKey } from './key-formats.ts';
import type { CryptoBackend, HashName, ImportedKey } from './types.ts';

interface NativeKey extends ImportedKey {
  readonly backend: 'native';
  readonly keyObject: NodeCrypto.KeyObject;
  /** Digest name for crypto.verify, or null for EdDSA (the hash is part of the algorithm). */
  readonly hash: HashName | null;
  /**
   * What crypto.verify takes as the key: the KeyObject, or for ECDSA the KeyObject with
   * `dsaEncoding: 'ieee-p1363'`, built once at import rather than per verification.
   */
  readonly verifyKey: NodeCrypto.KeyObject | NodeCrypto.VerifyKeyObjectInput;
}

function b64url(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}

function toJwk(key: ParsedPublicKey): NodeCrypto.JsonWebKey {
  switch (key.family) {
    case 'rsa':
      return { kty: 'RSA', n: b64url(key.modulus), e: b64url(key.exponent) };
    case 'ecdsa':
      return { kty: 'EC', crv: key.curve, x: b64url(key.x), y: b64url(key.y) };
    case 'eddsa':
      return { kty: 'OKP', crv: key.curve, x: b64url(key.key) };
    default: {
      const never: never = key;
      return never;
    }
  }
}

function getNodeCrypto(): typeof NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:crypto');
  return mod as typeof NodeCrypto | undefined;
}

/** The node:crypto backend, or undefined on a runtime without node:crypto. */
export function loadNativeBackend(): CryptoBackend | undefined {
  const crypto = getNodeCrypto();
  if (!crypto || typeof crypto.verify !== 'function') return undefined;
  return {
    name: 'native',
    digest(hash: HashName, data: Uint8Array): Uint8Array {
      const d = crypto.createHash(hash).update(data).digest();
      return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
    },
    importKey(key: ParsedPublicKey): NativeKey | undefined {
      try {
        const keyObject = crypto.createPublicKey({ key: toJwk(key), format: 'jwk' });
        return {
          algorithm: key.algorithm,
          backend: 'native',
          keyObject,
          hash: key.family === 'eddsa' ? null : key.hash,
          verifyKey: key.family === 'ecdsa' ? { key: keyObject, dsaEncoding: 'ieee-p1363' } : keyObject,
        };
      } catch {
        // OpenSSL refuses the key (e.g. an EC point off the curve): not a usable key.
        return undefined;
      }
    },
    verify(imported: ImportedKey, data: Uint8Array, signature: Uint8Array): boolean {
      const k = imported as NativeKey;
      try {
        return crypto.verify(k.hash, data, k.verifyKey, signature);
      } catch {
        return false;
      }
    },
  };
}
