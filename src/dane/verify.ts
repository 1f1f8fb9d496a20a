/**
 * `verifyDane`: the DNS policy (policy.ts), then per host and address a STARTTLS session
 * (smtp/session.ts) and the match of the presented chain against the usable TLSA records
 * (match.ts). Every failure is a value with a reason and, where RFC 8460 has one, a TLS-RPT
 * result type; nothing the network does escapes as an exception.
 */
import { outOfRange } from '../misuse.ts';
import type { SecureVersion } from 'node:tls';
import type { TrustAnchor } from '../dnssec/anchors.ts';
import type { Validator } from '../dnssec/validator.ts';
import type { ValidatorLimits } from '../dnssec/validator-limits.ts';
import type { CryptoPolicy } from '../dnssec/algorithms.ts';
import { MAX_PEER_CHAIN, startTlsSession, type TranscriptEntry } from '../smtp/session.ts';
import { matchChain, type CertificateParseCache } from './match.ts';
import { MAX_CHAIN_CERTIFICATES } from './cert-limits.ts';
import { sharedValidator } from './shared-validator.ts';
import { buildValidator, DEFAULT_STEP_TIMEOUT_MS } from './validator-config.ts';
import { lookupTlsRptPolicy, type TlsRptLookupResult } from '../mail-policy/tlsrpt-record.ts';
import { DnsFormatError } from '../dns/errors.ts';
import { governHost, mtaStsFor, type GoverningMechanism, type MtaStsCheckOptions } from './mta-sts-precedence.ts';
import type { MtaStsResult } from '../mail-policy/mta-sts-lookup.ts';
import { checkMtaStsHost, type MtaStsHostCheck } from './mta-sts-session.ts';
import { recordChecks, type AddressRecordCheck } from './record-checks.ts';
import { publish } from '../diagnostics.ts';
import { addressLiteralPolicy, parseDestination } from './destination.ts';
import { referenceIdentifiers, resolveDanePolicyWith, resolveHostPolicy, secureNextHop, type DanePolicy, type HostPolicy, type PolicyOptions } from './policy.ts';
import { tlsRptForSessionFailure, type TlsRptResultType } from './tlsrpt.ts';
import { BudgetExhausted, CallBudget, type BudgetReport, type CallBudgetLimits } from '../dnssec/call-budget.ts';

/** The outcome of one MX host (or one address of it). */
export type DaneOutcome = 'authenticated' | 'failed' | 'unauthenticated' | 'none' | 'bogus' | 'error';

/** Options of every network entry point. */
export interface DaneOptions extends PolicyOptions {
  /** Recursive resolvers, e.g. `['192.0.2.53', '[2001:db8::53]:5353']`; default: /etc/resolv.conf. */
  readonly resolvers?: readonly string[];
  /** Trust anchors: records or text (DS/DNSKEY lines, root-anchors.xml); default: the IANA root anchors. */
  readonly trustAnchors?: readonly TrustAnchor[] | string;
  /** Per-step timeout for DNS tries and SMTP steps, in ms (default 10000). */
  readonly timeoutMs?: number;
  /** The clock (for tests and vectors). */
  readonly now?: Date;
  /** Connect to the hosts (default true); false gives the DNS policy only. */
  readonly connect?: boolean;
  /** Lowest TLS version accepted (default TLSv1.2). */
  readonly minTlsVersion?: SecureVersion;
  /** The name given in EHLO. */
  readonly ehloName?: string;
  /**
   * Fail hosts without DANE (TLS-RPT `dane-required`) instead of reporting `none`, and hosts whose
   * TLSA RRset holds no usable record (`tlsa-invalid`) instead of reporting `unauthenticated`.
   */
  readonly requireDane?: boolean;
  /**
   * Also look up the destination domain's TLS-RPT policy (RFC 8460 §3, `_smtp._tls.<domain>` TXT)
   * through the same validator, reported in `result.tlsRpt`; it does not change the verdict.
   */
  readonly tlsRpt?: boolean;
  /**
   * Also find the destination domain's MTA-STS policy (RFC 8461: `_mta-sts` TXT through the same
   * validator, the policy over HTTPS pinned to validated addresses, the cache if one is given),
   * reported in `result.mtaSts`, and say per host which mechanism governs it (`governedBy`,
   * RFC 8461 §2: DANE where a secure TLSA RRset exists, MTA-STS only elsewhere). It never changes
   * a DANE verdict or the exit code. `true`, or options: `cache`, `ca` (PEM replacing node's CA
   * store), `port` (HTTPS, default 443), `timeoutMs` (fetch per address). Not looked up when the
   * domain is deferred (its MX lookup failed) or takes no mail: no host could be governed.
   */
  readonly mtaSts?: boolean | MtaStsCheckOptions;
  /**
   * Which addresses may be connected to (default: all). A service that checks domains for others
   * should refuse loopback and private ranges here, or DNS can point it at internal hosts (SSRF).
   * A refused address is an `error` with its reason.
   */
  readonly allowAddress?: (address: string, host: string) => boolean;
  /**
   * A validator to use (shares its caches). When absent, one shared validator per configuration
   * (`resolvers`, `trustAnchors`, `timeoutMs`, `limits`, `cryptoPolicy`, `now`) is used across
   * calls (dane/shared-validator.ts), unless `shareValidator` is false.
   */
  readonly validator?: Validator;
  /** With no `validator`: false makes a new validator (empty caches) for this call alone. Default true. */
  readonly shareValidator?: boolean;
  readonly limits?: Partial<ValidatorLimits>;
  /** Crypto policy of the validator, e.g. `{ allowSha1: false }` (RFC 8624). */
  readonly cryptoPolicy?: CryptoPolicy;
  /**
   * Bounds of the whole call (default {@link DEFAULT_CALL_BUDGET}): deadline, queries, signature
   * checks, SMTP sessions in all and at once, certificate octets. Running out is a temporary
   * failure (`error`, exit 3) whose reason names the bound; the result's `budget` says what was used.
   */
  readonly budget?: Partial<CallBudgetLimits>;
}

