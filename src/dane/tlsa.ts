/**
 * TLSA semantics for SMTP: which records a client may use (RFC 7672 §3.1, RFC 6698 §2.1, RFC 7218
 * names), and the association data a certificate yields for a selector and matching type.
 *
 * Scope: this module knows nothing of DNS lookups or TLS; it takes record data and certificates in
 * DER (or PEM) and returns values. It throws only for caller misuse (an argument that is not a
 * certificate, a selector or matching type outside the registry).
 *
 * Limitation: the SubjectPublicKeyInfo is cut out of the certificate's DER (der.ts), never
 * re-encoded from a parsed key, so keys of algorithms that OpenSSL (and so node:crypto) does not
 * know still yield the exact bytes a TLSA record hashes (RFC 6698 §1.1.2).
 */
import { outOfRange } from '../misuse.ts';
import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { children, DER_SEQUENCE, readElement, type DerElement } from './der.ts';
import type { TLSAData } from '../dns/record.ts';

/** IANA "TLSA Certificate Usages" (RFC 6698 §7.2, RFC 7218 names). Complete as of 2026-11. */
export const TlsaUsage = { PKIX_TA: 0, PKIX_EE: 1, DANE_TA: 2, DANE_EE: 3, PrivCert: 255 } as const;
/** IANA "TLSA Selectors" (RFC 6698 §7.3, RFC 7218 names). Complete as of 2026-11. */
export const TlsaSelector = { Cert: 0, SPKI: 1, PrivSel: 255 } as const;
/** IANA "TLSA Matching Types" (RFC 6698 §7.4, RFC 7218 names). Complete as of 2026-11. */
export const TlsaMatchingType = { Full: 0, SHA2_256: 1, SHA2_512: 2, PrivMatch: 255 } as const;

/** Selectors this library can compute (0 Cert, 1 SPKI). */
export type Selector = 0 | 1;
/** Matching types this library can compute (0 Full, 1 SHA2-256, 2 SHA2-512). */
export type MatchingType = 0 | 1 | 2;

/** Digest lengths in octets by matching type (RFC 6698 §2.1.3). */
export const DIGEST_LENGTH: Readonly<Record<1 | 2, number>> = Object.freeze({ 1: 32, 2: 64 });

/**
 * Upper bound on the DER size of a certificate this module parses. A TLS certificate message
 * is at most 2^24-1 octets, but no real certificate comes near 64 KiB; a bound keeps one peer
 * from making us parse megabytes.
 */
export const MAX_CERTIFICATE_DER_LENGTH = 65_536;

/** Why a TLSA record cannot be used by an SMTP client. */
export type TlsaUnusableCode =
  | 'pkix-usage' // usages 0 and 1: RFC 7672 §3.1.3
  | 'unknown-usage'
  | 'unknown-selector'
  | 'unknown-matching-type'
  | 'digest-length' // matching type 1/2 with data of the wrong length (RFC 7671 §6 treats it as unusable)
  | 'bad-full-data'; // matching type 0 whose data is not a certificate (selector 0) or public key (selector 1)

/** A TLSA record's data together with the verdict on whether an SMTP client may use it. */
export type TlsaClassification =
  | { usable: true; usage: 2 | 3; selector: Selector; matchingType: MatchingType; name: string }
  | { usable: false; code: TlsaUnusableCode; reason: string; name: string };

/** A usable TLSA record (usage 2 or 3, known selector and matching type, right length). */
export interface UsableTlsa {
  certUsage: 2 | 3;
  selector: Selector;
  matchingType: MatchingType;
  certificateAssociationData: Uint8Array;
}

/** `"3 1 1"`: a record's parameters as they appear in presentation form. */
export function tlsaParams(data: Pick<TLSAData, 'certUsage' | 'selector' | 'matchingType'>): string {
  return `${data.certUsage} ${data.selector} ${data.matchingType}`;
}

/**
 * Classifies one TLSA record for SMTP.
 *
 * RFC 7672 §3.1.3: PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP (there is no agreed set of
 * public CAs for MX hosts). RFC 6698 §4.1 / RFC 7671 §4.1: records with unknown parameters are
 * unusable and are skipped, never an error. A digest whose length does not fit its matching type
 * can never match and is unusable too (as OpenSSL's `SSL_dane_tlsa_add` rejects it).
 */
