/**
 * Test keys and RRSIG signing for every supported DNSSEC algorithm, with node:crypto.
 *
 * The test world's zone signer builds on this; so do our crypto tests, which cross-check these
 * signatures with independent implementations (ldns, BIND) so that our signer and our verifier
 * cannot agree on the same mistake. Not for production keys: private keys live in memory only.
 */
import {
  generateKeyPairSync,
  sign as nodeSign,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import { DnssecAlgorithm, dnssecAlgorithmToString } from '../dns/iana/dnssec-algorithms.ts';
import type { DNSKEYData, RecordOf, ResourceRecord, RRSIGData } from '../dns/record.ts';
import { createRR, encodeRdata } from '../dns/rdata/index.ts';
import { SUPPORTED_ALGORITHMS } from '../dnssec/algorithms.ts';
import { keyTag } from '../dnssec/keytag.ts';
import { buildSignedData, DNSKEY_FLAG_REVOKE, DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE, DNSKEY_PROTOCOL, rrsigFixedOctets } from '../dnssec/rrsig.ts';
import { toSerialTime } from '../dnssec/serial.ts';

/** The algorithms the test signer can make keys for (every supported one). */
export const SIGNING_ALGORITHMS: readonly number[] = [...SUPPORTED_ALGORITHMS.keys()];

/** RSA modulus size when none is asked for: small enough to generate fast, large enough for RSASHA512. */
export const DEFAULT_TEST_RSA_BITS = 2048;

/** Options of {@link generateKey}. */
export interface GenerateKeyOptions {
  /** Key-signing key: flags 257 (ZONE | SEP) instead of 256 (ZONE). */
  ksk?: boolean;
  /** Explicit flags (overrides `ksk`), e.g. without ZONE or with REVOKE for negative tests. */
  flags?: number;
  /** RSA modulus size in bits (default DEFAULT_TEST_RSA_BITS). */
  bits?: number;
}

/** A generated key: its DNSKEY parts and the private key that signs for it. */
export interface TestKey {
  readonly algorithm: number;
  readonly flags: number;
  /** The DNSKEY public key field (RFC 3110 / RFC 6605 / RFC 8080 format). */
  readonly publicKey: Uint8Array;
  readonly dnskeyData: DNSKEYData;
  /** DNSKEY RDATA in wire form. */
  readonly dnskeyRdata: Uint8Array;
  readonly keyTag: number;
  readonly privateKey: KeyObject;
  /** The DNSKEY record at `owner`. */
  dnskey(owner: Name, ttl?: number): RecordOf<typeof RRType.DNSKEY>;
}

function b64u(s: string | undefined, what: string): Uint8Array {
  if (s === undefined) throw new Error(`JWK export lacks ${what}`);
  return new Uint8Array(Buffer.from(s, 'base64url'));
}

function leftPad(b: Uint8Array, n: number): Uint8Array {
  if (b.length >= n) return b;
  const out = new Uint8Array(n);
  out.set(b, n - b.length);
  return out;
}

/** The DNSKEY public key field for a node:crypto public key JWK. */
export function publicKeyField(algorithm: number, jwk: JsonWebKey): Uint8Array {
  const spec = SUPPORTED_ALGORITHMS.get(algorithm)?.keySpec;
  if (!spec) throw new RangeError(`algorithm ${algorithm} (${dnssecAlgorithmToString(algorithm)}) is not supported`);
  switch (spec.family) {
    case 'rsa': {
      // RFC 3110 §2: exponent length in one octet (or 0 + two octets), exponent, modulus.
      const e = b64u(jwk.e, 'e');
      const n = b64u(jwk.n, 'n');
      const head = e.length <= 255 ? Uint8Array.of(e.length) : Uint8Array.of(0, e.length >> 8, e.length & 0xff);
      const out = new Uint8Array(head.length + e.length + n.length);
      out.set(head, 0);
      out.set(e, head.length);
      out.set(n, head.length + e.length);
      return out;
    }
    case 'ecdsa': {
      // RFC 6605 §4: X || Y, each the full coordinate length.
      const len = spec.coordinateLength;
      const out = new Uint8Array(2 * len);
      out.set(leftPad(b64u(jwk.x, 'x'), len), 0);
      out.set(leftPad(b64u(jwk.y, 'y'), len), len);
      return out;
    }
    case 'eddsa':
      return b64u(jwk.x, 'x'); // RFC 8080 §3
    default: {
      const never: never = spec;
      return never;
    }
  }
}

function generateKeyObject(algorithm: number, bits: number): KeyObject {
  const spec = SUPPORTED_ALGORITHMS.get(algorithm)?.keySpec;
  if (!spec) throw new RangeError(`cannot generate keys for algorithm ${algorithm} (${dnssecAlgorithmToString(algorithm)})`);
  switch (spec.family) {
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 }).privateKey;
    case 'ecdsa':
      return generateKeyPairSync('ec', { namedCurve: spec.curve }).privateKey;
    case 'eddsa':
      return spec.curve === 'Ed25519' ? generateKeyPairSync('ed25519').privateKey : generateKeyPairSync('ed448').privateKey;
    default: {
      const never: never = spec;
      return never;
    }
  }
}