export interface AddressResult {
  readonly address: string;
  readonly outcome: DaneOutcome;
  readonly tlsVersion?: string;
  readonly cipher?: string;
  /** The TLSA record that authenticated the server, in presentation form, and where it matched. */
  readonly matched?: { readonly record: string; readonly usage: 'DANE-EE' | 'DANE-TA'; readonly depth: number };
  readonly tlsrpt?: TlsRptResultType;
  readonly reason: string;
  readonly transcript?: readonly TranscriptEntry[];
  /** Each usable TLSA record against what this address presented (when a certificate was matched). */
  readonly records?: readonly AddressRecordCheck[];
}

export interface HostResult {
  /** The MX host name, as the MX record gives it. */
  readonly host: string;
  readonly preference: number;
  readonly outcome: DaneOutcome;
  readonly tlsrpt?: TlsRptResultType;
  readonly reason: string;
  readonly policy: HostPolicy;
  readonly addresses: readonly AddressResult[];
  /**
   * Addresses of the host that got no SMTP session: past {@link MAX_ADDRESSES_PER_HOST}, or past
   * the call's `maxSmtpSessions` (shared out over the hosts in turn). The reason says which.
   */
  readonly addressesNotTried?: number;
  /** With `mtaSts`: which mechanism governs the host (RFC 8461 §2), and why. */
  readonly governedBy?: GoverningMechanism;
  readonly governance?: string;
  /**
   * With `mtaSts` and a policy in force: what the policy says of this host (RFC 8461 §4.1), and,
   * where MTA-STS governs a host it lists and `connect` is not false, the STARTTLS sessions with
   * the Web PKI verdict on its certificate (RFC 8461 §4.2).
   */
  readonly mtaSts?: MtaStsHostCheck;
}

export interface DaneResult {
  /** The destination as looked up: A-labels (`xn--mnchen-3ya.example.`), or an address literal. */
  readonly domain: string;
  /** The domain's TLS-RPT policy with its DNSSEC status, when `tlsRpt` was asked for (not for an address literal or `{ host }`). */
  readonly tlsRpt?: TlsRptLookupResult;
  /** The domain's MTA-STS state, when `mtaSts` was asked for (not for an address literal, `{ host }`, or a domain deferred or taking no mail). */
  readonly mtaSts?: MtaStsResult;
  /** The destination with U-labels (`münchen.example.`), when it differs from `domain`. */
  readonly domainUnicode?: string;
  readonly policy: DanePolicy;
  readonly hosts: readonly HostResult[];
  /**
   * The CLI's exit code: 0 every host authenticated (with `connect: false`: DANE applies to every
   * host), 1 DANE failed or bogus, 2 no DANE applies, 3 temporary failure. Hosts proven to have no
   * address are skipped unless no other host is left.
   */
  readonly exitCode: 0 | 1 | 2 | 3;
  /** False when the check was the DNS policy only (`connect: false`): no host was authenticated. */
  readonly connected: boolean;
  readonly summary: string;
  /** What the call used of its budget, and the bound that stopped it, if one did. */
  readonly budget: BudgetReport;
}

