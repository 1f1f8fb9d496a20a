/**
 * The algorithm registry: DNSSEC algorithm number -> key format, hash and signature shape, and the
 * verification of one signature with a cached, imported key.
 *
 * Supported (RFC 8624 §3.1 "MUST"/"RECOMMENDED" for validation): 5 RSASHA1, 7 RSASHA1-NSEC3-SHA1,
 * 8 RSASHA256, 10 RSASHA512, 13 ECDSAP256SHA256, 14 ECDSAP384SHA384, 15 ED25519, 16 ED448.
 * Everything else, including the deprecated 1 RSAMD5, 3 DSA, 6 DSA-NSEC3-SHA1, 12 ECC-GOST and the
 * private algorithms 253/254, is *unsupported*: the validator treats a zone signed only with those
 * as insecure (RFC 4035 §5.2, RFC 6840 §5.2), never as valid. A policy may also disable the SHA-1
 * algorithms 5 and 7 (RFC 8624 §3.1 and its successors deprecate them); such a result says so.
 *
 * Two backends sit behind the registry (see crypto/types.ts): `native` (node:crypto) when the
 * runtime has it, else `pure`. Imported keys are cached per backend by algorithm and key bytes, so
 * a DNSKEY is imported once (measured: importing per call cuts RSA-2048 verifies from ~30k/s to
 * ~18k/s on this machine).
 */
import { DnssecAlgorithm, dnssecAlgorithmToString } from '../dns/iana/dnssec-algorithms.ts';
import { KEY_CACHE_ENTRIES, MIN_RSA_MODULUS_BITS, MIN_RSASHA512_MODULUS_BITS, VERIFIED_SIGNATURE_ENTRIES } from './limits.ts';
import { concatBytes, toHex } from './crypto/bytes.ts';
import { parsePublicKey, type KeySpec, type ParsedPublicKey } from './crypto/key-formats.ts';
import { loadNativeBackend } from './crypto/native.ts';
import type { BackendName, CryptoBackend, ImportedKey } from './crypto/types.ts';
import { packageFile, runningFromSource } from '../package-files.ts';

export type { BackendName, CryptoBackend, HashName } from './crypto/types.ts';

/** What the registry knows about one supported algorithm. */
export interface AlgorithmInfo {
  readonly algorithm: number;
  readonly mnemonic: string;
  readonly keySpec: KeySpec;
  /** True for the SHA-1 based algorithms that a policy may disable. */
  readonly usesSha1: boolean;
}

function rsa(algorithm: number, hash: 'sha1' | 'sha256' | 'sha512', minBits: number): AlgorithmInfo {
  return { algorithm, mnemonic: dnssecAlgorithmToString(algorithm), keySpec: { family: 'rsa', hash, minBits }, usesSha1: hash === 'sha1' };
}

/** The supported algorithms. */
export const SUPPORTED_ALGORITHMS: ReadonlyMap<number, AlgorithmInfo> = new Map<number, AlgorithmInfo>([
  [DnssecAlgorithm.RSASHA1, rsa(DnssecAlgorithm.RSASHA1, 'sha1', MIN_RSA_MODULUS_BITS)], // RFC 3110
  [DnssecAlgorithm.RSASHA1_NSEC3_SHA1, rsa(DnssecAlgorithm.RSASHA1_NSEC3_SHA1, 'sha1', MIN_RSA_MODULUS_BITS)], // RFC 5155 §2
  [DnssecAlgorithm.RSASHA256, rsa(DnssecAlgorithm.RSASHA256, 'sha256', MIN_RSA_MODULUS_BITS)], // RFC 5702 §2
  [DnssecAlgorithm.RSASHA512, rsa(DnssecAlgorithm.RSASHA512, 'sha512', MIN_RSASHA512_MODULUS_BITS)], // RFC 5702 §2
  [DnssecAlgorithm.ECDSAP256SHA256, {
    algorithm: 13, mnemonic: 'ECDSAP256SHA256', usesSha1: false,
    keySpec: { family: 'ecdsa', hash: 'sha256', curve: 'P-256', coordinateLength: 32 }, // RFC 6605 §4
  }],
  [DnssecAlgorithm.ECDSAP384SHA384, {
    algorithm: 14, mnemonic: 'ECDSAP384SHA384', usesSha1: false,
    keySpec: { family: 'ecdsa', hash: 'sha384', curve: 'P-384', coordinateLength: 48 },
  }],
  [DnssecAlgorithm.ED25519, {
    algorithm: 15, mnemonic: 'ED25519', usesSha1: false,
    keySpec: { family: 'eddsa', curve: 'Ed25519', keyLength: 32 }, // RFC 8080 §3
  }],
  [DnssecAlgorithm.ED448, {
    algorithm: 16, mnemonic: 'ED448', usesSha1: false,
    keySpec: { family: 'eddsa', curve: 'Ed448', keyLength: 57 },
  }],
]);

/** Crypto policy: what a caller may switch off. */
export interface CryptoPolicy {
  /** Accept the SHA-1 algorithms 5 and 7 (default true: RFC 8624 still requires validating them). */
  readonly allowSha1?: boolean;
}

