/**
 * A server's certificate chain against a TLSA RRset, as an SMTP client does it (RFC 7672 §3).
 *
 * - DANE-EE (3 x x), checked first: the leaf's SPKI (selector 1) or whole certificate
 *   (selector 0), digested per the matching type, equals the record's data. Names and validity
 *   dates are ignored (RFC 7672 §3.1.1); nothing else of the chain matters.
 * - DANE-TA (2 x x): a certificate of the presented chain above the leaf matches the record (or,
 *   for `2 1 0` / `2 0 0`, the record's full key or CA certificate issued a presented certificate,
 *   RFC 7672 §3.1.2, as OpenSSL's `dane_tlsa_add` supports); the path from the leaf to that anchor must verify (see chain.ts: signatures,
 *   validity, CA constraints), and the leaf must name a reference identifier (RFC 7672 §3.2.2-3.2.3:
 *   the TLSA base domain and the MX host name; see cert-names.ts).
 *
 * - Digest algorithm agility (RFC 7671 §9): per usage and selector, only the strongest digest
 *   published counts, as in OpenSSL (measured with `openssl s_client`: `3 1 2` for another key
 *   beside a matching `3 1 1` fails).
 *
 * Results are values; every usable and unusable record gets a line saying what became of it.
 * Throws only when the caller passes no reference identifiers.
 *
 * A DANE-TA record matching the leaf itself (depth 0) is not an anchor, as in OpenSSL's
 * `check_dane_issuer` (crypto/x509/x509_vfy.c): a trust anchor issues the server's certificate;
 * the record line says to publish 3 x x for the leaf instead. Reported depths count along the
 * verified path, as OpenSSL's `SSL_get0_dane_authority` does, not positions in what was sent.
 */
import { outOfRange } from '../misuse.ts';
import { createHash, X509Certificate } from 'node:crypto';
import type { TLSAData } from '../dns/record.ts';
import {
  bytesEqual,
  certificateParts,
  MAX_CERTIFICATE_DER_LENGTH,
  classifyTlsa,
  spkiAssociationBytes,
  tlsaParams,
  type MatchingType,
  type Selector,
} from './tlsa.ts';
import type { ParsedCertificate, TrustAnchor } from './chain.ts';
import { MAX_CHAIN_CERTIFICATES, MAX_PRESENTED_NAMES } from './cert-limits.ts';

/**
 * The DANE-TA machinery: path validation and name checks, on pkijs (~85 ms to load, measured).
 * Loaded on the first DANE-TA record that matches something, not when the library is imported:
 * DANE-EE, by far the common case for SMTP, never needs it (issue #19).
 */
type DaneTa = typeof import('./chain.ts') & typeof import('./cert-names.ts');
let daneTaModules: Promise<DaneTa> | undefined;
function loadDaneTa(): Promise<DaneTa> {
  return (daneTaModules ??= Promise.all([import('./chain.ts'), import('./cert-names.ts')]).then(([chain, names]) => ({ ...chain, ...names })));
}
import type { TlsRptResultType } from './tlsrpt.ts';

/** What {@link matchChain} needs. */
export interface MatchInput {
  /** The chain as the server sent it, DER, leaf first. */
  chain: readonly Uint8Array[];
  /** The TLSA RRset's data, usable and unusable records alike. */
  records: readonly TLSAData[];
  /**
   * Reference identifiers for DANE-TA name checks (RFC 7672 §3.2.3): the TLSA base domain, the
   * MX host name as in the MX record, and for a non-MX destination the next-hop domain.
   */
  referenceIdentifiers: readonly string[];
  /** The clock for DANE-TA validity checks; the current time when absent. */
  now?: Date;
  /** Certificate parses shared by the matches of one call (verifyDane passes one). */
  parseCache?: CertificateParseCache;
}

/** What became of one record. */
export interface RecordOutcome {
  /** Position in `records`. */
  index: number;
  /** `"3 1 1"`. */
  params: string;
  usable: boolean;
  matched: boolean;
  /**
   * Depth of the match along the verified path (0 = leaf, 1 = its issuer ...); for a bare key,
   * the depth of the certificate it signed (as OpenSSL reports it).
   */
  depth?: number;
  reason: string;
}