/** The options inside one call: the caller's, with the call's budget. */
type CallOptions = DaneOptions & { readonly callBudget: CallBudget; readonly parseCache: CertificateParseCache };

/** A whole SMTP session may take this many per-step timeouts (connect to QUIT normally takes a fraction of one). */
export const SESSION_TIMEOUT_STEPS = 3;
/**
 * Most addresses of one MX host that get an SMTP session. A signed zone may list hundreds of
 * A/AAAA records; without a bound one lookup would open that many connections at once (Postfix
 * bounds the same thing with `smtp_mx_address_limit`, default 5 for all hosts together).
 */
export const MAX_ADDRESSES_PER_HOST = 10;
const RANK: Record<DaneOutcome, number> = { failed: 0, bogus: 1, error: 2, none: 3, unauthenticated: 4, authenticated: 5 };

/** Most milliseconds one step may be given (ten minutes: anything longer is a mistake). */
const MAX_TIMEOUT_MS = 600_000;

function checkOptions(o: DaneOptions): void {
  const t = o.timeoutMs;
  if (t !== undefined && (!Number.isInteger(t) || t < 1 || t > MAX_TIMEOUT_MS)) throw outOfRange(`expected timeoutMs as a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${t}`);
  if (o.now !== undefined && (!(o.now instanceof Date) || Number.isNaN(o.now.getTime()))) throw new TypeError(`expected now as a valid Date, got ${String(o.now)}`);
  // maxHosts 0 (or NaN) would check no host at all and report "no DANE": refuse it.
  const m = o.maxHosts;
  if (m !== undefined && (!Number.isInteger(m) || m < 1)) throw outOfRange(`expected maxHosts as a whole number of at least 1, got ${m}`);
  const p = o.port;
  if (p !== undefined && (!Number.isInteger(p) || p < 1 || p > 65535)) throw outOfRange(`expected port from 1 to 65535, got ${p}`);
}

function validatorFor(o: DaneOptions): Validator {
  checkOptions(o);
  if (o.validator) return o.validator;
  const make = () => buildValidator(o).validator;
  return o.shareValidator === false ? make() : sharedValidator(o, make);
}

function checkAddress(policy: HostPolicy, address: string, nextHop: string | undefined, o: CallOptions): Promise<AddressResult> {
  return o.callBudget.inSession(() => sessionAndMatch(policy, address, nextHop, o), (why): AddressResult => ({ address, outcome: 'error', reason: `not connected: ${why}` }));
}

