/**
 * What a query to the stub resolver returns. Never a throw for anything the network does: an
 * answer, or a failure with a code and the reason per upstream tried.
 *
 * An `ok` result means only that an upstream answered the question asked, with NOERROR or
 * NXDOMAIN: nothing in it is trusted until the validator has proven it.
 */
import type { Message } from '../dns/message.ts';
import type { Name } from '../dns/name.ts';
import type { DropCounts } from './transport.ts';

/** How a message travelled: UDP, TCP, or DNS over TLS (RFC 7858). */
export type Transport = 'udp' | 'tcp' | 'tls';

/** Options of one query. */
export interface QueryOptions {
  /** Ends this caller's wait with an `aborted` failure. */
  readonly signal?: AbortSignal;
  /** The question's class (default IN). */
  readonly class?: number;
  /**
   * The caller knows the answer comes from a signed zone (e.g. a DNSKEY query for a zone with a
   * secure DS): an answer without RRSIGs then counts as stripped by the upstream, and the next
   * upstream is tried. Leave unset when the zone may be unsigned.
   */
  readonly requireSignatures?: boolean;
  /**
   * Ask an upstream even when the cache holds an answer, and let the new answer replace it. The
   * validator sets it to fetch again what a lookup found bogus in cached data (one forged message
   * must not decide a name's status for as long as the TTLs it claims).
   */
  readonly fresh?: boolean;
}

/**
 * What the validator needs from a resolver: {@link StubResolver} implements it, and a test may
 * give the validator any other implementation.
 */
export interface Resolver {
  query(name: Name, type: number, opts?: QueryOptions): Promise<QueryResult>;
  /**
   * Optional: an answer cached for this question may be served for at most `seconds` more. The
   * validator calls it for every question of a lookup that came out bogus, so that data which failed
   * validation is kept no longer than its bad-cache time (Unbound: val-bogus-ttl), whatever TTLs the
   * message claimed.
   */
  capCacheLifetime?(name: Name, type: number, seconds: number): void;
}

/**
 * Why a try, or a whole query, failed.
 * - `timeout`: no answer in time (per try, or the query's deadline);
 * - `servfail`, `refused`, `formerr`, `notimp`: the upstream answered with that RCODE;
 * - `rcode`: another RCODE that is not an answer (YXDOMAIN, NOTAUTH ...);
 * - `network`: a socket could not be opened, a send failed, a connection was refused or closed;
 * - `malformed`: nothing but undecodable messages arrived;
 * - `not-recursive`: the upstream answered with a referral, as an authoritative server does;
 * - `truncated`: TC=1 even over TCP;
 * - `dnssec-stripped`: the upstream removed DNSSEC data (no OPT echo, DO not echoed, RRSIGs missing);
 * - `aborted`: the caller's signal fired.
 */
export type FailureCode =
  | 'timeout'
  | 'servfail'
  | 'refused'
  | 'formerr'
  | 'notimp'
  | 'rcode'
  | 'network'
  | 'malformed'
  | 'not-recursive'
  | 'truncated'
  | 'dnssec-stripped'
  | 'aborted';

/** One try: one upstream over one transport. */
export interface Attempt {
  /** The upstream as written in reasons: `192.0.2.1`, `127.0.0.1:5353`, `[::1]:5353`. */
  readonly server: string;
  readonly transport: Transport;
  /**
   * `ok` for the try that produced the answer; `retry-tcp` for a UDP answer with TC=1 that was
   * asked again over TCP (the next attempt); otherwise why the try failed.
   */
  readonly code: FailureCode | 'ok' | 'retry-tcp';
  /** In words, e.g. `SERVFAIL`, `no answer over UDP within 2000 ms`, `strips DNSSEC records: DO bit not echoed`. */
  readonly reason: string;
  /** Messages that arrived during this try and were dropped, by reason. */
  readonly dropped: DropCounts;
}

/** An answer from an upstream (or from the cache). */
export interface QueryAnswer {
  readonly ok: true;
  readonly message: Message;
  readonly server: string;
  readonly transport: Transport;
  /** True when served from the cache; TTLs are then decremented by the time spent there. */
  readonly fromCache: boolean;
  /** The tries made for this answer, the last one successful (empty for a cache hit). */
  readonly attempts: readonly Attempt[];
}

/** No usable answer from any upstream. */
export interface QueryFailure {
  readonly ok: false;
  readonly code: FailureCode;
  /** For people, naming every upstream and what it did, e.g. "no usable answer for example.com. MX: 192.0.2.1 over UDP: SERVFAIL; ...". */
  readonly reason: string;
  readonly attempts: readonly Attempt[];
}

/** The result of {@link StubResolver.query}. */
export type QueryResult = QueryAnswer | QueryFailure;

/**
 * Which failure code describes a whole query when its tries failed in different ways: the most
 * specific and actionable first (a stripping upstream says more than a timeout).
 */
export const FAILURE_PRECEDENCE: readonly FailureCode[] = Object.freeze([
  'aborted',
  'dnssec-stripped',
  'servfail',
  'refused',
  'formerr',
  'notimp',
  'rcode',
  'not-recursive',
  'truncated',
  'malformed',
  'network',
  'timeout',
]);
