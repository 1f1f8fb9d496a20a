/**
 * Certificates made at run time for tests and the demo: self-signed leaves, private CA chains,
 * with RSA, EC P-256 or Ed25519 keys, any names and any validity window (expired ones too).
 *
 * Keys come from node:crypto, the certificate structure from pkijs, and the signature from
 * node:crypto over the exact TBS bytes, so Ed25519 works even though pkijs's WebCrypto engine
 * does not sign with it. Nothing here is secret or committed: every key lives only in memory.
 *
 * For tests only: no serial-number uniqueness guarantees beyond randomness, no revocation data.
 */
import { createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** Key algorithms the test certificates can carry. */
export type TestKeyType = 'rsa' | 'ec' | 'ed25519';

/** A key pair for a test certificate. */
export interface TestKey {
  type: TestKeyType;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
}

/** A test certificate with its key. */
export interface TestCert {
  der: Uint8Array;
  pem: string;
  key: TestKey;
  /** PKCS#8 PEM of the private key (for node:tls `key`). */
  keyPem: string;
  subjectCN: string;
}

/** RSA modulus size for test keys: the smallest size current OpenSSL security levels accept. */
export const TEST_RSA_BITS = 2048;
const DAY_MS = 86_400_000;
/** Default validity of a test certificate around `now`: from one day before to this many days after. */
export const TEST_VALIDITY_DAYS = 30;

/** Makes a fresh key pair. RSA takes tens of milliseconds; reuse keys across certificates in tests. */
export function generateTestKey(type: TestKeyType): TestKey {
  const pair =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: TEST_RSA_BITS })
      : type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  const spki = new Uint8Array(pair.publicKey.export({ type: 'spki', format: 'der' }));
  return { type, privateKey: pair.privateKey, publicKey: pair.publicKey, spki };
}

const SIGNATURE_OID: Record<TestKeyType, string> = {
  rsa: '1.2.840.113549.1.1.11', // sha256WithRSAEncryption (RFC 4055)
  ec: '1.2.840.10045.4.3.2', // ecdsa-with-SHA256 (RFC 5758)
  ed25519: '1.3.101.112', // id-Ed25519 (RFC 8410)
};

function signatureAlgorithm(type: TestKeyType): pkijs.AlgorithmIdentifier {
  // RFC 4055 §5: RSA PKCS#1 v1.5 identifiers carry NULL parameters; ECDSA and EdDSA carry none.
  return type === 'rsa'
    ? new pkijs.AlgorithmIdentifier({ algorithmId: SIGNATURE_OID[type], algorithmParams: new asn1js.Null() })
    : new pkijs.AlgorithmIdentifier({ algorithmId: SIGNATURE_OID[type] });
}

function cnName(cn: string): pkijs.RelativeDistinguishedNames {
  const rdn = new pkijs.RelativeDistinguishedNames();
  rdn.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) }));
  return rdn;
}

function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}

/** Options for {@link createTestCertificate}. */
export interface TestCertOptions {
  subjectCN: string;
  /** subjectAltName dNSName entries; none means no SAN extension at all. */
  dnsNames?: string[];
  /** Key of the new certificate; a fresh one of `keyType` when absent. */
  key?: TestKey;
  keyType?: TestKeyType;
  /** The issuing certificate; self-signed when absent. */
  issuer?: TestCert;
  /** A CA certificate (basicConstraints cA, keyCertSign). */
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** The clock to centre the default validity on. */
  now?: Date;
}

/** Makes one certificate, signed by `issuer` or by itself. */
export function createTestCertificate(o: TestCertOptions): TestCert {
  const key = o.key ?? generateTestKey(o.keyType ?? 'ec');
  const now = o.now ?? new Date();
  const signer = o.issuer?.key ?? key;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  // Positive and minimally encoded (RFC 5280 §4.1.2.2, X.690 §8.3.2): a first octet of 0x01-0x7f.
  // (A leading 0x00 made one certificate in ~256 unparseable for OpenSSL: a flaky test, measured.)
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.subject = cnName(o.subjectCN);
  cert.issuer = cnName(o.issuer?.subjectCN ?? o.subjectCN);
  cert.notBefore = new pkijs.Time({ type: 0, value: o.notBefore ?? new Date(now.getTime() - DAY_MS) });
  cert.notAfter = new pkijs.Time({ type: 0, value: o.notAfter ?? new Date(now.getTime() + TEST_VALIDITY_DAYS * DAY_MS) });
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(key.spki);
  const extensions: pkijs.Extension[] = [];
  if (o.ca) {
    const bc = new pkijs.BasicConstraints({ cA: true });
    extensions.push(new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: bc.toSchema().toBER(false), parsedValue: bc }));
    // keyCertSign (bit 5) + cRLSign (bit 6): first octet 0x06, 1 unused bit.
    const ku = new asn1js.BitString({ valueHex: new Uint8Array([0x06]).buffer, unusedBits: 1 });
    extensions.push(new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: ku.toBER(false), parsedValue: ku }));
  }
  if (o.dnsNames && o.dnsNames.length > 0) {
    const san = new pkijs.AltName({ altNames: o.dnsNames.map((d) => new pkijs.GeneralName({ type: 2, value: d })) });
    extensions.push(new pkijs.Extension({ extnID: '2.5.29.17', critical: false, extnValue: san.toSchema().toBER(false), parsedValue: san }));
  }
  if (extensions.length > 0) cert.extensions = extensions;
  cert.signature = signatureAlgorithm(signer.type);
  cert.signatureAlgorithm = signatureAlgorithm(signer.type);
  const tbs = new Uint8Array(cert.encodeTBS().toBER(false));
  cert.tbsView = tbs;
  const sig = sign(signer.type === 'ed25519' ? null : 'sha256', tbs, signer.privateKey);
  cert.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(sig).buffer });
  const der = new Uint8Array(cert.toSchema(false).toBER(false));
  const keyPem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { der, pem: toPem('CERTIFICATE', der), key, keyPem, subjectCN: o.subjectCN };
}