/** Why no record authenticated the server. */
export type MatchFailureCode =
  | 'no-certificate' // empty chain
  | 'bad-certificate' // the leaf is not an X.509 certificate
  | 'no-usable-records' // RRset with nothing usable
  | 'no-match' // no usable record matched any presented certificate or key
  | 'chain-not-trusted' // a DANE-TA anchor matched but the path to it did not verify
  | 'certificate-expired' // a certificate below the DANE-TA anchor (or a self-issued anchor) is outside its validity period
  | 'name-mismatch'; // the DANE-TA path verified but the leaf names no reference identifier

/** The verdict of {@link matchChain}. */
export type MatchResult =
  | {
      ok: true;
      usage: 'DANE-EE' | 'DANE-TA';
      record: TLSAData;
      recordIndex: number;
      depth: number;
      /** For DANE-TA: the reference identifier matched and the presented name that matched it. */
      name?: { reference: string; presented: string };
      reason: string;
      records: RecordOutcome[];
    }
  | {
      ok: false;
      code: MatchFailureCode;
      tlsrpt: TlsRptResultType;
      reason: string;
      records: RecordOutcome[];
    };

const FAILURE_TLSRPT: Record<MatchFailureCode, TlsRptResultType> = {
  'no-certificate': 'validation-failure',
  'bad-certificate': 'validation-failure',
  'no-usable-records': 'tlsa-invalid',
  'no-match': 'tlsa-invalid',
  'chain-not-trusted': 'certificate-not-trusted',
  'certificate-expired': 'certificate-expired',
  'name-mismatch': 'certificate-host-mismatch',
};
/** When several DANE-TA anchors fail differently, the most specific failure is reported. */
const FAILURE_RANK: Record<MatchFailureCode, number> = {
  'name-mismatch': 4,
  'certificate-expired': 3,
  'chain-not-trusted': 2,
  'no-match': 1,
  'no-usable-records': 0,
  'bad-certificate': 0,
  'no-certificate': 0,
};

/**
 * What was read from each certificate in one call, by SHA-256 of its DER: the same chain served at
 * many addresses is read once (each read of a 59 KB leaf with 6000 names cost ~25 ms in asn1js and
 * ~600 ms in pkijs, measured). Bounded by the call's sessions and MAX_CHAIN_CERTIFICATES.
 */
export type CertificateParseCache = Map<string, PresentedCert>;

/** A certificate as the server presented it, read lazily. */
export interface PresentedCert {
  der: Uint8Array;
  spki: Uint8Array | undefined;
  /** The pkijs parse, made only when a DANE-TA record needs it (DANE-EE needs none). */
  parsed(ta: DaneTa): ParsedCertificate | undefined;
  /** subjectAltName entries, counted by node's X509 before any pkijs work (undefined: not readable). */
  sanCount(): number | undefined;
}

function presentedCert(der: Uint8Array, cache: CertificateParseCache | undefined): PresentedCert {
  const key = cache ? createHash('sha256').update(der).digest('hex') : '';
  const known = cache?.get(key);
  if (known) return known;
  const spki = certificateParts(der)?.spki;
  let parsed: { value: ParsedCertificate | undefined } | undefined;
  let sans: { value: number | undefined } | undefined;
  const c: PresentedCert = {
    der,
    spki,
    parsed: (ta) => (parsed ??= { value: spki ? ta.parseCertificate(der, spki) : undefined }).value,
    sanCount: () => (sans ??= { value: countSans(der) }).value,
  };
  cache?.set(key, c);
  return c;
}

/** subjectAltName entries by node's X509 (C++, no pkijs), undefined when it cannot read the certificate. */
function countSans(der: Uint8Array): number | undefined {
  try {
    const san = new X509Certificate(Buffer.from(der)).subjectAltName;
    return san ? san.split(', ').length : 0;
  } catch {
    return undefined;
  }
}

function associationOf(c: PresentedCert, selector: Selector, matchingType: MatchingType): Uint8Array | undefined {
  if (!c.spki) return undefined;
  // The SPKI was taken from the DER once; the digest of the chosen bytes is all that is left to do.
  return spkiAssociationBytes(selector === 0 ? c.der : c.spki, matchingType);
}

function fail(code: MatchFailureCode, reason: string, records: RecordOutcome[]): MatchResult {
  return { ok: false, code, tlsrpt: FAILURE_TLSRPT[code], reason, records };
}