/** The default policy: every supported algorithm is accepted. */
export const DEFAULT_CRYPTO_POLICY: Readonly<Required<CryptoPolicy>> = Object.freeze({ allowSha1: true });

/** Whether an algorithm can be verified: its registry entry, or a code and words saying why not. */
export type AlgorithmStatus =
  | { readonly supported: true; readonly info: AlgorithmInfo }
  | { readonly supported: false; readonly code: 'algorithm-unsupported' | 'algorithm-disabled'; readonly detail: string };

/** The "supported" status of each algorithm, built once: verifyRRset asks on every call. */
const SUPPORTED_STATUS: ReadonlyMap<number, AlgorithmStatus> = new Map(
  [...SUPPORTED_ALGORITHMS].map(([n, info]) => [n, Object.freeze({ supported: true as const, info })]),
);

/** Whether an algorithm can be verified under a policy, and why not. */
export function algorithmStatus(algorithm: number, policy: CryptoPolicy = DEFAULT_CRYPTO_POLICY): AlgorithmStatus {
  const supported = SUPPORTED_STATUS.get(algorithm);
  if (supported?.supported && !(supported.info.usesSha1 && policy.allowSha1 === false)) return supported;
  const info = SUPPORTED_ALGORITHMS.get(algorithm);
  const label = `algorithm ${algorithm} (${dnssecAlgorithmToString(algorithm)})`;
  if (!info) return { supported: false, code: 'algorithm-unsupported', detail: `${label} is not supported` };
  return { supported: false, code: 'algorithm-disabled', detail: `${label} uses SHA-1, disabled by policy (RFC 8624)` };
}

// ---- backends ---------------------------------------------------------------------------------

let native: CryptoBackend | undefined | null = null;
let pure: CryptoBackend | undefined;

/**
 * The pure backend, loaded on first use: @noble/curves takes ~70 ms to load (measured), and on
 * Node nothing needs it unless asked for (issue #19). Loaded synchronously with require(esm)
 * (Node >= 20.19, the package's engines), so that `getBackend` stays synchronous; crypto/pure.ts
 * itself still uses no Node built-in.
 */
function pureBackend(): CryptoBackend {
  if (pure) return pure;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = proc?.getBuiltinModule?.('node:module') as typeof import('node:module') | undefined;
  if (!nodeModule) throw new Error('the pure crypto backend is loaded through node:module (Node >= 20.19)');
  // Found from the package root: the build bundles this module into a chunk elsewhere in dist/,
  // and builds crypto/pure.ts as an entry point of its own at dist/dnssec/crypto/pure.js.
  const file = runningFromSource() ? packageFile('src', 'dnssec', 'crypto', 'pure.ts') : packageFile('dist', 'dnssec', 'crypto', 'pure.js');
  pure = (nodeModule.createRequire(import.meta.url)(file) as typeof import('./crypto/pure.ts')).pureBackend;
  return pure;
}

/** The native backend if this runtime has node:crypto, else undefined. */
export function nativeBackend(): CryptoBackend | undefined {
  if (native === null) native = loadNativeBackend();
  return native;
}

/** A backend by name; `auto` (the default) is native when available, else pure. */
export function getBackend(name: BackendName | 'auto' = 'auto'): CryptoBackend {
  if (name === 'pure') return pureBackend();
  const n = nativeBackend();
  if (n) return n;
  if (name === 'native') throw new Error('the native crypto backend needs node:crypto, which this runtime lacks');
  return pureBackend();
}

/** The backend used when none is given. */
export function defaultBackend(): CryptoBackend {
  return getBackend('auto');
}

// ---- key import with a cache ------------------------------------------------------------------

/** A parsed and imported key, or why the DNSKEY's key field is not usable. */
export type KeyPrepare =
  | { readonly ok: true; readonly key: ImportedKey; readonly parsed: ParsedPublicKey }
  | { readonly ok: false; readonly detail: string };

interface BackendCache {
  byBytes: Map<string, KeyPrepare>;
  /** Last lookup per key-bytes object, with the algorithm it was parsed for. */
  byObject: WeakMap<Uint8Array, { algorithm: number; entry: KeyPrepare }>;
}
const caches = new WeakMap<CryptoBackend, BackendCache>();

/** The last backend asked for and its cache: one comparison instead of a WeakMap lookup per call. */
let lastBackend: CryptoBackend | undefined;
let lastCache: BackendCache | undefined;

function cacheFor(backend: CryptoBackend): BackendCache {
  if (backend === lastBackend && lastCache) return lastCache;
  let c = caches.get(backend);
  if (!c) {
    c = { byBytes: new Map(), byObject: new WeakMap() };
    caches.set(backend, c);
  }
  lastBackend = backend;
  lastCache = c;
  return c;
}

