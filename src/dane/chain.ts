/**
 * The certification path from a server's leaf up to a DANE-TA trust anchor (RFC 7671 §5.2,
 * RFC 7672 §3.1.2): found among the certificates the server presented, then verified.
 *
 * How: the path is built here, greedily from the leaf, choosing at each step a presented
 * certificate whose subject is the current certificate's issuer and whose key verifies its
 * signature (the anchor preferred when it qualifies); signatures are verified with node:crypto
 * (every algorithm OpenSSL knows, Ed25519 included, which pkijs's WebCrypto engine lacks). The
 * finished path is then handed to pkijs's `CertificateChainValidationEngine`, with the anchor
 * as its only trusted certificate, for validity periods, name chaining, CA basic constraints
 * and key usage, policies and name constraints.
 *
 * Expiry, as OpenSSL's `internal_verify` (crypto/x509/x509_vfy.c) does it for DANE-TA, measured
 * against OpenSSL 3.0.19 with `openssl s_client -dane_tlsa_rrdata` (test/dane/openssl-agreement):
 * every certificate below the anchor is checked against `now`; the anchor certificate itself
 * only when it is self-issued (a root: OpenSSL 3 checks trusted roots "in addition to RFC 5280");
 * an intermediate named by a DANE-TA record is, as RFC 5280 §6.1.1 (d) has it, just a name and a
 * key, and its own dates are not checked. A bare public key (2 1 0 matching no presented
 * certificate; OpenSSL's `check_dane_pkeys`) has no validity period at all. DANE-EE never comes here:
 * OpenSSL's `dane_verify` returns before `internal_verify` for a DANE-EE match, and RFC 7672
 * §3.1.1 says expiry does not apply. Postfix (`src/tls/tls_dane.c`, `tls_dane_enable`) hands
 * its records to OpenSSL's `SSL_dane_tlsa_add`, so its behaviour is OpenSSL's.
 *
 * Limitations: no backtracking when two presented certificates could issue the same one (the
 * first that verifies is taken); no revocation (DANE has none, RFC 7671 §5.2).
 */
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

import { MAX_CHAIN_CERTIFICATES, MAX_SIGNATURE_CHECKS } from './cert-limits.ts';

export { MAX_CHAIN_CERTIFICATES, MAX_SIGNATURE_CHECKS };

/** One presented certificate, parsed once. */
export interface ParsedCertificate {
  der: Uint8Array;
  cert: pkijs.Certificate;
  /** SubjectPublicKeyInfo DER as encoded in the certificate. */
  spki: Uint8Array;
}

/** Parses DER into a pkijs certificate; `undefined` when it is not one. */
export function parseCertificate(der: Uint8Array, spki: Uint8Array): ParsedCertificate | undefined {
  try {
    return { der, cert: pkijs.Certificate.fromBER(der), spki };
  } catch {
    return undefined;
  }
}

/** The trust anchor a DANE-TA record designates. */
export type TrustAnchor =
  /** `fromDns`: the certificate came in a 2 0 0 record, the server did not send it. */
  | { kind: 'certificate'; index: number; fromDns?: boolean }
  | { kind: 'key'; spki: Uint8Array };

/**
 * Why a path to the anchor does not verify. `anchor-unrelated`: an anchor the server did not
 * send (a bare key, a 2 0 0 certificate) signed none of the presented certificates, so the
 * record simply does not match this server; `no-path`: the chain to the anchor is broken.
 */
export type ChainFailureCode = 'anchor-unrelated' | 'no-path' | 'expired' | 'not-yet-valid' | 'not-trusted';

/** The outcome of {@link verifyPathToAnchor}. */
export type ChainCheck =
  | { ok: true; path: number[]; anchorDepth: number }
  | { ok: false; code: ChainFailureCode; reason: string; depth?: number };

function publicKey(spki: Uint8Array): KeyObject | undefined {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    return undefined; // a key algorithm OpenSSL does not know verifies nothing
  }
}

function signedBy(child: ParsedCertificate, key: KeyObject | undefined): boolean {
  if (!key) return false;
  try {
    return new X509Certificate(Buffer.from(child.der)).verify(key);
  } catch {
    return false;
  }
}

function describe(c: ParsedCertificate): string {
  const cn = c.cert.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  const v = cn?.value instanceof asn1js.BaseStringBlock ? cn.value.valueBlock.value : undefined;
  return v !== undefined ? `CN=${v}` : 'a certificate without CN';
}