async function sessionAndMatch(policy: HostPolicy, address: string, nextHop: string | undefined, o: CallOptions): Promise<AddressResult> {
  const s = await startTlsSession({
    address,
    port: o.port ?? 25,
    servername: policy.tlsaBase ?? policy.host,
    timeoutMs: o.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS,
    // One bound for the whole session too, so a peer trickling each step just under its timeout is cut off.
    totalTimeoutMs: SESSION_TIMEOUT_STEPS * (o.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS),
    ...(o.minTlsVersion ? { minVersion: o.minTlsVersion } : {}),
    ...(o.ehloName ? { ehloName: o.ehloName } : {}),
    signal: o.callBudget.signal,
  });
  if (!s.ok) {
    const stop = s.failure === 'aborted' && o.callBudget.pastDeadline ? o.callBudget.exhaustedReason : undefined;
    if (stop) return { address, outcome: 'error', reason: `${stop.text} (during the SMTP session)`, transcript: s.transcript };
    // STARTTLS missing or TLS failing where TLS is mandatory is a failure, never a plaintext fallback.
    // A timeout, even inside the TLS handshake, is a temporary failure (exit 3, defer), as Postfix
    // defers it; it keeps its TLS-RPT type for reporting. Everything else with a type is a failure.
    const tlsrpt = tlsRptForSessionFailure(s.failure, s.step);
    const outcome: DaneOutcome = tlsrpt && s.failure !== 'timeout' ? 'failed' : 'error';
    return { address, outcome, ...(tlsrpt ? { tlsrpt } : {}), reason: s.reason, transcript: s.transcript };
  }
  const tls = { tlsVersion: s.tlsVersion, cipher: s.cipher, transcript: s.transcript };
  if (policy.policy === 'mandatory-tls') {
    // With DANE required, a secure RRset of unusable records authenticates nothing: RFC 8460
    // §4.3.2.1 tlsa-invalid ("none of the records in the RRset were found to be valid").
    if (o.requireDane) return { address, outcome: 'failed', tlsrpt: 'tlsa-invalid', ...tls, reason: `DANE required, but no TLSA record at ${policy.tlsaName} is usable for SMTP (RFC 7672 §3.1)` };
    return { address, outcome: 'unauthenticated', ...tls, reason: `TLS (${s.tlsVersion}) without authentication: no usable TLSA record` };
  }
  try {
    o.callBudget.charge('certificateBytes', s.chain.reduce((n, c) => n + c.length, 0), `the certificates of ${address}`);
  } catch (e) {
    if (e instanceof BudgetExhausted) return { address, outcome: 'error', ...tls, reason: e.reason.text };
    throw e;
  }
  const refs = referenceIdentifiers(policy, nextHop);
  const data = policy.tlsa.map((t) => t.data);
  const m = await matchChain({ chain: s.chain, records: data, referenceIdentifiers: refs, parseCache: o.parseCache, ...(o.now ? { now: o.now } : {}) });
  const records = recordChecks(data, m.records, s.chain);
  publish('match', () => ({ host: policy.host, address, ok: m.ok, ...(m.ok ? { usage: m.usage, depth: m.depth } : { code: m.code }), reason: m.reason }));
  if (!m.ok) {
    // A chain longer than what is read may hold the DANE-TA certificate past the bound: say so.
    const considered = Math.min(s.chain.length, MAX_CHAIN_CERTIFICATES);
    const cut = s.chainCut || s.chain.length > considered
      ? ` (the server presented ${s.chainCut ? `more than ${MAX_PEER_CHAIN}` : s.chain.length} certificates; the first ${considered} were considered: MAX_CHAIN_CERTIFICATES)`
      : '';
    return { address, outcome: 'failed', tlsrpt: m.tlsrpt, ...tls, reason: `${m.reason}${cut}`, records };
  }
  const record = policy.tlsa[m.recordIndex]?.text ?? '';
  return { address, outcome: 'authenticated', ...tls, matched: { record, usage: m.usage, depth: m.depth }, reason: m.reason, records };
}

/** The addresses of a host that get a session, and why the others do not. */
interface SessionPlan {
  readonly addresses: readonly string[];
  readonly refused: readonly string[];
  /** Addresses left out by MAX_ADDRESSES_PER_HOST and by the call's session bound. */
  readonly overHostLimit: number;
  readonly overBudget: number;
  /** Why the budget left addresses out (the bound's reason). */
  readonly budgetReason?: string;
}

/** Whether checking this host opens SMTP sessions at all. */
function connects(policy: HostPolicy, o: CallOptions): boolean {
  return o.connect !== false && (policy.policy === 'dane' || policy.policy === 'mandatory-tls');
}

/**
 * Shares the call's SMTP sessions out over the hosts in turn: the first address of every host,
 * then the second of every host, and so on, so that the session bound (default 20) leaves no host
 * of a ten-host domain unchecked while one host's ten addresses take them all. Addresses refused
 * by `allowAddress` get no session and count for nothing.
 */
