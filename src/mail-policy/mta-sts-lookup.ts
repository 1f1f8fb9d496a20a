/**
 * The MTA-STS policy of a domain (RFC 8461 §3, §5): the `_mta-sts.<domain>` TXT record through our
 * validator, the addresses of `mta-sts.<domain>` through it too, the HTTPS fetch pinned to one of
 * them (mta-sts-fetch.ts), the strict parse (mta-sts-policy.ts) and the cache (mta-sts-cache.ts);
 * then, per MX host, whether the policy allows it (RFC 8461 §4.1).
 *
 * DNSSEC is not required by MTA-STS (its trust is the Web PKI), but the status of each lookup is
 * reported, and a bogus or indeterminate answer is never read: a bogus TXT record is a failure to
 * get the record, not "no policy", and bogus addresses are no addresses (RFC 4035 §4.3).
 *
 * What happens when (RFC 8461 §3.3, §5.1):
 * - a TXT record with the cached policy's `id`: the cached policy, no fetch;
 * - a TXT record with another `id`, or nothing cached: fetch; success replaces the cache entry;
 *   failure keeps an unexpired cached policy (reported as a failed refresh), else no policy is
 *   in force (`failed`, with the TLS-RPT result type to report: delivery goes on as though the
 *   domain had no MTA-STS, as §3.3 says);
 * - no TXT record, several, an invalid one, or a failed lookup: an unexpired cached policy stays
 *   in force (§5.1), else none.
 */
import { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import { isType } from '../dns/record.ts';
import type { Validator } from '../dnssec/validator.ts';
import type { Reason, SecurityStatus } from '../dnssec/status.ts';
import type { CallBudget } from '../dnssec/call-budget.ts';
import { clip, txtRecordText } from './txt-fields.ts';
import { isMtaStsCandidate, MTA_STS_VERSION, selectMtaStsRecord, type MtaStsRecord, type MtaStsRecordError } from './mta-sts-record.ts';
import { fetchMtaStsPolicy, type MtaStsFetchOptions, type MtaStsFetchResult } from './mta-sts-fetch.ts';
import { matchingMxPattern, parseMtaStsPolicy, policyLines, type MtaStsPolicy, type MtaStsPolicyError } from './mta-sts-policy.ts';
import type { CachedMtaStsPolicy, MtaStsCache } from './mta-sts-cache.ts';

const RFC = 'RFC 8461 §3.1';

export interface MtaStsLookupOptions {
  readonly signal?: AbortSignal;
  /** The budget of the whole call; the DNS lookups are charged to it. */
  readonly callBudget?: CallBudget;
}

interface RecordCommon {
  readonly domain: string;
  /** `_mta-sts.<domain>`. */
  readonly name: string;
  readonly reason: string;
  readonly reasons: readonly Reason[];
}

/** The `_mta-sts` TXT record with the DNSSEC status of its lookup. */
export type MtaStsRecordLookup = RecordCommon &
  (
    | { readonly outcome: 'record'; readonly status: 'secure' | 'insecure'; readonly text: string; readonly record: MtaStsRecord }
    | { readonly outcome: 'none'; readonly status: 'secure' | 'insecure' }
    | { readonly outcome: 'multiple'; readonly status: 'secure' | 'insecure' }
    | { readonly outcome: 'invalid'; readonly status: 'secure' | 'insecure'; readonly text: string; readonly error: MtaStsRecordError }
    | { readonly outcome: 'failed'; readonly status: 'bogus' | 'indeterminate' }
  );

const lookupOpts = (o: MtaStsLookupOptions) => ({ ...(o.signal ? { signal: o.signal } : {}), ...(o.callBudget ? { budget: o.callBudget } : {}) });

/**
 * Looks up and selects the MTA-STS record of `domain` (RFC 8461 §3.1). Never throws for anything DNS does.
 * @throws DnsFormatError for a malformed domain (caller misuse)
 */
export async function lookupMtaStsRecord(validator: Validator, domain: Name | string, opts: MtaStsLookupOptions = {}): Promise<MtaStsRecordLookup> {
  const base = typeof domain === 'string' ? Name.parse(domain) : domain;
  const name = base.child('_mta-sts');
  const r = await validator.lookup(name, RRType.TXT, lookupOpts(opts));
  const common = { domain: base.toString(), name: name.toString(), reasons: r.reasons };
  if (r.status === 'bogus' || r.status === 'indeterminate' || r.kind === 'error') {
    const status = r.status === 'bogus' ? 'bogus' : 'indeterminate';
    return { ...common, outcome: 'failed', status, reason: `TXT lookup of ${name} ${r.status}: ${r.reason}; the MTA-STS record is unknown` };
  }
  const status = r.status;
  const proof = status === 'secure' ? 'DNSSEC-secure' : 'insecure: no DNSSEC chain of trust reaches it';
  if (r.kind === 'nxdomain' || r.kind === 'nodata') {
    return { ...common, outcome: 'none', status, reason: `${name} ${r.kind === 'nxdomain' ? 'does not exist' : 'has no TXT records'} (${proof}): no MTA-STS record` };
  }
  const texts = r.rrset.flatMap((rr) => (isType(rr, RRType.TXT) ? [txtRecordText(rr.data.strings)] : []));
  const s = selectMtaStsRecord(texts);
  switch (s.outcome) {
    case 'record':
      return { ...common, outcome: 'record', status, text: s.text, record: s.record, reason: `MTA-STS record at ${name} (${proof}): id ${s.record.id}` };
    case 'none':
      return { ...common, outcome: 'none', status, reason: `no TXT record at ${name} begins with "${MTA_STS_VERSION};" (${proof}): no MTA-STS record` };
    case 'multiple':
      return { ...common, outcome: 'multiple', status, reason: `${s.count} TXT records at ${name} begin with "${MTA_STS_VERSION};" (${proof}): not exactly one, so no MTA-STS record (${RFC})` };
    case 'invalid':
      return { ...common, outcome: 'invalid', status, text: s.text, error: s.error, reason: `MTA-STS record at ${name} is invalid (${proof}): ${s.error.text}; record "${clip(s.text)}"` };
  }
}

/** The addresses of `mta-sts.<domain>` (A and AAAA through the validator), or why there are none. */
export interface MtaStsHostAddresses {
  readonly name: string;
  /** Worst status of the two lookups that gave records or failed. */
  readonly status: SecurityStatus;
  /** Empty when a lookup was bogus or indeterminate (nothing from it is used). */
  readonly addresses: readonly string[];
  readonly reason: string;
}

const RANK: Record<SecurityStatus, number> = { bogus: 0, indeterminate: 1, insecure: 2, secure: 3 };

/** Resolves `mta-sts.<domain>` through the validator (CNAMEs are followed by it). Never throws for DNS. */
export async function resolveMtaStsHost(validator: Validator, domain: Name | string, opts: MtaStsLookupOptions = {}): Promise<MtaStsHostAddresses> {
  const base = typeof domain === 'string' ? Name.parse(domain) : domain;
  const name = base.child('mta-sts');
  const [a, aaaa] = await Promise.all([validator.lookup(name, RRType.A, lookupOpts(opts)), validator.lookup(name, RRType.AAAA, lookupOpts(opts))]);
  const failed = [a, aaaa].find((r) => r.status === 'bogus') ?? [a, aaaa].find((r) => r.status === 'indeterminate');
  if (failed) return { name: name.toString(), status: failed.status, addresses: [], reason: `address lookup of ${name} ${failed.status}: ${failed.reason}` };
  const status = RANK[a.status] <= RANK[aaaa.status] ? a.status : aaaa.status;
  const addresses = [...a.rrset, ...aaaa.rrset].flatMap((rr) => (isType(rr, RRType.A) || isType(rr, RRType.AAAA) ? [rr.data.address] : []));
  return { name: name.toString(), status, addresses, reason: addresses.length ? `${name}: ${addresses.join(', ')} (${status})` : `${name} has no address (${status})` };
}

/** Options of {@link resolveMtaSts}. */
export interface MtaStsOptions extends MtaStsLookupOptions, Pick<MtaStsFetchOptions, 'port' | 'ca' | 'timeoutMs' | 'minTlsVersion'> {
  /** The policy cache (default: none, every call fetches). */
  readonly cache?: MtaStsCache;
  /** The clock (default: the system clock). */
  readonly now?: Date;
  /** Which addresses of `mta-sts.<domain>` may be connected to (SSRF guard, as verifyDane's). */
  readonly allowAddress?: (address: string, host: string) => boolean;
}

/** A policy in force, with where it came from. */
export interface MtaStsPolicyInForce {
  readonly id: string;
  readonly policy: MtaStsPolicy;
  /** `fetched` now, or from the `cache`. */
  readonly source: 'fetched' | 'cache';
  readonly fetchedAt: Date;
  readonly expiresAt: Date;
  /** The policy's lines, as a TLS-RPT report's `policy-string` gives them. */
  readonly lines: readonly string[];
}

/** Why a fetch or parse did not give a policy, with its TLS-RPT result type (RFC 8460 §4.3.2.2). */
export interface MtaStsFailure {
  readonly tlsrpt: 'sts-policy-fetch-error' | 'sts-policy-invalid' | 'sts-webpki-invalid';
  readonly code: string;
  readonly reason: string;
}

/**
 * The MTA-STS state of a domain. `policy`: a policy is in force (fetched or cached); `none`: the
 * domain has no MTA-STS (no record, several, or an invalid one, and nothing cached); `failed`: a
 * record announces a policy (or its lookup failed) but none could be had and nothing is cached;
 * delivery then goes on as without MTA-STS, and `failure` says what to report.
 */
export interface MtaStsResult {
  readonly domain: string;
  readonly outcome: 'policy' | 'none' | 'failed';
  readonly record: MtaStsRecordLookup;
  readonly policy?: MtaStsPolicyInForce;
  /** The addresses of `mta-sts.<domain>`, when a fetch was needed. */
  readonly host?: MtaStsHostAddresses;
  /** What went wrong with the fetch or the record (also when a cached policy stays in force). */
  readonly failure?: MtaStsFailure;
  readonly reason: string;
}

function inForce(c: CachedMtaStsPolicy, source: 'fetched' | 'cache'): MtaStsPolicyInForce {
  return { id: c.id, policy: c.policy, source, fetchedAt: new Date(c.fetchedAt), expiresAt: new Date(c.expiresAt), lines: policyLines(c.policy) };
}

function parseFailure(e: MtaStsPolicyError, url: string): MtaStsFailure {
  return { tlsrpt: 'sts-policy-invalid', code: e.code, reason: `the policy at ${url} is invalid: ${e.text}` };
}

function fetchFailure(f: Extract<MtaStsFetchResult, { ok: false }>): MtaStsFailure {
  return { tlsrpt: f.tlsrpt, code: f.code, reason: f.reason };
}

/**
 * The MTA-STS policy in force for `domain` (see the module comment for the cache rules). Never
 * rejects for anything DNS, TLS or the HTTPS server does.
 * @throws DnsFormatError for a malformed domain, RangeError for a bad port or timeout (caller misuse)
 */
export async function resolveMtaSts(validator: Validator, domain: Name | string, o: MtaStsOptions = {}): Promise<MtaStsResult> {
  const base = typeof domain === 'string' ? Name.parse(domain) : domain;
  const d = base.toString();
  const now = (o.now ?? new Date()).getTime();
  const record = await lookupMtaStsRecord(validator, base, o);
  const cached = o.cache?.get(d, now);
  const keep = (failure: MtaStsFailure | undefined, why: string, host?: MtaStsHostAddresses): MtaStsResult => ({
    domain: d, outcome: 'policy', record, policy: inForce(cached!, 'cache'), ...(host ? { host } : {}), ...(failure ? { failure } : {}),
    reason: `${why}; the cached policy (id ${cached!.id}) stays in force until ${new Date(cached!.expiresAt).toISOString()} (RFC 8461 §5.1)`,
  });
  if (record.outcome !== 'record') {
    const failure: MtaStsFailure | undefined = record.outcome === 'failed'
      ? { tlsrpt: 'sts-policy-fetch-error', code: `txt-${record.status}`, reason: record.reason } : undefined;
    if (cached) return keep(failure, record.reason);
    if (failure) return { domain: d, outcome: 'failed', record, failure, reason: `${record.reason}: no MTA-STS policy is known, delivery goes on as without MTA-STS` };
    return { domain: d, outcome: 'none', record, reason: record.reason };
  }
  const id = record.record.id;
  if (cached && cached.id === id) {
    return { domain: d, outcome: 'policy', record, policy: inForce(cached, 'cache'), reason: `MTA-STS policy id ${id} from the cache (the TXT record's id is unchanged), until ${new Date(cached.expiresAt).toISOString()}` };
  }
  const host = await resolveMtaStsHost(validator, base, o);
  const allowed = o.allowAddress ? host.addresses.filter((a) => o.allowAddress!(a, host.name)) : host.addresses;
  const refused = host.addresses.length - allowed.length;
  const fetched = await fetchMtaStsPolicy({
    domain: d, addresses: allowed,
    ...(o.port !== undefined ? { port: o.port } : {}), ...(o.ca !== undefined ? { ca: o.ca } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}), ...(o.minTlsVersion ? { minTlsVersion: o.minTlsVersion } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  let failure: MtaStsFailure;
  if (fetched.ok) {
    const parsed = parseMtaStsPolicy(fetched.body);
    if (parsed.ok) {
      const { ok: _ok, ...policy } = parsed;
      const entry: CachedMtaStsPolicy = { domain: d, id, policy, fetchedAt: now, expiresAt: now + policy.maxAge * 1000 };
      o.cache?.set(entry);
      const replaced = cached ? ` (replaces cached id ${cached.id})` : '';
      return { domain: d, outcome: 'policy', record, host, policy: inForce(entry, 'fetched'), reason: `MTA-STS policy id ${id} fetched from ${fetched.url} at ${fetched.address}: mode ${policy.mode}, max_age ${policy.maxAge}${replaced}` };
    }
    failure = parseFailure(parsed.reason, fetched.url);
  } else {
    const why = fetched.code === 'no-address' ? `${host.reason}${refused ? `; ${refused} address${refused > 1 ? 'es' : ''} refused by allowAddress` : ''}` : fetched.reason;
    failure = { ...fetchFailure(fetched), reason: why };
  }
  if (cached) return keep(failure, `refreshing the policy for id ${id} failed: ${failure.reason}`, host);
  return { domain: d, outcome: 'failed', record, host, failure, reason: `${record.reason}, but no policy could be had: ${failure.reason}; delivery goes on as without MTA-STS (RFC 8461 §3.3)` };
}

/** What a policy says of one MX host (RFC 8461 §4.1, §5). */
export interface MtaStsHostVerdict {
  readonly mode: MtaStsPolicy['mode'];
  /** The host matches an `mx` pattern (always false under mode `none`, which lists none to match). */
  readonly matches: boolean;
  readonly pattern?: string;
  /** Whether the policy lets mail go to this host: enforce needs a match; testing and none only report. */
  readonly allowed: boolean;
  readonly reason: string;
}

/** The verdict of a policy on an MX host name (as the MX record gives it). Never throws. */
export function mtaStsHostVerdict(policy: MtaStsPolicy, host: string): MtaStsHostVerdict {
  const pattern = policy.mode === 'none' ? undefined : matchingMxPattern(host, policy.mx);
  const matches = pattern !== undefined;
  switch (policy.mode) {
    case 'none':
      return { mode: 'none', matches: false, allowed: true, reason: 'MTA-STS mode none: the policy asks nothing (RFC 8461 §5)' };
    case 'testing':
      return { mode: 'testing', matches, ...(pattern ? { pattern } : {}), allowed: true, reason: matches ? `matches mx ${pattern} (mode testing: failures are only reported)` : `matches no mx pattern of the policy; mode testing: report, deliver anyway (RFC 8461 §5)` };
    case 'enforce':
      return { mode: 'enforce', matches, ...(pattern ? { pattern } : {}), allowed: matches, reason: matches ? `matches mx ${pattern}: TLS with a PKIX-valid certificate for the host is required (RFC 8461 §4)` : `matches no mx pattern of the policy (${policy.mx.join(', ')}): mode enforce forbids delivery to it (RFC 8461 §5)` };
  }
}