/** A stand-in certificate carrying a bare anchor key, so pkijs can treat the key as its anchor. */
function syntheticAnchor(spki: Uint8Array, issuedBy: ParsedCertificate): pkijs.Certificate {
  const c = new pkijs.Certificate();
  c.version = 2;
  c.serialNumber = new asn1js.Integer({ value: 1 });
  c.subject = issuedBy.cert.issuer;
  c.issuer = issuedBy.cert.issuer;
  // A bare key has no validity period.
  c.notBefore = new pkijs.Time({ type: 1, value: ALWAYS.notBefore });
  c.notAfter = new pkijs.Time({ type: 1, value: ALWAYS.notAfter });
  c.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(spki);
  const bc = new pkijs.BasicConstraints({ cA: true });
  c.extensions = [new pkijs.Extension({ extnID: '2.5.29.19', critical: true, extnValue: bc.toSchema().toBER(false), parsedValue: bc })];
  c.signature = issuedBy.cert.signatureAlgorithm;
  c.signatureAlgorithm = issuedBy.cert.signatureAlgorithm;
  c.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(1).buffer });
  c.tbsView = new Uint8Array(c.encodeTBS().toBER(false));
  return c;
}

function isSelfIssued(c: ParsedCertificate): boolean {
  return c.cert.subject.isEqual(c.cert.issuer);
}

/** The widest window X.509 can say, for anchors whose dates do not apply. */
const ALWAYS = { notBefore: new Date(Date.UTC(1950, 0, 1)), notAfter: new Date(Date.UTC(9999, 11, 31, 23, 59, 59)) };

/** A copy of an anchor certificate, every extension kept, with a validity period that never ends. */
function withoutValidityPeriod(c: ParsedCertificate): pkijs.Certificate {
  const copy = pkijs.Certificate.fromBER(c.der);
  copy.notBefore = new pkijs.Time({ type: 1, value: ALWAYS.notBefore });
  copy.notAfter = new pkijs.Time({ type: 1, value: ALWAYS.notAfter });
  copy.tbsView = new Uint8Array(copy.encodeTBS().toBER(false));
  return copy;
}

function validityFailure(c: ParsedCertificate, depth: number, now: Date): ChainCheck | undefined {
  const nb = c.cert.notBefore.value;
  const na = c.cert.notAfter.value;
  if (now.getTime() < nb.getTime()) {
    return { ok: false, code: 'not-yet-valid', depth, reason: `${describe(c)} at depth ${depth} is not valid before ${nb.toISOString()} (now ${now.toISOString()})` };
  }
  if (now.getTime() > na.getTime()) {
    return { ok: false, code: 'expired', depth, reason: `${describe(c)} at depth ${depth} expired ${na.toISOString()} (now ${now.toISOString()})` };
  }
  return undefined;
}

/**
 * Finds and verifies the path from `chain[0]` (the leaf) to `anchor`. `chain` is the presented
 * chain (already bounded by the caller to {@link MAX_CHAIN_CERTIFICATES}).
 */