/** Wraps an existing private key (e.g. one loaded from a fixture) as a TestKey. */
export function testKeyFromPrivate(algorithm: number, privateKey: KeyObject, flags: number = DNSKEY_FLAG_ZONE): TestKey {
  const jwk = privateKey.export({ format: 'jwk' });
  const publicKey = publicKeyField(algorithm, jwk);
  const dnskeyData: DNSKEYData = { flags, protocol: DNSKEY_PROTOCOL, algorithm, publicKey };
  const dnskeyRdata = encodeRdata(RRType.DNSKEY, dnskeyData);
  const tag = keyTag(dnskeyRdata);
  return {
    algorithm,
    flags,
    publicKey,
    dnskeyData,
    dnskeyRdata,
    keyTag: tag,
    privateKey,
    dnskey(owner: Name, ttl = 3600) {
      return createRR({ name: owner, type: RRType.DNSKEY, ttl, data: dnskeyData }) as RecordOf<typeof RRType.DNSKEY>;
    },
  };
}

/**
 * A fresh key pair for a DNSSEC algorithm (5, 7, 8, 10, 13, 14, 15, 16).
 * @throws RangeError for an algorithm the signer does not support
 */
export function generateKey(algorithm: number, options: GenerateKeyOptions = {}): TestKey {
  const flags = options.flags ?? (options.ksk ? DNSKEY_FLAG_ZONE | DNSKEY_FLAG_SEP : DNSKEY_FLAG_ZONE);
  return testKeyFromPrivate(algorithm, generateKeyObject(algorithm, options.bits ?? DEFAULT_TEST_RSA_BITS), flags);
}

/** The same key with other flags (e.g. the REVOKE bit set, RFC 5011): a new DNSKEY and key tag. */
export function withFlags(key: TestKey, flags: number): TestKey {
  return testKeyFromPrivate(key.algorithm, key.privateKey, flags);
}

/** The REVOKEd form of a key (RFC 5011 §2.1). */
export function revoked(key: TestKey): TestKey {
  return withFlags(key, key.flags | DNSKEY_FLAG_REVOKE);
}

/** Options of {@link signRRset}: the RRSIG fields; the defaults make a valid signature. */
export interface SignOptions {
  /** The signer's name (the zone apex). */
  signer: Name;
  /** Start of validity: a Date, or an RRSIG time (seconds modulo 2^32). */
  inception: Date | number;
  /** End of validity: a Date, or an RRSIG time. */
  expiration: Date | number;
  /** Labels field (default: the owner's label count without a leading `*`, RFC 4034 §3.1.3). */
  labels?: number;
  /** Original TTL field (default: the TTL of the first record). */
  originalTtl?: number;
  /** Key tag field (default: the key's); set it to make a deliberately wrong RRSIG. */
  keyTag?: number;
  /** Algorithm field (default: the key's). */
  algorithm?: number;
  /** Type covered (default: the RRset's type). */
  typeCovered?: number;
}

function toTime(t: Date | number): number {
  return typeof t === 'number' ? t >>> 0 : toSerialTime(t);
}

/** Signs raw data with a test key as its DNSSEC algorithm does (RFC 3110/5702, 6605, 8080). */
export function signData(key: TestKey, data: Uint8Array): Uint8Array {
  const spec = SUPPORTED_ALGORITHMS.get(key.algorithm)!.keySpec;
  let sig: Buffer;
  switch (spec.family) {
    case 'rsa':
      sig = nodeSign(spec.hash, data, key.privateKey);
      break;
    case 'ecdsa':
      sig = nodeSign(spec.hash, data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
      break;
    case 'eddsa':
      sig = nodeSign(null, data, key.privateKey);
      break;
    default: {
      const never: never = spec;
      return never;
    }
  }
  return new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength);
}

