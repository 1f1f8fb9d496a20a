/**
 * TLS-RPT result types (RFC 8460 §4.3) for errors this library did not make: what node:tls,
 * OpenSSL and nodemailer throw when an MTA's own connection fails (issue #14, item 6). The same
 * reading as dane/tlsrpt.ts: STARTTLS missing or refused is `starttls-not-supported`; a failed
 * handshake `validation-failure`; PKIX verdicts by their kind. Errors that are not about TLS
 * negotiation (no TCP connection, a timeout before STARTTLS, a rejected greeting) have no type:
 * RFC 8460 reports TLS negotiation, and such a host is simply unreachable for now.
 */
import type { TlsRptResultType } from './tlsrpt.ts';

/** OpenSSL's certificate verification codes (node `err.code`) and what each says. */
const CERTIFICATE_CODES: Readonly<Record<string, TlsRptResultType>> = {
  CERT_HAS_EXPIRED: 'certificate-expired',
  CERT_NOT_YET_VALID: 'certificate-expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate-host-mismatch',
  HOSTNAME_MISMATCH: 'certificate-host-mismatch',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate-not-trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate-not-trusted',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate-not-trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate-not-trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate-not-trusted',
  CERT_UNTRUSTED: 'certificate-not-trusted',
  CERT_REVOKED: 'certificate-not-trusted',
  CERT_SIGNATURE_FAILURE: 'validation-failure',
};

interface ErrorFields {
  code?: unknown;
  /** nodemailer: the SMTP command the error belongs to, and the server's reply. */
  command?: unknown;
  response?: unknown;
  /** dane-verify's own errors carry their type. */
  tlsrpt?: unknown;
  cause?: unknown;
}

/**
 * The RFC 8460 result type for an error thrown by a connection attempt, or `undefined` when it is
 * not a TLS negotiation failure. Reads `err.tlsrpt` (DaneVerificationError, DaneRequiredError),
 * OpenSSL/node codes, and nodemailer's `ETLS` errors (with `command` and `response`).
 */
export function tlsRptForError(err: unknown): TlsRptResultType | undefined {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as ErrorFields).cause, depth++) {
    const f = e as ErrorFields;
    if (typeof f.tlsrpt === 'string') return f.tlsrpt as TlsRptResultType;
    const code = typeof f.code === 'string' ? f.code : '';
    if (code in CERTIFICATE_CODES) return CERTIFICATE_CODES[code];
    if (code === 'ETLS') {
      // nodemailer: a reply to STARTTLS that is not 2xx, or STARTTLS required but not offered, is
      // a refusal; an ETLS without a reply is the handshake itself failing.
      return typeof f.response === 'string' && f.response !== '' ? 'starttls-not-supported' : 'validation-failure';
    }
    if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code === 'ERR_TLS_INVALID_PROTOCOL_VERSION') return 'validation-failure';
  }
  return undefined;
}
