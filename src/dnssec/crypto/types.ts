/**
 * The contract between the algorithm registry and a crypto implementation ("backend").
 *
 * Two backends exist: `native` (node:crypto, OpenSSL underneath: the fast path) and `pure`
 * (@noble/curves, @noble/hashes and BigInt RSA: for runtimes without node:crypto). Both receive
 * keys already split into their parts by `key-formats.ts`, so the two cannot disagree about what a
 * DNSKEY means, only about arithmetic, and the tests run every vector through both.
 */
import type { ParsedPublicKey } from './key-formats.ts';

/** Hash functions DNSSEC needs: RRSIG digests (RFC 3110, 5702, 6605), DS digests, NSEC3 (SHA-1). */
export type HashName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** A key imported into a backend: opaque to everything but that backend. */
export interface ImportedKey {
  readonly algorithm: number;
  readonly backend: BackendName;
}

/** `native`: node:crypto (OpenSSL); `pure`: @noble and BigInt, no Node built-ins. */
export type BackendName = 'native' | 'pure';

/** A crypto implementation behind the algorithm registry. */
export interface CryptoBackend {
  readonly name: BackendName;
  /** One-shot digest. */
  digest(hash: HashName, data: Uint8Array): Uint8Array;
  /**
   * Imports a parsed key. Returns undefined when the key is structurally valid DNSKEY data but not
   * a usable key (e.g. an EC point not on the curve): the caller reports it as a malformed key.
   */
  importKey(key: ParsedPublicKey): ImportedKey | undefined;
  /**
   * Verifies `signature` (in DNSKEY/RRSIG wire form: RSA integer, ECDSA r||s, EdDSA R||S) over
   * `data` with the algorithm's hash. Never throws for bad data: a signature that cannot even be
   * parsed is simply not valid. `data` may be a view of a buffer that verifyRRset reuses once this
   * call returns: read it during the call, never keep it.
   */
  verify(key: ImportedKey, data: Uint8Array, signature: Uint8Array): boolean;
}