export function classifyTlsa(data: TLSAData): TlsaClassification {
  const name = tlsaParams(data);
  const u = data.certUsage;
  if (u === TlsaUsage.PKIX_TA || u === TlsaUsage.PKIX_EE) {
    return { usable: false, code: 'pkix-usage', name, reason: `usage ${u} (PKIX-${u === 0 ? 'TA' : 'EE'}) is not used for SMTP (RFC 7672 §3.1.3)` };
  }
  if (u !== TlsaUsage.DANE_TA && u !== TlsaUsage.DANE_EE) {
    return { usable: false, code: 'unknown-usage', name, reason: `unknown certificate usage ${u}` };
  }
  const s = data.selector;
  if (s !== 0 && s !== 1) return { usable: false, code: 'unknown-selector', name, reason: `unknown selector ${s}` };
  const m = data.matchingType;
  if (m !== 0 && m !== 1 && m !== 2) {
    return { usable: false, code: 'unknown-matching-type', name, reason: `unknown matching type ${m}` };
  }
  const len = data.certificateAssociationData.length;
  if (m !== 0 && len !== DIGEST_LENGTH[m]) {
    return {
      usable: false,
      code: 'digest-length',
      name,
      reason: `matching type ${m} needs ${DIGEST_LENGTH[m]} octets of digest, the record has ${len}`,
    };
  }
  if (m === 0 && len === 0) {
    return { usable: false, code: 'digest-length', name, reason: 'matching type 0 with empty association data' };
  }
  // As OpenSSL's SSL_dane_tlsa_add (ssl/ssl_lib.c), which Postfix uses: full data must be a
  // certificate (selector 0) or a SubjectPublicKeyInfo (selector 1), of a key algorithm OpenSSL
  // knows, with no trailing bytes; otherwise the record can never match and is unusable.
  if (m === 0 && !(s === 0 ? isUsableCertificate(data.certificateAssociationData) : isUsableSpki(data.certificateAssociationData))) {
    return {
      usable: false,
      code: 'bad-full-data',
      name,
      reason: `matching type 0 data is not a ${s === 0 ? 'certificate' : 'public key'} this library (OpenSSL) can use`,
    };
  }
  return { usable: true, usage: u, selector: s, matchingType: m, name };
}