/** A private CA hierarchy: root -> intermediate(s) -> leaf. */
export interface TestChain {
  root: TestCert;
  /** The leaf's issuer: `intermediates[0]`. */
  intermediate: TestCert;
  /**
   * Every intermediate CA in issuance order from the leaf: `intermediates[0]` issued the leaf,
   * each one was issued by the next, and the last by the root. Presenting
   * `[leaf, ...intermediates]` is a chain in the order RFC 8446 §4.4.2 asks for.
   */
  intermediates: TestCert[];
  leaf: TestCert;
}

/** Options for {@link createTestChain}. */
export interface TestChainOptions {
  leafCN: string;
  leafDnsNames?: string[];
  keyType?: TestKeyType;
  /** Reuse keys (root, the leaf's issuer, leaf) to save RSA generation time. */
  keys?: { root?: TestKey; intermediate?: TestKey; leaf?: TestKey };
  now?: Date;
  /** Validity overrides per certificate (`intermediateValidity`: the leaf's issuer only). */
  leafValidity?: { notBefore: Date; notAfter: Date };
  intermediateValidity?: { notBefore: Date; notAfter: Date };
  /**
   * Intermediate CAs between the root and the leaf (default 1; an integer from 1 up). Beyond the
   * first, each gets a fresh key of `keyType`. Measured for 50: EC about 80 ms (170 ms cold),
   * Ed25519 about 50 ms, RSA about 9 s (2048-bit key generation, ~180 ms a key, dominates).
   */
  intermediates?: number;
}

/**
 * Makes a root CA, a line of intermediate CAs issued from it (one by default), and a leaf issued
 * by the last of them. Intermediates are named "Test Intermediate CA" (the leaf's issuer, as
 * before there were several), "Test Intermediate CA 2" (its issuer), ... so that a path builder
 * can link them by name.
 * @throws RangeError when `intermediates` is not an integer of at least 1
 */
export function createTestChain(o: TestChainOptions): TestChain {
  const count = o.intermediates ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`expected intermediates to be an integer of at least 1, got ${count}`);
  const keyType = o.keyType ?? 'ec';
  const now = o.now ?? new Date();
  const root = createTestCertificate({ subjectCN: 'Test Root CA', ca: true, key: o.keys?.root, keyType, now });
  // Made from the root down; intermediates[0] (the leaf's issuer) is made last.
  const intermediates: TestCert[] = [];
  for (let depth = count; depth >= 1; depth--) {
    const first = depth === 1;
    intermediates.unshift(
      createTestCertificate({
        subjectCN: first ? 'Test Intermediate CA' : `Test Intermediate CA ${depth}`,
        ca: true,
        issuer: intermediates[0] ?? root,
        key: first ? o.keys?.intermediate : undefined,
        keyType,
        now,
        ...(first ? o.intermediateValidity : {}),
      }),
    );
  }
  const intermediate = intermediates[0]!;
  const leaf = createTestCertificate({
    subjectCN: o.leafCN,
    dnsNames: o.leafDnsNames,
    issuer: intermediate,
    key: o.keys?.leaf,
    keyType,
    now,
    ...o.leafValidity,
  });
  return { root, intermediate, intermediates, leaf };
}

/** PEM of several certificates, in the order given (for node:tls `cert`: leaf first). */
export function pemBundle(certs: readonly TestCert[]): string {
  return certs.map((c) => c.pem).join('');
}

/** A key's SPKI as a node:crypto public key (for checks in tests). */
export function publicKeyFromSpki(spki: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}