function planSessions(hosts: readonly HostPolicy[], o: CallOptions): SessionPlan[] {
  const allowed = hosts.map((h) => connects(h, o) ? h.addresses.filter((a) => !o.allowAddress || o.allowAddress(a, h.host)) : []);
  const capped = allowed.map((a) => a.slice(0, MAX_ADDRESSES_PER_HOST));
  const wanted = capped.reduce((n, a) => n + a.length, 0);
  const { granted, reason } = wanted > 0 ? o.callBudget.reserveSessions(wanted, `${wanted} addresses of ${hosts.length} MX hosts`) : { granted: 0 };
  const chosen: string[][] = hosts.map(() => []);
  for (let round = 0, left = granted; left > 0; round++) {
    for (let i = 0; i < hosts.length && left > 0; i++) {
      const a = capped[i]![round];
      if (a !== undefined) {
        chosen[i]!.push(a);
        left--;
      }
    }
  }
  return hosts.map((h, i) => ({
    addresses: chosen[i]!,
    refused: connects(h, o) ? h.addresses.filter((a) => !allowed[i]!.includes(a)) : [],
    overHostLimit: allowed[i]!.length - capped[i]!.length,
    overBudget: capped[i]!.length - chosen[i]!.length,
    ...(reason ? { budgetReason: reason.text } : {}),
  }));
}

/** The TLS-RPT policy of `domain`; a name too long to prefix with `_smtp._tls` can hold none (said so, never thrown). */
async function tlsRptOf(validator: Validator, domain: string, o: CallOptions): Promise<TlsRptLookupResult> {
  try {
    return await lookupTlsRptPolicy(validator, domain, { ...(o.signal ? { signal: o.signal } : {}), callBudget: o.callBudget });
  } catch (e) {
    if (!(e instanceof DnsFormatError)) throw e;
    const reason = `_smtp._tls.${domain} is not a valid name (${e.message}): no TLS-RPT policy can be published for ${domain}`;
    return { domain, name: `_smtp._tls.${domain}`, outcome: 'failed', status: 'indeterminate', reason, reasons: [], records: [] };
  }
}

/** A host result with the mechanism that governs it and, where MTA-STS does and connecting is on, its sessions. */
async function withGovernance(h: HostResult, sts: MtaStsResult | undefined, o: CallOptions): Promise<HostResult> {
  const g = governHost(h.policy, sts);
  if (g.governedBy !== 'mta-sts' || !g.mtaSts || o.connect === false) return { ...h, ...g };
  const stsOptions = typeof o.mtaSts === 'object' ? o.mtaSts : {};
  const step = o.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const mtaSts = await checkMtaStsHost(h.policy, g.mtaSts, {
    port: o.port ?? 25, timeoutMs: step, totalTimeoutMs: SESSION_TIMEOUT_STEPS * step, callBudget: o.callBudget, maxAddresses: MAX_ADDRESSES_PER_HOST,
    ...(stsOptions.ca !== undefined ? { ca: stsOptions.ca } : {}), ...(o.minTlsVersion ? { minTlsVersion: o.minTlsVersion } : {}),
    ...(o.ehloName ? { ehloName: o.ehloName } : {}), ...(o.allowAddress ? { allowAddress: o.allowAddress } : {}),
  });
  return { ...h, ...g, mtaSts };
}

/** Host results of `connect: false` calls, by the host policy they state (see dane/policy.ts hostPolicies). */
const policyOnlyResults = new WeakMap<HostPolicy, HostResult>();

