/**
 * The DNS phase of DANE for SMTP (RFC 7672 §2): from a destination domain to the TLS policy of each
 * of its MX hosts, every lookup proven by the validator. No socket to a mail server is opened here.
 *
 * Decisions, in the order RFC 7672 §2 takes them:
 * - MX (§2.2.1): bogus or indeterminate defers the whole domain; NXDOMAIN or a null MX (RFC 7505)
 *   means no delivery; NODATA makes the domain its own implicit MX (RFC 5321 §5.1). An insecure
 *   MX RRset still lets secure hosts use their TLSA records unless `insecureMx: 'none'` says
 *   otherwise (Postfix `smtp_tls_dane_insecure_mx_policy`, whose default `dane` we follow).
 * - Addresses (§2.2.2): a bogus or indeterminate A/AAAA lookup makes the host unusable (defer);
 *   without CNAMEs, TLSA is looked up only when the address records are secure.
 * - TLSA base domain (§2.2.3): for a host that is a CNAME, its own CNAME record must be secure;
 *   with a secure expansion the expanded name is tried first, then the original MX host name;
 *   with an insecure expansion only the original name (mox `GatherTLSA` does the same).
 * - TLSA (§2.2, §3.1): usable records -> `dane`; a secure RRset with none usable -> mandatory
 *   unauthenticated TLS; secure denial or insecure -> `none`; bogus/indeterminate -> the host is
 *   not to be used (`no-delivery`), never "no DANE".
 */
import { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import { isType, type TLSAData } from '../dns/record.ts';
import { formatRR } from '../dns/presentation.ts';
import type { LookupResult, Validator } from '../dnssec/validator.ts';
import type { ChainLink } from '../dnssec/keychain.ts';
import { worst, type Reason, type SecurityStatus } from '../dnssec/status.ts';
import { classifyTlsa, tlsaParams } from './tlsa.ts';
import type { CallBudget } from '../dnssec/call-budget.ts';
import { addressLiteralPolicy, parseDestination } from './destination.ts';

/** What a host's DNS says the client must do. */
export type HostPolicyKind =
  /** Usable TLSA records: STARTTLS mandatory and the peer must match one. */
  | 'dane'
  /** A secure TLSA RRset with nothing usable: STARTTLS mandatory, no authentication (RFC 7672 §2.2). */
  | 'mandatory-tls'
  /** No DANE: no secure TLSA RRset (denied or insecure). */
  | 'none'
  /** A lookup was bogus or indeterminate: the host must not be used now (RFC 7672 §2.1.1). */
  | 'no-delivery';

export interface TlsaRecordInfo {
  /** The record in presentation form. */
  readonly text: string;
  readonly data: TLSAData;
  /** `"3 1 1"`. */
  readonly params: string;
  readonly usable: boolean;
  /** Why the record cannot be used, when it cannot. */
  readonly reason?: string;
}

export interface HostPolicy {
  /** The MX host name as the MX record gives it. */
  readonly host: string;
  readonly preference: number;
  readonly policy: HostPolicyKind;
  /** Security of the address lookups (worst of A and AAAA, with their CNAME chains). */
  readonly addressStatus: SecurityStatus;
  readonly addresses: readonly string[];
  /** The name CNAMEs led to, when different from `host`. */
  readonly canonicalName?: string;
  /** The TLSA base domain the policy came from (RFC 7672 §2.2.3); also the SNI to send. */
  readonly tlsaBase?: string;
  /** `_25._tcp.<base>`. */
  readonly tlsaName?: string;
  readonly tlsaStatus?: SecurityStatus;
  readonly tlsa: readonly TlsaRecordInfo[];
  /**
   * The longest a resolver may keep the TLSA RRset, in seconds (its RRSIG's original TTL), when
   * the RRset is secure and not empty: how long to wait after changing it (RFC 7671 §8.1).
   */
  readonly tlsaTtl?: number;
  /** The reason in words. */
  readonly reason: string;
  readonly reasons: readonly Reason[];
  /** The chains of trust of the host's address and TLSA lookups, each zone once (for `-v`). */
  readonly chain?: readonly ChainLink[];
  /** For `no-delivery`: whether a lookup was bogus (a DNSSEC failure) rather than indeterminate. */
  readonly bogus: boolean;
  /** For `no-delivery`: DNS proved (securely or not) that the host has no address: it is skipped, not retried. */
  readonly noAddresses?: boolean;
  /** Seconds since the epoch until which the lookups this policy came from hold (the earliest of their `expiresAt`); absent for an address literal. */
  readonly expiresAt?: number;
}

/** The MX lookup's result. */
export interface MxInfo {
  readonly status: SecurityStatus;
  /**
   * `answer`: MX records; `implicit`: NODATA, the domain is its own MX; `null`: RFC 7505;
   * `nxdomain`; `error`; `host`: a host was given directly, no MX lookup.
   */
  readonly kind: 'answer' | 'implicit' | 'null' | 'nxdomain' | 'error' | 'host';
  /** The chain of trust of the MX lookup, zone by zone from the anchor (for `-v`). */
  readonly chain?: readonly ChainLink[];
  readonly reason: string;
}

export interface DanePolicy {
  /** The destination as looked up: A-labels (`xn--mnchen-3ya.example.`), or an address literal. */
  readonly domain: string;
  /** The destination with U-labels (`münchen.example.`), when it differs from `domain`. */
  readonly domainUnicode?: string;
  readonly mx: MxInfo;
  /** Hosts in preference order (empty when the domain is deferred or takes no mail). */
  readonly hosts: readonly HostPolicy[];
  /**
   * `deliver`: use the hosts with their policies; `defer`: the MX lookup was bogus or
   * indeterminate (temporary failure, never "no DANE"); `no-mail`: NXDOMAIN or null MX.
   */
  readonly action: 'deliver' | 'defer' | 'no-mail';
  readonly reason: string;
  /** MX hosts left out past `maxHosts` (the least preferred); absent when none were. */
  readonly hostsNotChecked?: number;
  /**
   * Seconds since the epoch until which this policy holds: the earliest expiry of every lookup it
   * came from (TTLs, signatures, keys; see LookupResult.expiresAt). Cache it no longer; a policy
   * from a failed lookup expires at once. Absent for an address literal (no DNS behind it).
   */
  readonly expiresAt?: number;
}

export interface PolicyOptions {
  /** SMTP port; also the port label of the TLSA name (`_25._tcp`). Default 25. */
  readonly port?: number;
  /** What to do with the hosts of an insecure MX RRset: use their secure TLSA records (`dane`, default) or none. */
  readonly insecureMx?: 'dane' | 'none';
  /** Hosts looked at, at most (MX RRsets are small; a huge one is cut here). */
  readonly maxHosts?: number;
  readonly signal?: AbortSignal;
  /** The budget of the whole call (verifyDane makes one); its lookups are charged to it. */
  readonly callBudget?: CallBudget;
}

function lookupOptions(o: PolicyOptions): { signal?: AbortSignal; budget?: CallBudget } {
  return { ...(o.signal ? { signal: o.signal } : {}), ...(o.callBudget ? { budget: o.callBudget } : {}) };
}

/**
 * The names a DANE-TA (2 x x) server certificate may carry (RFC 7672 §3.2.2-3.2.3), as Postfix
 * checks them: the TLSA base domain, and the next-hop domain when its MX RRset is secure. The MX
 * host name before CNAME expansion is not one of them (a CNAME'd host's certificate names the
 * expanded name, or the original name when that is the TLSA base domain).
 */
export function referenceIdentifiers(host: HostPolicy, nextHop?: string): string[] {
  const names = [host.tlsaBase ?? host.host, ...(nextHop ? [nextHop] : [])];
  return [...new Set(names.map((n) => n.replace(/\.$/, '').toLowerCase()))];
}

/** The next-hop domain to add to the reference identifiers: only behind a secure MX RRset (or a secure implicit MX). */
export function secureNextHop(policy: DanePolicy): string | undefined {
  return policy.mx.status === 'secure' && (policy.mx.kind === 'answer' || policy.mx.kind === 'implicit') ? policy.domain : undefined;
}

/** Most MX hosts considered per domain (Postfix's smtp_mx_address_limit is 5 addresses; hosts are cheap to list). */
export const DEFAULT_MAX_MX_HOSTS = 10;

/** The security of a host's address records: worst over the A/AAAA lookups that returned records or failed. */
function addressSecurity(...lookups: LookupResult[]): SecurityStatus {
  const counted = lookups.filter((l) => l.status === 'bogus' || l.status === 'indeterminate' || l.rrset.length > 0);
  return (counted.length > 0 ? counted : lookups).map((l) => l.status).reduce((w, s) => worst(w, s));
}

/** The policy of one named host with the given MX lookup context (also used for `{ host }` checks). */
/** Chains of several lookups as one list, each zone (with its status) once, in the order met. */
function mergeChains(chains: readonly (readonly ChainLink[])[]): ChainLink[] {
  const seen = new Set<string>();
  return chains.flat().filter((l) => !seen.has(`${l.zone}|${l.status}`) && seen.add(`${l.zone}|${l.status}`));
}

export async function resolveHostPolicy(validator: Validator, host: Name, preference: number, options: PolicyOptions & { mxStatus?: SecurityStatus } = {}): Promise<HostPolicy> {
  const port = options.port ?? 25;
  const opts = lookupOptions(options);
  // The TLSA RRset at the host is asked beside its addresses, not after them: one round trip (and
  // the host zone's chain of trust, proven once for both) less. RFC 7672 §2.2.2 decides whether it
  // is *used* (secure addresses, no insecure CNAME), and the code below reads it only then; the
  // cost is one TLSA question for a host whose addresses turn out insecure (Postfix asks none).
  const early = validator.lookup(tlsaNameOf(host, port), RRType.TLSA, opts);
  early.catch(() => undefined); // read below when it is used; a rejection (caller misuse) is thrown by the address lookups too
  const [a, aaaa] = await Promise.all([validator.lookup(host, RRType.A, opts), validator.lookup(host, RRType.AAAA, opts)]);
  const key = `${preference}|${port}|${options.insecureMx ?? 'dane'}|${options.mxStatus ?? ''}|${host.key()}`;
  const memo = hostPolicies.get(a);
  if (memo && memo.aaaa === aaaa && memo.key === key && (memo.tlsa === undefined || memo.tlsa === (await early))) return memo.policy;
  const used: DerivedFrom = { extraLookups: false, expiresAt: Math.min(a.expiresAt, aaaa.expiresAt) };
  const derived = await deriveHostPolicy(validator, host, preference, port, options, opts, a, aaaa, early, used);
  const policy: HostPolicy = { ...derived, expiresAt: used.tlsa ? Math.min(used.expiresAt, used.tlsa.expiresAt) : used.expiresAt };
  if (!used.extraLookups) hostPolicies.set(a, { aaaa, tlsa: used.tlsa, key, policy: freezePolicy(policy) });
  return policy;
}

/**
 * Host policies already derived, by the address lookup results they came from: the validator hands
 * out the same (frozen) result objects while they are cached, so the same objects mean the same
 * proven answers, and the policy derived from them is the same. A warm call then builds nothing.
 * Policies that needed more lookups (CNAME'd hosts) are derived each time.
 */
const hostPolicies = new WeakMap<LookupResult, { readonly aaaa: LookupResult; readonly tlsa: LookupResult | undefined; readonly key: string; readonly policy: HostPolicy }>();

/** What a derivation read beyond the A, AAAA lookups: the early TLSA lookup, or others (and the earliest expiry of those). */
interface DerivedFrom {
  tlsa?: LookupResult;
  extraLookups: boolean;
  expiresAt: number;
}

function freezePolicy(p: HostPolicy): HostPolicy {
  for (const a of [p.addresses, p.tlsa, p.reasons, p.chain]) if (a) Object.freeze(a);
  return Object.freeze(p);
}

/** `_<port>._tcp.<base>`, built once per base name object and port. */
function tlsaNameOf(base: Name, port: number): Name {
  const known = tlsaNames.get(base);
  if (known?.port === port) return known.name;
  const name = base.child('_tcp').child(`_${port}`);
  tlsaNames.set(base, { port, name });
  return name;
}
const tlsaNames = new WeakMap<Name, { readonly port: number; readonly name: Name }>();

async function deriveHostPolicy(validator: Validator, host: Name, preference: number, port: number, options: PolicyOptions & { mxStatus?: SecurityStatus }, opts: ReturnType<typeof lookupOptions>,
  a: LookupResult, aaaa: LookupResult, early: Promise<LookupResult>, used: DerivedFrom): Promise<Omit<HostPolicy, 'expiresAt'>> {
  // RFC 7672 §2.2.2: TLSA is used when the address records are secure. A lookup that returned
  // no records (NODATA) contributes no address, so its security does not decide: a secure A RRset
  // beside an insecure AAAA denial (e.g. NSEC3 iterations above the limit, RFC 9276 §3.2) keeps
  // DANE, as Postfix judges each address record's own DNSSEC status. Bogus or indeterminate
  // lookups still count, with or without records (no downgrade, no delivery).
  const addressStatus = addressSecurity(a, aaaa);
  const addresses = [...a.rrset, ...aaaa.rrset].flatMap((rr) => (isType(rr, RRType.A) || isType(rr, RRType.AAAA) ? [rr.data.address] : []));
  const reasons = [...a.reasons, ...aaaa.reasons];
  const expanded = [a, aaaa].find((r) => r.aliases.length > 0 && r.rrset.length > 0)?.rrset[0]?.name;
  const base = {
    host: host.toString(),
    preference,
    addressStatus,
    addresses: addressStatus === 'secure' || addressStatus === 'insecure' ? addresses : [],
    ...(expanded && !expanded.equals(host) ? { canonicalName: expanded.toString() } : {}),
    tlsa: [] as TlsaRecordInfo[],
    chain: mergeChains([a.chain, aaaa.chain]),
  };
  if (addressStatus === 'bogus' || addressStatus === 'indeterminate') {
    const main = (a.status === addressStatus ? a : aaaa).reason;
    return { ...base, policy: 'no-delivery', bogus: addressStatus === 'bogus', reason: `address lookup ${addressStatus}: ${main}`, reasons };
  }
  if (addresses.length === 0) {
    return { ...base, policy: 'no-delivery', bogus: false, noAddresses: true, reason: `${host} has no A or AAAA records: the host is skipped`, reasons };
  }
  if (options.mxStatus === 'insecure' && options.insecureMx === 'none') {
    return { ...base, policy: 'none', bogus: false, reason: 'the MX RRset is insecure and the policy for insecure MX hosts is none', reasons };
  }
  // RFC 7672 §2.2.3: with a CNAME at the host, its own record decides whether DANE applies at all
  // (insecure: no DANE); a secure expansion is tried first, then the original name; an insecure
  // expansion leaves only the original name as TLSA base domain (as mox's GatherTLSA does).
  let candidates: Name[];
  if (base.canonicalName) {
    used.extraLookups = true;
    const own = await validator.lookup(host, RRType.CNAME, opts);
    used.expiresAt = Math.min(used.expiresAt, own.expiresAt);
    reasons.push(...own.reasons);
    if (own.status === 'bogus' || own.status === 'indeterminate') {
      return { ...base, policy: 'no-delivery', bogus: own.status === 'bogus', reason: `CNAME lookup ${own.status}: ${own.reason}`, reasons };
    }
    if (own.status === 'insecure') {
      return { ...base, policy: 'none', bogus: false, reason: `the CNAME at ${host} is insecure: TLSA records are not used (RFC 7672 §2.2.3)`, reasons };
    }
    candidates = addressStatus === 'secure' ? [expanded!, host] : [host];
  } else {
    if (addressStatus !== 'secure') {
      return { ...base, policy: 'none', bogus: false, reason: `the address records of ${host} are insecure: TLSA records are not used (RFC 7672 §2.2.2)`, reasons };
    }
    candidates = [host];
  }
  let last: Omit<HostPolicy, 'expiresAt'> | undefined;
  for (const candidate of candidates) {
    const tlsaName = tlsaNameOf(candidate, port);
    const t = candidate.equals(host) ? (used.tlsa = await early) : await validator.lookup(tlsaName, RRType.TLSA, opts);
    used.expiresAt = Math.min(used.expiresAt, t.expiresAt);
    const common = { ...base, tlsaBase: candidate.toString(), tlsaName: tlsaName.toString(), tlsaStatus: t.status, reasons: [...reasons, ...t.reasons], chain: mergeChains([base.chain, t.chain]) };
    switch (t.status) {
      case 'bogus':
      case 'indeterminate':
        return { ...common, policy: 'no-delivery', bogus: t.status === 'bogus', reason: `TLSA lookup ${t.status}: ${t.reason}` };
      case 'insecure':
        last = { ...common, policy: 'none', bogus: false, reason: `TLSA records at ${tlsaName} are insecure: ${t.reason}` };
        continue;
      case 'secure':
        break;
    }
    const records = t.rrset.filter((rr) => isType(rr, RRType.TLSA));
    if (records.length === 0) {
      last = { ...common, policy: 'none', bogus: false, reason: `no TLSA records at ${tlsaName} (proven by DNSSEC)` };
      continue;
    }
    const tlsa = records.map((rr) => {
      const data = (rr as typeof rr & { data: TLSAData }).data;
      const c = classifyTlsa(data);
      return { text: formatRR(rr), data, params: tlsaParams(data), usable: c.usable, ...(c.usable ? {} : { reason: c.reason }) };
    });
    const usable = tlsa.filter((r) => r.usable).length;
    // How long a resolver may keep this RRset: the signature's original TTL bounds it (RFC 4035
    // §5.3.3); what a rollover must wait for after a change (RFC 7671 §8.1).
    const signedTtls = t.rrsigs.filter((s) => s.data.typeCovered === RRType.TLSA).map((s) => s.data.originalTtl);
    const tlsaTtl = signedTtls.length > 0 ? Math.max(...signedTtls) : Math.max(...records.map((rr) => rr.ttl));
    if (usable > 0) return { ...common, tlsa, tlsaTtl, policy: 'dane', bogus: false, reason: `${usable} usable TLSA record${usable > 1 ? 's' : ''} at ${tlsaName}` };
    return { ...common, tlsa, tlsaTtl, policy: 'mandatory-tls', bogus: false, reason: `TLSA RRset at ${tlsaName} is secure but holds no usable record: TLS is mandatory, unauthenticated (RFC 7672 §2.2)` };
  }
  return last!;
}

/**
 * Resolves the DANE policy of a destination domain: the DNS phase of RFC 7672 §2.
 * Never throws for anything DNS does; bad input is a caller error. A string is parsed as a
 * destination (destination.ts): U-labels are converted (and kept in `domainUnicode`), an address
 * literal has policy `none` without a lookup.
 * @throws InvalidDomainError for a string that is not a domain name (a mail address, a URL ...)
 */
export async function resolveDanePolicyWith(validator: Validator, domain: string | Name, options: PolicyOptions = {}): Promise<DanePolicy> {
  if (typeof domain !== 'string') return resolveNamePolicy(validator, domain, options);
  const d = parseDestination(domain);
  if (d.kind === 'address-literal') return addressLiteralPolicy(d);
  const policy = await resolveNamePolicy(validator, d.name, options);
  return d.unicode === undefined ? policy : { ...policy, domainUnicode: d.unicode };
}

async function resolveNamePolicy(validator: Validator, name: Name, options: PolicyOptions): Promise<DanePolicy> {
  const opts = lookupOptions(options);
  const mx: LookupResult = await validator.lookup(name, RRType.MX, opts);
  const d = name.toString();
  if (mx.status === 'bogus' || mx.status === 'indeterminate') {
    return { domain: d, mx: { status: mx.status, kind: 'error', reason: mx.reason, chain: mx.chain }, hosts: [], action: 'defer', reason: `MX lookup ${mx.status}: ${mx.reason}`, expiresAt: mx.expiresAt };
  }
  if (mx.kind === 'nxdomain') {
    return { domain: d, mx: { status: mx.status, kind: 'nxdomain', reason: mx.reason, chain: mx.chain }, hosts: [], action: 'no-mail', reason: `${d} does not exist`, expiresAt: mx.expiresAt };
  }
  const mxRecords = mx.rrset.flatMap((rr) => (isType(rr, RRType.MX) ? [rr] : []));
  // RFC 7505 §3: a null MX is the only record of its RRset; an RRset of nothing but "." exchanges
  // (e.g. "0 ." twice at different preferences) names no host either, and is no mail, not "no DANE".
  if (mxRecords.length > 0 && mxRecords.every((r) => r.data.exchange.isRoot)) {
    return { domain: d, mx: { status: mx.status, kind: 'null', reason: 'null MX (RFC 7505)', chain: mx.chain }, hosts: [], action: 'no-mail', reason: `${d} publishes a null MX: it accepts no mail (RFC 7505)`, expiresAt: mx.expiresAt };
  }
  const implicit = mxRecords.length === 0;
  const targets = implicit ? [{ preference: 0, exchange: name }] : mxRecords.map((r) => r.data).filter((m) => !m.exchange.isRoot);
  targets.sort((x, y) => x.preference - y.preference);
  // One host named twice (e.g. at preferences 0 and 10) is one host, at its best preference, as
  // Postfix's MX list keeps it: checked once, not twice.
  const seen = new Set<string>();
  const unique = targets.filter((t) => !seen.has(t.exchange.key()) && seen.add(t.exchange.key()));
  const limited = unique.slice(0, options.maxHosts ?? DEFAULT_MAX_MX_HOSTS);
  const hosts = await Promise.all(limited.map((t) => resolveHostPolicy(validator, t.exchange, t.preference, { ...options, mxStatus: mx.status })));
  // The same MX answer and the same host policies (the same objects, see hostPolicies) make the same policy.
  const memo = domainPolicies.get(mx);
  if (memo && memo.name === d && memo.hosts.length === hosts.length && memo.hosts.every((h, i) => h === hosts[i])) return memo.policy;
  const mxInfo: MxInfo = { status: mx.status, kind: implicit ? 'implicit' : 'answer', reason: implicit ? `no MX records: ${d} is its own mail host (RFC 5321 §5.1)` : mx.reason, chain: mx.chain };
  const cut = unique.length - limited.length;
  // The verdict covers only the hosts looked at: say so, rather than let "every host" read as all of them.
  const reason = cut > 0 ? `${mxInfo.reason}; only the ${limited.length} most preferred of ${unique.length} MX hosts were checked` : mxInfo.reason;
  const expiresAt = hosts.reduce((t, h) => Math.min(t, h.expiresAt ?? t), mx.expiresAt);
  const policy: DanePolicy = Object.freeze({ domain: d, mx: Object.freeze(mxInfo), hosts: Object.freeze(hosts), action: 'deliver', reason, ...(cut > 0 ? { hostsNotChecked: cut } : {}), expiresAt });
  domainPolicies.set(mx, { name: d, hosts, policy });
  return policy;
}

/** Domain policies already made, by the MX lookup result they came from (see {@link hostPolicies}). */
const domainPolicies = new WeakMap<LookupResult, { readonly name: string; readonly hosts: readonly HostPolicy[]; readonly policy: DanePolicy }>();