/** Narrows a record to a {@link UsableTlsa} when {@link classifyTlsa} says it is usable. */
export function asUsableTlsa(data: TLSAData): UsableTlsa | undefined {
  const c = classifyTlsa(data);
  if (!c.usable) return undefined;
  return {
    certUsage: c.usage,
    selector: c.selector,
    matchingType: c.matchingType,
    certificateAssociationData: data.certificateAssociationData,
  };
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

/**
 * Every certificate in a PEM text, as DER, in order. Throws a `TypeError` when there is none:
 * passing something that is not a certificate is caller misuse.
 */
export function pemToDerCertificates(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(PEM_CERT)) {
    out.push(new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
  }
  if (out.length === 0) throw new TypeError('expected a PEM certificate (-----BEGIN CERTIFICATE-----), found none');
  return out;
}

/** DER of a certificate given as DER bytes or PEM text (the first certificate of the text). */
export function certificateDer(cert: string | Uint8Array): Uint8Array {
  if (typeof cert === 'string') return pemToDerCertificates(cert)[0]!;
  if (!(cert instanceof Uint8Array)) throw new TypeError(`expected PEM text or DER Uint8Array, got ${typeof cert}`);
  return cert;
}

/** The parts of a certificate's DER this library reads, as exact byte ranges of the input. */
export interface CertificateParts {
  /** The whole certificate (selector 0). */
  der: Uint8Array;
  /** The SubjectPublicKeyInfo, exactly as encoded in the certificate (selector 1). */
  spki: Uint8Array;
}

/**
 * Splits a certificate's DER into the ranges TLSA hashes, without re-encoding anything.
 * Returns `undefined` when the bytes are not an X.509 certificate (peer data is not a throw).
 *
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
 * TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity,
 *                               subject, subjectPublicKeyInfo, ... }   (RFC 5280 §4.1)
 */
export function certificateParts(der: Uint8Array): CertificateParts | undefined {
  if (der.length === 0 || der.length > MAX_CERTIFICATE_DER_LENGTH) return undefined;
  const cert = readElement(der, 0);
  if (cert?.tag !== DER_SEQUENCE || cert.end !== der.length) return undefined; // trailing bytes too
  const parts = children(der, cert, 3);
  if (parts?.length !== 3 || parts[0]!.tag !== DER_SEQUENCE) return undefined;
  // Seven fields at most up to the key: [0] version, serial, signature, issuer, validity, subject, key.
  const fields: DerElement[] = [];
  for (let at = parts[0]!.contentStart; fields.length < 7 && at < parts[0]!.end; ) {
    const e = readElement(der, at, parts[0]!.end);
    if (!e) return undefined;
    fields.push(e);
    at = e.end;
  }
  // An explicit [0] version (context-specific, constructed) shifts every field by one.
  const spki = fields[(fields[0]?.tag === 0xa0 ? 1 : 0) + 5];
  if (spki?.tag !== DER_SEQUENCE || spki.end === spki.contentStart) return undefined;
  return { der, spki: der.slice(spki.start, spki.end) };
}

/** True when `der` is exactly one certificate whose public key OpenSSL can use. */
function isUsableCertificate(der: Uint8Array): boolean {
  if (!certificateParts(der)) return false;
  try {
    return new X509Certificate(Buffer.from(der)).publicKey !== undefined;
  } catch {
    return false;
  }
}

/** True when `spki` is exactly one SubjectPublicKeyInfo of a key algorithm OpenSSL knows. */
function isUsableSpki(spki: Uint8Array): boolean {
  if (spki.length > MAX_CERTIFICATE_DER_LENGTH) return false;
  try {
    const e = readElement(spki, 0);
    if (e?.tag !== DER_SEQUENCE || e.end !== spki.length) return false;
    createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    return true;
  } catch {
    return false;
  }
}

function digest(matchingType: MatchingType, bytes: Uint8Array): Uint8Array {
  switch (matchingType) {
    case 0:
      return bytes;
    case 1:
      return new Uint8Array(createHash('sha256').update(bytes).digest());
    case 2:
      return new Uint8Array(createHash('sha512').update(bytes).digest());
  }
}

/**
 * The association data of a certificate for one selector and matching type (RFC 6698 §2.1):
 * selector 0 = the whole certificate DER, 1 = its SubjectPublicKeyInfo DER; matching type
 * 0 = those bytes, 1 = SHA-256 of them, 2 = SHA-512. Returns `undefined` when `der` is not a
 * certificate.
 */
export function associationBytes(der: Uint8Array, selector: Selector, matchingType: MatchingType): Uint8Array | undefined {
  const parts = certificateParts(der);
  if (!parts) return undefined;
  return digest(matchingType, selector === 0 ? parts.der : parts.spki);
}

/** Association data of a bare SubjectPublicKeyInfo (for keys, not certificates). */
export function spkiAssociationBytes(spki: Uint8Array, matchingType: MatchingType): Uint8Array {
  return digest(matchingType, spki);
}

function checkParams(selector: unknown, matchingType: unknown): asserts selector is Selector {
  if (selector !== 0 && selector !== 1) throw outOfRange(`expected selector 0 or 1, got ${String(selector)}`);
  if (matchingType !== 0 && matchingType !== 1 && matchingType !== 2) {
    throw outOfRange(`expected matching type 0, 1 or 2, got ${String(matchingType)}`);
  }
}

/**
 * The TLSA certificate association data, in lower-case hex, that a record with this selector and
 * matching type must carry to match `cert` (PEM text or DER bytes; of a PEM bundle, the first
 * certificate). Works for RSA, EC and Ed25519 keys alike, and for any key algorithm, because the
 * SPKI is taken from the DER as is.
 *
 * Throws `TypeError` when `cert` is not a certificate and `RangeError` for a selector or matching
 * type outside 0/1 and 0/1/2: both are caller misuse.
 */
export function tlsaAssociation(cert: string | Uint8Array, selector: 0 | 1, matchingType: 0 | 1 | 2): string {
  checkParams(selector, matchingType);
  const der = certificateDer(cert);
  const bytes = associationBytes(der, selector, matchingType as MatchingType);
  if (!bytes) {
    if (der.length > MAX_CERTIFICATE_DER_LENGTH) throw outOfRange(`expected a certificate of at most ${MAX_CERTIFICATE_DER_LENGTH} octets (MAX_CERTIFICATE_DER_LENGTH), got ${der.length}`);
    throw new TypeError('expected an X.509 certificate, could not parse the DER');
  }
  return Buffer.from(bytes).toString('hex');
}

/** Constant-time-free byte equality: association data is public, so timing does not matter here. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
