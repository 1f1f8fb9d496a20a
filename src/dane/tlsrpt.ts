/**
 * SMTP TLS Reporting result types (RFC 8460 §4.3), the vocabulary a failure is reported in.
 * Complete as of 2026-11 (IANA "STARTTLS Validation Result Types").
 *
 * How this library maps what went wrong to a result type (our reading of RFC 8460 §4.3; the RFC
 * leaves room, so the choice is written down here once):
 * - the server did not offer STARTTLS, or refused it: `starttls-not-supported`;
 * - the TLS handshake failed (including a version below the minimum): `validation-failure`;
 * - no usable TLSA record matched the presented chain, or the RRset had none usable while
 *   authentication was required: `tlsa-invalid` (§4.3.2.1: "none of the records in the RRset
 *   were found to be valid");
 * - a DANE-TA anchor matched but the chain to it did not verify: `certificate-not-trusted`;
 * - a certificate between the leaf and a DANE-TA anchor was outside its validity period:
 *   `certificate-expired` (DANE-EE never yields this: RFC 7672 §3.1.1 ignores expiry);
 * - a DANE-TA chain verified but the leaf does not name the host: `certificate-host-mismatch`;
 * - a DNSSEC lookup was bogus: `dnssec-invalid`.
 */
import type { SessionFailure, SessionStep } from '../smtp/session.ts';

/** RFC 8460 §4.3.1: negotiation failures. */
export const TLSRPT_NEGOTIATION_TYPES = [
  'starttls-not-supported',
  'certificate-host-mismatch',
  'certificate-expired',
  'certificate-not-trusted',
  'validation-failure',
] as const;

/** RFC 8460 §4.3.2.1: DANE policy failures. */
export const TLSRPT_DANE_TYPES = ['tlsa-invalid', 'dnssec-invalid', 'dane-required'] as const;

/** RFC 8460 §4.3.2.2: MTA-STS policy failures (mail-policy/mta-sts-fetch.ts and mta-sts-lookup.ts give them). */
export const TLSRPT_STS_TYPES = ['sts-policy-fetch-error', 'sts-policy-invalid', 'sts-webpki-invalid'] as const;

/** One TLS-RPT result type. */
export type TlsRptResultType =
  | (typeof TLSRPT_NEGOTIATION_TYPES)[number]
  | (typeof TLSRPT_DANE_TYPES)[number]
  | (typeof TLSRPT_STS_TYPES)[number];

const ALL = new Set<string>([...TLSRPT_NEGOTIATION_TYPES, ...TLSRPT_DANE_TYPES, ...TLSRPT_STS_TYPES]);

/** True when `s` is a result type RFC 8460 §4.3 defines. */
export function isTlsRptResultType(s: string): s is TlsRptResultType {
  return ALL.has(s);
}

/**
 * The result type for a session that did not reach a completed TLS handshake (see the mapping in
 * the module comment), or `undefined` when the failure is not a TLS negotiation failure at all
 * (no TCP connection, a timeout or close before STARTTLS, an abort): RFC 8460 reports TLS
 * negotiation, and such a host is simply unreachable for now.
 */
export function tlsRptForSessionFailure(failure: SessionFailure, step: SessionStep): TlsRptResultType | undefined {
  switch (failure) {
    case 'starttls-not-supported':
    case 'starttls-refused':
      return 'starttls-not-supported';
    case 'tls-version':
    case 'tls-handshake':
    case 'protocol':
      return 'validation-failure';
    case 'timeout':
    case 'closed':
      return step === 'tls' ? 'validation-failure' : undefined;
    case 'connect':
    case 'greeting-rejected':
    case 'aborted':
      return undefined;
    default: {
      const never: never = failure;
      throw new TypeError(`unknown session failure ${String(never)}`);
    }
  }
}