function bytesKey(algorithm: number, publicKey: Uint8Array): string {
  // latin1 string of the bytes: exact, and cheaper to build than hex or base64
  let s = String.fromCharCode(algorithm);
  const CHUNK = 4096;
  for (let i = 0; i < publicKey.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, publicKey.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return s;
}

/**
 * Parses and imports a DNSKEY public key for a supported algorithm, from the cache when it was
 * seen before (by the same `publicKey` object, or equal bytes).
 */
export function prepareKey(info: AlgorithmInfo, publicKey: Uint8Array, backend: CryptoBackend): KeyPrepare {
  const cache = cacheFor(backend);
  const hit = cache.byObject.get(publicKey);
  if (hit && hit.algorithm === info.algorithm) return hit.entry;
  const k = bytesKey(info.algorithm, publicKey);
  let entry = cache.byBytes.get(k);
  if (!entry) {
    const parsed = parsePublicKey(info.algorithm, info.keySpec, publicKey);
    if (!parsed.ok) entry = { ok: false, detail: `has a malformed key: ${parsed.detail}` };
    else {
      const key = backend.importKey(parsed.key);
      entry = key
        ? { ok: true, key, parsed: parsed.key }
        : { ok: false, detail: `has a malformed key: the ${backend.name} crypto backend rejects it as a ${info.mnemonic} public key` };
    }
    if (cache.byBytes.size >= KEY_CACHE_ENTRIES) {
      const oldest = cache.byBytes.keys().next();
      if (!oldest.done) cache.byBytes.delete(oldest.value);
    }
    cache.byBytes.set(k, entry);
  }
  cache.byObject.set(publicKey, { algorithm: info.algorithm, entry });
  return entry;
}

/** Entries in a backend's key cache (for tests and diagnostics; bounded by KEY_CACHE_ENTRIES). */
export function keyCacheSize(backend: CryptoBackend): number {
  return caches.get(backend)?.byBytes.size ?? 0;
}

/** The signature length a key's algorithm produces (RFC 3110 §3, RFC 6605 §4, RFC 8080 §4). */
export function expectedSignatureLength(parsed: ParsedPublicKey): number {
  switch (parsed.family) {
    case 'rsa':
      return Math.ceil(parsed.modulusBits / 8);
    case 'ecdsa':
      return 2 * parsed.x.length;
    case 'eddsa':
      return parsed.curve === 'Ed25519' ? 64 : 114;
    default: {
      const never: never = parsed;
      return never;
    }
  }
}

/** The outcome of one signature check by {@link verifySignature}. */
export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'key-malformed' | 'signature-malformed' | 'signature-invalid'; readonly detail: string };

const SIGNATURE_OK: SignatureCheck = Object.freeze({ ok: true });

/**
 * Verifies one signature over `data` with a DNSKEY public key of a supported algorithm: the one
 * cryptographic step of RRSIG validation, without any of the RRSIG field checks (rrsig.ts does
 * those).
 */
export function verifySignature(
  info: AlgorithmInfo,
  publicKey: Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
  backend: CryptoBackend = defaultBackend(),
): SignatureCheck {
  const prepared = prepareKey(info, publicKey, backend);
  if (!prepared.ok) return { ok: false, code: 'key-malformed', detail: prepared.detail };
  const want = expectedSignatureLength(prepared.parsed);
  if (signature.length !== want) {
    return { ok: false, code: 'signature-malformed', detail: `has a signature of ${signature.length} octets where ${info.mnemonic} with this key makes ${want}` };
  }
  if (!verifyRemembered(info, publicKey, prepared.key, data, signature, backend)) {
    return { ok: false, code: 'signature-invalid', detail: 'does not verify' };
  }
  return SIGNATURE_OK;
}

/**
 * Outcomes of signature checks by SHA-256 of everything they depend on (backend, algorithm, key,
 * signed data, signature): a check is a pure function of those, so the same RRset signed by the
 * same key, served again from a cache, is not checked again (issue #13: on a warm validator the
 * checks were half of every policy). Time plays no part here: validity windows, key roles and
 * owners are judged by the callers on every use. Failures are remembered too, so replaying a bad
 * signature costs a hash. Kept per backend object (a test's or benchmark's stand-in backend has
 * its own), each bounded by VERIFIED_SIGNATURE_ENTRIES, the oldest dropped first.
 */
const rememberedBy = new WeakMap<CryptoBackend, Map<string, boolean>>();

function verifyRemembered(info: AlgorithmInfo, publicKey: Uint8Array, key: ImportedKey, data: Uint8Array, signature: Uint8Array, backend: CryptoBackend): boolean {
  const lengths = Uint8Array.of(info.algorithm, publicKey.length >> 8, publicKey.length & 0xff, signature.length >> 8, signature.length & 0xff);
  let remembered = rememberedBy.get(backend);
  if (!remembered) rememberedBy.set(backend, (remembered = new Map()));
  const id = toHex(backend.digest('sha256', concatBytes(lengths, publicKey, signature, data)));
  const known = remembered.get(id);
  if (known !== undefined) return known;
  const ok = backend.verify(key, data, signature);
  if (remembered.size >= VERIFIED_SIGNATURE_ENTRIES) remembered.delete(remembered.keys().next().value!);
  remembered.set(id, ok);
  return ok;
}