export async function verifyPathToAnchor(
  chain: readonly (ParsedCertificate | undefined)[],
  anchor: TrustAnchor,
  now: Date,
): Promise<ChainCheck> {
  const leaf = chain[0];
  if (!leaf) return { ok: false, code: 'no-path', reason: 'the leaf certificate is missing or could not be parsed' };
  if (anchor.kind === 'certificate' && !chain[anchor.index]) {
    return { ok: false, code: 'no-path', reason: `the anchor certificate at depth ${anchor.index} could not be parsed` };
  }
  const anchorKey = anchor.kind === 'key' ? publicKey(anchor.spki) : undefined;
  if (anchor.kind === 'key' && !anchorKey) {
    return { ok: false, code: 'not-trusted', reason: 'the DANE-TA key in the TLSA record is not a public key this library can use' };
  }
  const anchorIndex = anchor.kind === 'certificate' ? anchor.index : -1;
  // Build the path: indices into `chain`, leaf first.
  const path = [0];
  const used = new Set([0]);
  let checks = 0;
  let reachedKey = false;
  for (;;) {
    const cur = chain[path[path.length - 1]!]!;
    if (anchor.kind === 'certificate' && path[path.length - 1] === anchor.index) break;
    if (path.length > MAX_CHAIN_CERTIFICATES) {
      return { ok: false, code: 'no-path', reason: `no path to the trust anchor within ${MAX_CHAIN_CERTIFICATES} certificates` };
    }
    if (anchor.kind === 'key') {
      if (++checks > MAX_SIGNATURE_CHECKS) break;
      if (signedBy(cur, anchorKey)) {
        reachedKey = true;
        break;
      }
    }
    // Issuer candidates by name (RFC 5280 §6.1.3 (a)(4)), the anchor first, then in sent order.
    // (Certificates that did not parse are skipped: they cannot be on a verified path.)
    const candidates = chain
      .flatMap((c, i) => (c ? [{ c, i }] : []))
      .filter(({ c, i }) => i !== 0 && !used.has(i) && cur.cert.issuer.isEqual(c.cert.subject))
      .sort((a, b) => Number(b.i === anchorIndex) - Number(a.i === anchorIndex) || a.i - b.i);
    let next: number | undefined;
    for (const { c, i } of candidates) {
      if (++checks > MAX_SIGNATURE_CHECKS) break;
      if (signedBy(cur, publicKey(c.spki))) {
        next = i;
        break;
      }
    }
    if (next === undefined) {
      if (anchor.kind === 'key' || anchor.fromDns) {
        const key = anchor.kind === 'key' ? anchorKey : publicKey(chain[anchor.index]!.spki);
        const related = chain.some((c, i) => c && i !== anchorIndex && checks++ < MAX_SIGNATURE_CHECKS && signedBy(c, key));
        if (!related) {
          return { ok: false, code: 'anchor-unrelated', reason: `the ${anchor.kind === 'key' ? 'key' : 'CA certificate'} in the TLSA record signed none of the certificates the server presented` };
        }
      }
      return {
        ok: false,
        code: 'no-path',
        depth: path.length - 1,
        reason: `no presented certificate${anchor.kind === 'key' ? ' and not the DANE-TA key' : ''} issued ${describe(cur)} at depth ${path.length - 1}: the chain to the trust anchor is broken`,
      };
    }
    path.push(next);
    used.add(next);
  }
  if (anchor.kind === 'key' && !reachedKey) {
    return { ok: false, code: 'no-path', reason: `signature check budget (${MAX_SIGNATURE_CHECKS}) exhausted before reaching the DANE-TA key` };
  }

  // Validity of the certificates on the path; the anchor certificate's only if self-issued (see header).
  const topIndex = path[path.length - 1]!;
  const anchorDatesApply = anchor.kind === 'certificate' && isSelfIssued(chain[topIndex]!);
  for (const [depth, i] of path.entries()) {
    if (anchor.kind === 'certificate' && i === topIndex && !anchorDatesApply) continue;
    const f = validityFailure(chain[i]!, depth, now);
    if (f) return f;
  }

  // pkijs for the rest of RFC 5280 path validation, on exactly this path.
  const pathCerts = path.map((i) => chain[i]!.cert);
  const top = pathCerts[pathCerts.length - 1]!;
  const trusted =
    anchor.kind === 'key'
      ? syntheticAnchor(anchor.spki, chain[topIndex]!)
      : anchorDatesApply
        ? top
        : withoutValidityPeriod(chain[topIndex]!); // pkijs would check the anchor's dates
  const untrusted = anchor.kind === 'certificate' ? pathCerts.slice(0, -1) : pathCerts;
  for (const c of [...untrusted, trusted]) if (c.tbsView.byteLength === 0) c.tbsView = new Uint8Array(c.encodeTBS().toBER(false));
  const order = [...untrusted, trusted];
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [trusted],
    certs: [...untrusted].reverse(), // pkijs takes the last one as the leaf
    checkDate: now,
    // Signatures were verified above; here pkijs only walks our path.
    findIssuer: async (c: pkijs.Certificate) => {
      const at = order.findIndex((o) => o === c || Buffer.from(o.tbsView).equals(Buffer.from(c.tbsView)));
      const issuer = at >= 0 ? order[at + 1] : undefined;
      return issuer ? [issuer] : [];
    },
  });
  let verdict: { result: boolean; resultMessage?: string };
  try {
    verdict = await engine.verify({ passedWhenNotRevValues: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : typeof e === 'object' && e && 'resultMessage' in e ? String(e.resultMessage) : String(e);
    return { ok: false, code: 'not-trusted', reason: `path validation failed: ${msg}` };
  }
  if (!verdict.result) {
    return { ok: false, code: 'not-trusted', reason: `path validation failed: ${verdict.resultMessage ?? 'no reason given'}` };
  }
  // Depth as OpenSSL reports it: the anchor certificate's, or for a bare key the certificate it signed.
  return { ok: true, path, anchorDepth: path.length - 1 };
}