async function checkHost(policy: HostPolicy, nextHop: string | undefined, plan: SessionPlan, o: CallOptions): Promise<HostResult> {
  const base = { host: policy.host, preference: policy.preference, policy };
  switch (policy.policy) {
    case 'no-delivery':
      return { ...base, outcome: policy.bogus ? 'bogus' : 'error', ...(policy.bogus ? { tlsrpt: 'dnssec-invalid' as const } : {}), reason: policy.reason, addresses: [] };
    case 'none':
      if (o.requireDane) return { ...base, outcome: 'failed', tlsrpt: 'dane-required', reason: `DANE required, but ${policy.reason}`, addresses: [] };
      return { ...base, outcome: 'none', reason: policy.reason, addresses: [] };
    case 'dane':
    case 'mandatory-tls':
      break;
  }
  if (o.connect === false && o.requireDane && policy.policy === 'mandatory-tls') {
    return { ...base, outcome: 'failed', tlsrpt: 'tlsa-invalid', reason: `DANE required, but ${policy.reason}`, addresses: [] };
  }
  if (o.connect === false) {
    // Policy only: the result follows from the (memoised, frozen) policy alone; made once per policy.
    let r = policyOnlyResults.get(policy);
    if (!r) policyOnlyResults.set(policy, (r = Object.freeze({ ...base, outcome: 'unauthenticated', reason: `${policy.reason}; not connected (policy only)`, addresses: Object.freeze([]) as unknown as AddressResult[] })));
    return r;
  }
  const refused = plan.refused.map((a): AddressResult => ({ address: a, outcome: 'error', reason: `address ${a} of ${policy.host} refused by allowAddress: not connected` }));
  const addresses = [...refused, ...(await Promise.all(plan.addresses.map((a) => checkAddress(policy, a, nextHop, o))))];
  const notTried = plan.overHostLimit + plan.overBudget;
  if (addresses.length === 0) {
    // Every address it has was left out by the call's session bound: nothing was checked.
    return { ...base, outcome: 'error', reason: `not connected: ${plan.budgetReason ?? 'no session left'}`, addresses, addressesNotTried: notTried };
  }
  const worstAddr = addresses.reduce((w, a) => (RANK[a.outcome] < RANK[w.outcome] ? a : w));
  const why = [
    ...(plan.overHostLimit > 0 ? [`${plan.overHostLimit} past the ${MAX_ADDRESSES_PER_HOST} tried per host`] : []),
    ...(plan.overBudget > 0 ? [`${plan.overBudget} past the call's ${o.callBudget.limits.maxSmtpSessions} SMTP sessions (maxSmtpSessions)`] : []),
  ];
  const reason = notTried > 0 ? `${worstAddr.reason} (${notTried} more address${notTried > 1 ? 'es' : ''} not tried: ${why.join('; ')})` : worstAddr.reason;
  return { ...base, outcome: worstAddr.outcome, ...(worstAddr.tlsrpt ? { tlsrpt: worstAddr.tlsrpt } : {}), reason, addresses, ...(notTried > 0 ? { addressesNotTried: notTried } : {}) };
}

function exitCodeOf(policy: DanePolicy, hosts: readonly HostResult[], connected: boolean): DaneResult['exitCode'] {
  if (policy.action === 'defer') return policy.mx.status === 'bogus' ? 1 : 3;
  // A host that DNS proved to have no address is skipped, as an MTA skips it (Postfix does);
  // it decides the verdict only when no other host is left.
  const usable = hosts.filter((h) => !h.policy.noAddresses);
  if (policy.action === 'no-mail' || hosts.length === 0) return 2;
  if (usable.length === 0) return 3;
  if (usable.some((h) => h.outcome === 'failed' || h.outcome === 'bogus')) return 1;
  if (usable.some((h) => h.outcome === 'error')) return 3;
  // Without connecting nothing is authenticated: 0 then says that DANE applies to every host.
  if (!connected) return usable.every((h) => h.policy.policy === 'dane') ? 0 : 2;
  return usable.every((h) => h.outcome === 'authenticated') ? 0 : 2;
}

/**
 * Checks a destination under DANE for SMTP (RFC 7672): `domain` is a mail domain (its MX hosts are
 * checked) or `{ host }` one mail server. Resolves with a result for every host; never rejects for
 * anything DNS, TLS or the peer does. Names may have U-labels (`münchen.example`: `domain` is the
 * A-label form, `domainUnicode` the other); an address literal (`[192.0.2.1]`) has no DANE (policy
 * `none`, exit code 2), without a lookup.
 * @throws InvalidDomainError (`code: 'ERR_DANE_INVALID_DOMAIN'`) for a destination that is not a
 *   domain name (a mail address, a URL ...), RangeError for a bad option (caller misuse)
 * @throws `options.signal.reason` when the caller's signal is aborted, before or during the call
 *   (the Node convention); running out of the call's `budget`, deadline included, is not an abort:
 *   it resolves, with `error` outcomes naming the bound
 */