/**
 * An RRSIG over an RRset made with a test key (RFC 4034 §3.1.8.1 signed data).
 * @throws RangeError for an empty RRset
 */
export function signRRset(rrset: readonly ResourceRecord[], key: TestKey, options: SignOptions): RecordOf<typeof RRType.RRSIG> {
  const first = rrset[0];
  if (!first) throw new RangeError('expected a non-empty RRset');
  const fixed = {
    typeCovered: options.typeCovered ?? first.type,
    algorithm: options.algorithm ?? key.algorithm,
    labels: options.labels ?? first.name.rrsigLabelCount,
    originalTtl: options.originalTtl ?? first.ttl,
    expiration: toTime(options.expiration),
    inception: toTime(options.inception),
    keyTag: options.keyTag ?? key.keyTag,
  };
  const data = buildSignedData(rrset, rrsigFixedOctets(fixed), options.signer, fixed.labels, fixed.originalTtl);
  const signature = signData(key, data);
  const rrsigData: RRSIGData = { ...fixed, signerName: options.signer, signature };
  return createRR({ name: first.name, type: RRType.RRSIG, class: first.class, ttl: fixed.originalTtl, data: rrsigData }) as RecordOf<typeof RRType.RRSIG>;
}

/**
 * `count` DNSKEY RDATA public keys of `algorithm` whose key tag is `tag`, made of random bytes
 * with the last two octets solved for the tag: a KeyTrap-style collision set (CVE-2023-50387).
 * They are not real key pairs; some may not even parse as keys. Deterministic for a given `seed`.
 */
export function keysWithTag(owner: Name, algorithm: number, tag: number, count: number, seed = 1, flags: number = DNSKEY_FLAG_ZONE): RecordOf<typeof RRType.DNSKEY>[] {
  const spec = SUPPORTED_ALGORITHMS.get(algorithm)?.keySpec;
  const len = spec?.family === 'eddsa' ? spec.keyLength : spec?.family === 'ecdsa' ? 2 * spec.coordinateLength : 260;
  let state = seed >>> 0 || 1;
  const rand = () => {
    // xorshift32: reproducible filler, not randomness anyone relies on
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state & 0xff;
  };
  const out: RecordOf<typeof RRType.DNSKEY>[] = [];
  while (out.length < count) {
    const pk = new Uint8Array(len);
    for (let i = 0; i < len; i++) pk[i] = rand();
    if (spec?.family === 'rsa') pk[0] = 3; // exponent length 3: e = 3 bytes, then a modulus
    const rdata = new Uint8Array(4 + len);
    rdata[0] = flags >> 8;
    rdata[1] = flags & 0xff;
    rdata[2] = DNSKEY_PROTOCOL;
    rdata[3] = algorithm;
    rdata.set(pk, 4);
    // RFC 4034 App. B sum over all but the last two octets, then solve for those two: their
    // contribution is a 16-bit value c (high octet at the even index), and the tag is the folded sum.
    const hi = rdata.length - 2;
    let ac = 0;
    for (let i = 0; i < hi; i++) ac += i & 1 ? rdata[i]! : rdata[i]! << 8;
    let found = false;
    for (let c = 0; c < 0x10000 && !found; c++) {
      const v = ac + c;
      if (((v + ((v >>> 16) & 0xffff)) & 0xffff) !== tag) continue;
      const [evenOctet, oddOctet] = [c >> 8, c & 0xff];
      rdata[hi] = hi & 1 ? oddOctet : evenOctet;
      rdata[hi + 1] = hi & 1 ? evenOctet : oddOctet;
      found = keyTag(rdata) === tag;
    }
    if (!found) continue;
    out.push(createRR({ name: owner, type: RRType.DNSKEY, ttl: 3600, data: { flags, protocol: DNSKEY_PROTOCOL, algorithm, publicKey: rdata.slice(4) } }) as RecordOf<typeof RRType.DNSKEY>);
  }
  return out;
}

export { DnssecAlgorithm };
