/**
 * Keys that only look like keys: DNSKEY records with random public-key bytes, and RRSIGs with
 * random signature bytes. They serve two break knobs that no real key can:
 * - an algorithm no validator implements (e.g. 12 ECC-GOST, 253 PRIVATEDNS): a validator must see
 *   such a zone as insecure (RFC 4035 §5.2, RFC 6840 §5.2), never as bogus or secure;
 * - KeyTrap (CVE-2023-50387): RRSIGs that name a key tag shared by many DNSKEYs (those come from
 *   keys.ts `keysWithTag`) and never verify, which a bounded validator must give up on quickly.
 */
import { randomBytes } from 'node:crypto';
import type { Name } from '../../dns/name.ts';
import { RRType } from '../../dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../../dns/record.ts';
import { keyTag } from '../../dnssec/keytag.ts';
import { DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE, DNSKEY_PROTOCOL } from '../../dnssec/rrsig.ts';
import { makeRR } from './records.ts';

/** Public-key length of a fake key when none is asked for (the size of a P-256 key). */
export const FAKE_PUBLIC_KEY_OCTETS = 64;
/** Signature length of a fake RRSIG when none is asked for (the size of a P-256 signature). */
export const FAKE_SIGNATURE_OCTETS = 64;

/** What a fake RRSIG names: an algorithm, a key tag, and how long its random signature is. */
export interface FakeSigner {
  readonly algorithm: number;
  readonly keyTag: number;
  readonly signatureOctets: number;
}

/** A key without a private half: it can only produce RRSIGs that never verify. */
export interface FakeKey extends FakeSigner {
  readonly fake: true;
  readonly dnskey: RecordOf<typeof RRType.DNSKEY>;
}

export interface FakeKeyOptions {
  /** SEP flag set (a key-signing key). */
  ksk?: boolean;
  publicKeyOctets?: number;
  signatureOctets?: number;
  ttl?: number;
}

/** A DNSKEY of `algorithm` (any number, supported or not) with random key bytes. */
export function fakeKey(owner: Name, algorithm: number, options: FakeKeyOptions = {}): FakeKey {
  const publicKey = new Uint8Array(randomBytes(options.publicKeyOctets ?? FAKE_PUBLIC_KEY_OCTETS));
  const flags = DNSKEY_FLAG_ZONE | (options.ksk ? DNSKEY_FLAG_SEP : 0);
  const dnskey = makeRR(owner, RRType.DNSKEY, options.ttl ?? 3600, { flags, protocol: DNSKEY_PROTOCOL, algorithm, publicKey });
  return {
    fake: true,
    dnskey,
    keyTag: keyTag(dnskey.rdata),
    algorithm,
    signatureOctets: options.signatureOctets ?? FAKE_SIGNATURE_OCTETS,
  };
}

/** An RRSIG over `rrset` naming `signer`'s algorithm and key tag, every field right but the random signature. */
export function fakeSign(
  rrset: readonly ResourceRecord[],
  key: FakeSigner,
  options: { signer: Name; inception: number; expiration: number },
): RecordOf<typeof RRType.RRSIG> {
  const first = rrset[0];
  if (!first) throw new RangeError('expected a non-empty RRset');
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