export async function verifyDane(destination: string | { readonly host: string }, options: DaneOptions = {}): Promise<DaneResult> {
  options.signal?.throwIfAborted();
  const validator = validatorFor(options);
  // One parse per certificate per call: the same chain served at many addresses is parsed once.
  const o: CallOptions = { ...options, callBudget: new CallBudget(options.budget, options.signal), parseCache: new Map() };
  let policy: DanePolicy;
  if (typeof destination === 'string') policy = await resolveDanePolicyWith(validator, destination, o);
  else {
    const d = parseDestination((destination as { readonly host?: unknown } | null)?.host, 'host');
    if (d.kind === 'address-literal') policy = addressLiteralPolicy(d);
    else {
      const host = await resolveHostPolicy(validator, d.name, 0, o);
      policy = { domain: host.host, ...(d.unicode ? { domainUnicode: d.unicode } : {}), mx: { status: host.addressStatus, kind: 'host', reason: 'host given directly: no MX lookup' }, hosts: [host], action: 'deliver', reason: 'host given directly', ...(host.expiresAt !== undefined ? { expiresAt: host.expiresAt } : {}) };
    }
  }
  // Beside the SMTP sessions, not after them: it needs only DNS.
  const tlsRpt = options.tlsRpt && typeof destination === 'string' && policy.mx.kind !== 'host' ? tlsRptOf(validator, policy.domain, o) : undefined;
  tlsRpt?.catch(() => undefined); // awaited below; a rejection (a bug) must not go unhandled meanwhile
  const sts = options.mtaSts && typeof destination === 'string' && policy.mx.kind !== 'host' && policy.action === 'deliver' ? mtaStsFor(validator, policy.domain, {
    ...(typeof options.mtaSts === 'object' ? options.mtaSts : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.allowAddress ? { allowAddress: options.allowAddress } : {}),
    ...(options.minTlsVersion ? { minTlsVersion: options.minTlsVersion } : {}),
    // The caller's signal, as the TLS-RPT lookup has: the budget's own signal is made (with its
    // deadline timer) only when a session needs it. The fetch has its own time bound.
    ...(options.signal ? { signal: options.signal } : {}),
    callBudget: o.callBudget,
  }) : undefined;
  sts?.catch(() => undefined);
  const nextHop = secureNextHop(policy);
  let plans: SessionPlan[];
  try {
    plans = planSessions(policy.hosts, o);
  } catch (e) {
    if (!(e instanceof BudgetExhausted)) throw e;
    // Past the deadline before any session: no host gets one.
    plans = policy.hosts.map(() => ({ addresses: [], refused: [], overHostLimit: 0, overBudget: 0, budgetReason: e.reason.text }));
  }
  const checked = await Promise.all(policy.hosts.map((h, i) => checkHost(h, nextHop, plans[i]!, o)));
  const mtaSts = sts ? await sts : undefined;
  // RFC 8461 §2: which mechanism governs each host; the DANE outcome stays as it is.
  const hosts = options.mtaSts ? await Promise.all(checked.map((h) => withGovernance(h, mtaSts, o))) : checked;
  const exitCode = exitCodeOf(policy, hosts, options.connect !== false);
  // The verdict covers only the hosts looked at: the summary says so (policy.reason has the detail).
  const cut = policy.hostsNotChecked ? `; ${policy.hostsNotChecked} more MX host${policy.hostsNotChecked > 1 ? 's' : ''} not checked` : '';
  const summary = policy.action !== 'deliver' ? policy.reason
    : `${hosts.map((h) => `${h.host} ${h.outcome}`).join(', ')}${cut}`;
  const rpt = tlsRpt ? await tlsRpt : undefined;
  // What an abort cut short is not a verdict: the caller asked to stop, and hears it.
  options.signal?.throwIfAborted();
  return { domain: policy.domain, ...(policy.domainUnicode ? { domainUnicode: policy.domainUnicode } : {}), ...(rpt ? { tlsRpt: rpt } : {}), ...(mtaSts ? { mtaSts } : {}), policy, hosts, exitCode, connected: options.connect !== false, summary, budget: o.callBudget.report() };
}

/**
 * The DNS phase alone (RFC 7672 §2), with the same options (and budget) as {@link verifyDane}, and
 * the same destinations: U-labels converted, an address literal policy `none`.
 * @throws InvalidDomainError (`code: 'ERR_DANE_INVALID_DOMAIN'`) for a mail address, a URL or
 *   anything else that is not a domain name
 * @throws `options.signal.reason` when the caller's signal is aborted, as {@link verifyDane}
 */
export async function resolveDanePolicy(domain: string, options: DaneOptions = {}): Promise<DanePolicy> {
  options.signal?.throwIfAborted();
  const validator = validatorFor(options);
  const policy = await resolveDanePolicyWith(validator, domain, { ...options, callBudget: new CallBudget(options.budget, options.signal) });
  options.signal?.throwIfAborted();
  return policy;
}