/**
 * Decides whether `chain` is authenticated by the TLSA records (RFC 7672 §3.1-3.2).
 * The first DANE-EE match wins; otherwise the first DANE-TA record whose anchor verifies.
 */
export async function matchChain(input: MatchInput): Promise<MatchResult> {
  if (input.referenceIdentifiers.length === 0) {
    throw outOfRange('expected at least one reference identifier (the TLSA base domain), got none');
  }
  const now = input.now ?? new Date();
  const records: RecordOutcome[] = input.records.map((r, index) => {
    const c = classifyTlsa(r);
    return { index, params: tlsaParams(r), usable: c.usable, matched: false, reason: c.usable ? 'did not match' : c.reason };
  });
  const usable = records.filter((o) => o.usable);
  if (usable.length === 0) {
    return fail('no-usable-records', `none of the ${records.length} TLSA records is usable for SMTP (RFC 7672 §3.1)`, records);
  }
  if (input.chain.length === 0) return fail('no-certificate', 'the server presented no certificate', records);

  // RFC 7671 §9 (digest algorithm agility), as OpenSSL's dane_match does it: for each usage and
  // selector only records of the strongest digest published are used (SHA2-512 over SHA2-256);
  // Full(0) records always are. A weaker digest cannot then be used to bypass a stronger one.
  const strongest = new Map<string, number>();
  for (const o of usable) {
    const r = input.records[o.index]!;
    if (r.matchingType === 0) continue;
    const key = `${r.certUsage} ${r.selector}`;
    strongest.set(key, Math.max(strongest.get(key) ?? 0, r.matchingType));
  }
  const active = usable.filter((o) => {
    const r = input.records[o.index]!;
    const top = strongest.get(`${r.certUsage} ${r.selector}`);
    if (r.matchingType === 0 || r.matchingType === top) return true;
    o.reason = `not used: a stronger digest (matching type ${top}) is published for usage ${r.certUsage} selector ${r.selector} (RFC 7671 §9)`;
    return false;
  });

  const presented: PresentedCert[] = input.chain.slice(0, MAX_CHAIN_CERTIFICATES).map((der) => presentedCert(der, input.parseCache));
  const leaf = presented[0]!;
  if (!leaf.spki) {
    // Say which: a leaf over the size limit is refused unread, which is not the same as malformed.
    const why = leaf.der.length > MAX_CERTIFICATE_DER_LENGTH
      ? `the server's leaf certificate has ${leaf.der.length} octets, more than the ${MAX_CERTIFICATE_DER_LENGTH} read (MAX_CERTIFICATE_DER_LENGTH)`
      : 'the server\'s leaf certificate is not a well-formed X.509 certificate';
    return fail('bad-certificate', why, records);
  }

  // RFC 7672 §3.1.1: DANE-EE first; no name, chain or date checks.
  for (const o of active) {
    const r = input.records[o.index]!;
    if (r.certUsage !== 3) continue;
    const mine = associationOf(leaf, r.selector as Selector, r.matchingType as MatchingType);
    if (mine && bytesEqual(mine, r.certificateAssociationData)) {
      o.matched = true;
      o.depth = 0;
      o.reason = `matched the leaf ${r.selector === 1 ? 'public key' : 'certificate'} (DANE-EE, names and expiry not checked)`;
      return { ok: true, usage: 'DANE-EE', record: r, recordIndex: o.index, depth: 0, reason: `TLSA ${o.params} ${o.reason}`, records };
    }
    o.reason = `does not match the leaf ${r.selector === 1 ? 'public key' : 'certificate'}`;
  }

  // RFC 7672 §3.1.2: DANE-TA against certificates above the leaf, or a bare key (2 1 0).
  let worst: { code: MatchFailureCode; reason: string } | undefined;
  const note = (code: MatchFailureCode, reason: string) => {
    if (!worst || FAILURE_RANK[code] > FAILURE_RANK[worst.code]) worst = { code, reason };
  };
  for (const o of active) {
    const r = input.records[o.index]!;
    if (r.certUsage !== 2) continue;
    // `depth` here is the position in the chain as sent; the result reports the path depth.
    const anchors: { anchor: TrustAnchor; depth: number }[] = [];
    for (let d = 1; d < presented.length; d++) {
      const a = associationOf(presented[d]!, r.selector as Selector, r.matchingType as MatchingType);
      if (a && bytesEqual(a, r.certificateAssociationData)) anchors.push({ anchor: { kind: 'certificate', index: d }, depth: d });
    }
    // Anchors the server need not send, as OpenSSL's dane_tlsa_add allows: a full key (2 1 0)
    // or a full CA certificate (2 0 0), which then joins the certificates the path is built from.
    let fromDns: ParsedCertificate | undefined;
    if (anchors.length === 0 && r.matchingType === 0) {
      if (r.selector === 1) {
        anchors.push({ anchor: { kind: 'key', spki: r.certificateAssociationData }, depth: presented.length - 1 });
      } else {
        const parts = certificateParts(r.certificateAssociationData);
        fromDns = parts ? (await loadDaneTa()).parseCertificate(r.certificateAssociationData, parts.spki) : undefined;
        if (fromDns) anchors.push({ anchor: { kind: 'certificate', index: presented.length, fromDns: true }, depth: presented.length });
      }
    }
    const leafA = associationOf(leaf, r.selector as Selector, r.matchingType as MatchingType);
    if (anchors.length === 0) {
      o.reason = leafA && bytesEqual(leafA, r.certificateAssociationData)
        ? 'matches the leaf, but DANE-TA names an issuer, not the leaf (publish 3 x x for the leaf)'
        : 'matches no certificate the server presented';
      continue;
    }
    // Names are read up to MAX_PRESENTED_NAMES: a leaf with more is refused, counted by node's X509
    // before pkijs parses anything (a 59 KB leaf with 6000 names took ~600 ms per match, measured).
    const sans = leaf.sanCount();
    if (sans !== undefined && sans > MAX_PRESENTED_NAMES) {
      o.reason = `the leaf certificate has ${sans} subjectAltName entries, more than the ${MAX_PRESENTED_NAMES} read for DANE-TA name checks (MAX_PRESENTED_NAMES)`;
      note('name-mismatch', `TLSA ${o.params} ${o.reason}`);
      continue;
    }
    const ta = await loadDaneTa();
    const candidates = [...presented.map((p) => p.parsed(ta)), ...(fromDns ? [fromDns] : [])];
    for (const { anchor, depth } of anchors) {
      const check = await ta.verifyPathToAnchor(candidates, anchor, now);
      const where =
        anchor.kind === 'key'
          ? 'the bare DANE-TA key'
          : depth >= presented.length
            ? 'the CA certificate in the TLSA record'
            : `certificate #${depth} of the chain as sent`;
      if (!check.ok && check.code === 'anchor-unrelated') {
        o.reason = check.reason; // no match, not a broken chain
        continue;
      }
      if (!check.ok) {
        const code: MatchFailureCode = check.code === 'expired' || check.code === 'not-yet-valid' ? 'certificate-expired' : 'chain-not-trusted';
        o.reason = `matched ${where}, but ${check.reason}`;
        note(code, `TLSA ${o.params} ${o.reason}`);
        continue;
      }
      const names = ta.presentedNames(candidates[0]!.cert); // a verified path implies a parsed leaf
      const hit = ta.matchReferenceIdentifiers(names, input.referenceIdentifiers);
      if (!hit) {
        const shown = names.names.length > 0 ? `${names.source === 'san' ? 'subjectAltName' : 'CN'} ${names.names.slice(0, 5).join(', ')}` : 'no DNS names';
        o.reason = `matched ${where} and the chain verified, but the leaf presents ${shown}, none of which is ${input.referenceIdentifiers.join(' or ')}`;
        note('name-mismatch', `TLSA ${o.params} ${o.reason}`);
        continue;
      }
      o.matched = true;
      o.depth = check.anchorDepth;
      o.reason = `matched ${where} (DANE-TA at depth ${check.anchorDepth}), chain verified, leaf name ${hit.presented} covers ${hit.reference}`;
      return { ok: true, usage: 'DANE-TA', record: r, recordIndex: o.index, depth: check.anchorDepth, name: hit, reason: `TLSA ${o.params} ${o.reason}`, records };
    }
  }
  if (worst) return fail(worst.code, worst.reason, records);
  return fail('no-match', `none of the ${usable.length} usable TLSA records matches the server's certificate chain`, records);
}
