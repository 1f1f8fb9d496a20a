/**
 * The vocabulary of the interop tier: what a validated lookup and a mail transfer agent's DANE
 * decision come to, in the words of RFC 4035 §4.3 and RFC 7672, so that our verdicts and the
 * peers' (delv, Unbound, Postfix's posttls-finger) can be compared field by field.
 */

/** DNSSEC status of one lookup (RFC 4035 §4.3). */
export type LookupStatus = 'secure' | 'insecure' | 'bogus' | 'indeterminate';
export const LOOKUP_STATUSES: readonly LookupStatus[] = ['secure', 'insecure', 'bogus', 'indeterminate'];

/** What one MX host comes to under RFC 7672 (the outcome names of `verifyDane`). */
export type HostOutcome = 'authenticated' | 'failed' | 'unauthenticated' | 'none' | 'bogus' | 'error';
export const HOST_OUTCOMES: readonly HostOutcome[] = [
  'authenticated', 'failed', 'unauthenticated', 'none', 'bogus', 'error',
];

/** TLS-RPT result types (RFC 8460 §4.3) that the table may expect for a failed host. */
export type TlsRptResult =
  | 'starttls-not-supported' | 'certificate-host-mismatch' | 'certificate-expired'
  | 'certificate-not-trusted' | 'validation-failure' | 'tlsa-invalid' | 'dnssec-invalid'
  | 'dane-required';
export const TLS_RPT_RESULTS: readonly TlsRptResult[] = [
  'starttls-not-supported', 'certificate-host-mismatch', 'certificate-expired',
  'certificate-not-trusted', 'validation-failure', 'tlsa-invalid', 'dnssec-invalid', 'dane-required',
];

/** The lookups the tier makes: those of RFC 7672 §2 (MX, the address records, TLSA). */
export type LookupType = 'MX' | 'A' | 'AAAA' | 'TLSA';
export const LOOKUP_TYPES: readonly LookupType[] = ['MX', 'A', 'AAAA', 'TLSA'];

/** The peers whose verdicts the tier collects. */
export type PeerName = 'delv' | 'unbound' | 'posttls-finger';

/** One lookup of a scenario and its expected status. */
export interface ScenarioLookup {
  name: string;
  type: LookupType;
  status: LookupStatus;
  /** Peers known to answer differently from `status`, and what they answer (see `note`). */
  peers?: Partial<Record<PeerName, LookupStatus>>;
  note?: string;
}

/** The verdict at one address of an MX host (a host with several addresses is checked at each). */
export interface AddressVerdict {
  /** An IPv4 or IPv6 address, as written in the zone. */
  address: string;
  outcome: HostOutcome;
}

/** One MX host's verdict. */
export interface HostVerdict {
  /** The MX host name, absolute (trailing dot). */
  host: string;
  outcome: HostOutcome;
  /** The TLS-RPT result type, expected only where the table names one. */
  tlsRpt?: TlsRptResult;
  /**
   * Per-address verdicts. The table names them only where a host has several addresses whose
   * verdicts are to be compared one by one (compared only when the table names them).
   */
  addresses?: AddressVerdict[];
}

/**
 * The MTA-level verdict for a mail domain: `deferred` when the MX lookup itself fails (bogus or
 * indeterminate: RFC 7672 §2.1.1, no host is tried), `no-mail` for a null MX (RFC 7505), else
 * `ok` with one entry per MX host.
 */
export interface MtaVerdict {
  mx: 'ok' | 'deferred' | 'no-mail';
  hosts: HostVerdict[];
}

/** A peer's host verdict where it is known to differ from the table's (see `note`). */
export interface HostPeerVerdict {
  outcome: HostOutcome;
  tlsRpt?: TlsRptResult;
}

/** A host of the table: the verdict expected of dane-verify, and known peer differences. */
export interface ExpectedHost extends HostVerdict {
  /** Peers known to decide differently for this host, and what they decide (see `note`). */
  peers?: Partial<Record<'posttls-finger', HostPeerVerdict>>;
  note?: string;
}

/** The table's MTA verdict for a domain. */
export interface ExpectedMta extends MtaVerdict {
  hosts: ExpectedHost[];
}

/** One row of scenarios.json. */
export interface Scenario {
  id: string;
  domain: string;
  about: string;
  lookups: ScenarioLookup[];
  mta: ExpectedMta;
}

/** A verdict produced by running a tool, with the output it was read from (shown on failure). */
export interface Observed<T> {
  verdict: T;
  output: string;
}
