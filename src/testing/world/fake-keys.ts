/**
 * Keys that only look like keys: DNSKEY records with random public-key bytes, and RRSIGs with
 * random signature bytes. They serve two break knobs that no real key can:
 * - an algorithm no validator implements (e.g. 12 ECC-GOST, 253 PRIVATEDNS): a validator must see
 *   such a zone as insecure (RFC 4035 §5.2, RFC 6840 §5.2), never as bogus or secure;
 * - KeyTrap (CVE-2023-50387): many DNSKEYs sharing one key tag, each with a failing RRSIG, which a
 *   bounded validator must give up on quickly.
 */
import { randomBytes } from 'node:crypto';
import type { Name } from '../../dns/name.ts';
import { RRType } from '../../dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../../dns/record.ts';
import { keyTag } from '../../dnssec/keytag.ts';
import { makeRR } from './records.ts';

/** DNSKEY flags (RFC 4034 §2.1.1): ZONE (bit 7) and SEP (bit 15). */
export const DNSKEY_FLAG_ZONE = 0x0100;
export const DNSKEY_FLAG_SEP = 0x0001;
/** RFC 4034 §2.1.2: the protocol field is always 3. */
export const DNSKEY_PROTOCOL = 3;
/** Public-key length of a fake key when none is asked for (the size of a P-256 key). */
export const FAKE_PUBLIC_KEY_OCTETS = 64;
/** Signature length of a fake RRSIG when none is asked for (the size of a P-256 signature). */
export const FAKE_SIGNATURE_OCTETS = 64;
/**
 * Values of the last two key octets tried when steering a key tag: the sum of RFC 4034 Appendix B
 * folds one carry, so the first guess is off by at most a few; a 16-bit search is the hard stop.
 */
const TAG_SEARCH_LIMIT = 0x10000;

/** A key without a private half: it can only produce RRSIGs that never verify. */
export interface FakeKey {
  readonly fake: true;
  readonly dnskey: RecordOf<typeof RRType.DNSKEY>;
  readonly keyTag: number;
  readonly algorithm: number;
  readonly signatureOctets: number;
}

export interface FakeKeyOptions {
  /** SEP flag set (a key-signing key). */
  ksk?: boolean;
  publicKeyOctets?: number;
  signatureOctets?: number;
  /** Make the key tag equal this one (KeyTrap). Needs an even public-key length of at least 2. */
  keyTag?: number;
  ttl?: number;
}

/**
 * A DNSKEY of `algorithm` with random key bytes, optionally with a chosen key tag.
 * @throws RangeError for a chosen tag with a key shorter than 2 octets or of odd length (misuse)
 */
export function fakeKey(owner: Name, algorithm: number, options: FakeKeyOptions = {}): FakeKey {
  const len = options.publicKeyOctets ?? FAKE_PUBLIC_KEY_OCTETS;
  const publicKey = new Uint8Array(randomBytes(len));
  const flags = DNSKEY_FLAG_ZONE | (options.ksk ? DNSKEY_FLAG_SEP : 0);
  const ttl = options.ttl ?? 3600;
  const build = () => makeRR(owner, RRType.DNSKEY, ttl, { flags, protocol: DNSKEY_PROTOCOL, algorithm, publicKey });
  let dnskey = build();
  if (options.keyTag !== undefined) {
    if (len < 2 || len % 2 !== 0) throw new RangeError(`a chosen key tag needs an even key length >= 2, got ${len}`);
    // The last two octets form one 16-bit word of the Appendix B sum (the fixed fields are 4 octets).
    publicKey[len - 2] = 0;
    publicKey[len - 1] = 0;
    const base = keyTag(build().rdata);
    const start = (options.keyTag - base) & 0xffff;
    let found = false;
    for (let i = 0; i < TAG_SEARCH_LIMIT && !found; i++) {
      const w = (start - i) & 0xffff;
      publicKey[len - 2] = w >>> 8;
      publicKey[len - 1] = w & 0xff;
      dnskey = build();
      found = keyTag(dnskey.rdata) === options.keyTag;
    }
    if (!found) throw new RangeError(`no key of ${len} octets reaches key tag ${options.keyTag}`);
  }
  return {
    fake: true,
    dnskey,
    keyTag: keyTag(dnskey.rdata),
    algorithm,
    signatureOctets: options.signatureOctets ?? FAKE_SIGNATURE_OCTETS,
  };
}

/** An RRSIG over `rrset` naming `key`, with every field right except the signature, which is random. */
export function fakeSign(
  rrset: readonly ResourceRecord[],
  key: FakeKey,
  options: { signer: Name; inception: number; expiration: number },
): RecordOf<typeof RRType.RRSIG> {
  const first = rrset[0];
  if (!first) throw new RangeError('cannot sign an empty RRset');
  return makeRR(first.name, RRType.RRSIG, first.ttl, {
    typeCovered: first.type,
    algorithm: key.algorithm,
    // RFC 4034 §3.1.3: labels of the owner, a leading `*` not counted.
    labels: first.name.rrsigLabelCount,
    originalTtl: first.ttl,
    expiration: options.expiration >>> 0,
    inception: options.inception >>> 0,
    keyTag: key.keyTag,
    signerName: options.signer,
    signature: new Uint8Array(randomBytes(key.signatureOctets)),
  });
}
