/**
 * The TLS-RPT policy of a domain (RFC 8460 §3): the TXT record at `_smtp._tls.<domain>` that says
 * where reports about TLS failures go, parsed strictly, and its lookup through the validator.
 *
 * ```
 * tlsrpt-record = %s"v=TLSRPTv1" 1*(field-delim tlsrpt-field) [field-delim]
 * tlsrpt-field  = tlsrpt-rua / tlsrpt-extension
 * tlsrpt-rua    = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 * ```
 * (field-delim, extension names and values: txt-fields.ts; URIs: rua-uri.ts.)
 *
 * Rules and where they come from:
 * - RFC 8460 §3: the version comes first and is case-sensitive; `rua` is required; field names are
 *   case-sensitive (`RUA=` is an unknown extension, and the reason says so); unknown fields are
 *   ignored, but must still be syntactically valid extensions; the strings of one TXT record are
 *   concatenated without spaces; among several TXT records, those that do not begin with
 *   `v=TLSRPTv1;` are discarded, and if the number left is not one the domain has no TLS-RPT policy.
 * - Decisions where RFC 8460 is silent (unsure; written down here): several `rua` fields are
 *   accepted and their URIs joined in order (the ABNF allows repeated fields and gives no
 *   first-wins rule like RFC 8461 §3.2; mox does the same). "Begins with `v=TLSRPTv1;`" is read as
 *   the version followed by optional whitespace and `;` (the ABNF's field-delim), so
 *   `v=TLSRPTv1 ; rua=...` counts as a TLS-RPT record; mox reads it so too.
 *
 * Not here: sending reports, and caching the policy (later layers of issue 16).
 */
import { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import { isType } from '../dns/record.ts';
import type { Validator } from '../dnssec/validator.ts';
import { assertNever, type Reason } from '../dnssec/status.ts';
import type { CallBudget } from '../dnssec/call-budget.ts';
import { checkExtValue, clip, splitTxtFields, txtRecordText, type TxtExtension, type TxtSyntaxCode, type TxtSyntaxError } from './txt-fields.ts';
import { checkRuaUri, type TlsRptRua, type UnsupportedRua } from './rua-uri.ts';

export type { TlsRptRua, UnsupportedRua } from './rua-uri.ts';

/** The version field, as the record must begin with it (RFC 8460 §3). */
export const TLSRPT_VERSION = 'v=TLSRPTv1';

const RFC = 'RFC 8460 §3';

/** A parsed TLS-RPT record. */
export interface TlsRptRecord {
  /** Where reports may go: `mailto:` and `https:` URIs, in record order (never empty). */
  readonly rua: readonly TlsRptRua[];
  /** Valid URIs of other schemes, set aside with their reason (see rua-uri.ts). */
  readonly unsupportedRua: readonly UnsupportedRua[];
  /** Fields RFC 8460 does not define, ignored as §3 says, in record order. */
  readonly extensions: readonly TxtExtension[];
}

/** Why a record is not a valid TLS-RPT record. */
export type TlsRptRecordErrorCode =
  | TxtSyntaxCode
  /** No `rua` field. */
  | 'missing-rua'
  /** A `rua` entry that is not a URI (or an unusable mailto:/https: one). */
  | 'invalid-uri'
  /** Every `rua` URI has a scheme reports are not sent to. */
  | 'no-supported-rua';

export type TlsRptRecordError = TxtSyntaxError<TlsRptRecordErrorCode>;

export type TlsRptRecordResult = ({ readonly ok: true } & TlsRptRecord) | { readonly ok: false; readonly reason: TlsRptRecordError };

/**
 * Parses one TLS-RPT record (its strings already joined; see {@link txtRecordText}). Never throws:
 * anything that is not a valid record is `{ ok: false, reason }`, the reason naming the rule.
 */
export function parseTlsRptRecord(text: string): TlsRptRecordResult {
  const split = splitTxtFields(text, TLSRPT_VERSION, RFC);
  if (!split.ok) return split;
  const rua: TlsRptRua[] = [];
  const unsupportedRua: UnsupportedRua[] = [];
  const extensions: TxtExtension[] = [];
  let ruaFields = 0;
  for (const field of split.fields) {
    if (field.name !== 'rua') {
      const bad = checkExtValue(field, RFC);
      if (bad) return { ok: false, reason: bad };
      extensions.push({ name: field.name, value: field.value });
      continue;
    }
    ruaFields++;
    // *WSP "," *WSP between URIs: whitespace is allowed next to a comma only (none after "rua=").
    const parts = field.value.split(',');
    let offset = field.valueOffset;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const lead = i > 0 ? part.length - part.replace(/^[ \t]+/, '').length : 0;
      const uri = (i < parts.length - 1 ? part.replace(/[ \t]+$/, '') : part).slice(lead);
      const check = checkRuaUri(uri);
      switch (check.kind) {
        case 'supported':
          rua.push(check.rua);
          break;
        case 'unsupported':
          unsupportedRua.push(check.rua);
          break;
        case 'invalid':
          return { ok: false, reason: { code: 'invalid-uri', text: `rua URI ${i + 1}: ${check.text}`, offset: offset + lead + check.at } };
        default:
          assertNever(check);
      }
      offset += part.length + 1;
    }
  }
  if (ruaFields === 0) {
    const lookalike = extensions.find((e) => e.name.toLowerCase() === 'rua');
    const hint = lookalike ? `; "${lookalike.name}=" is not "rua=" (field names are case-sensitive)` : '';
    return { ok: false, reason: { code: 'missing-rua', text: `no rua field: a TLS-RPT record must say where reports go (${RFC})${hint}` } };
  }
  if (rua.length === 0) {
    const schemes = [...new Set(unsupportedRua.map((u) => `${u.scheme}:`))].join(', ');
    return { ok: false, reason: { code: 'no-supported-rua', text: `no rua URI is mailto: or https: (found ${schemes}); reports cannot be sent (${RFC})` } };
  }
  return { ok: true, rua, unsupportedRua, extensions };
}

/**
 * A record in the form a zone would publish: `v=TLSRPTv1; rua=<uris>; <extensions>`. The
 * supported URIs come before the unsupported ones (the parse keeps the two apart). Parsing the
 * output gives back an equal record.
 */
export function formatTlsRptRecord(record: TlsRptRecord): string {
  const uris = [...record.rua, ...record.unsupportedRua].map((u) => u.uri);
  return [TLSRPT_VERSION, `rua=${uris.join(',')}`, ...record.extensions.map((e) => `${e.name}=${e.value}`)].join('; ');
}

/** RFC 8460 §3: the records that count are those that begin with `v=TLSRPTv1;` (whitespace before `;` allowed, see above). */
export function isTlsRptCandidate(text: string): boolean {
  return /^v=TLSRPTv1[ \t]*;/.test(text);
}

/** One TXT record found at `_smtp._tls.<domain>`, and whether RFC 8460 §3 counts it. */
export interface TlsRptTxt {
  readonly text: string;
  /** Begins with `v=TLSRPTv1;`; the others are ignored. */
  readonly counted: boolean;
}

/** What the TXT records at the name say, before DNSSEC is considered. */
export type TlsRptSelection =
  | { readonly outcome: 'policy'; readonly text: string; readonly record: TlsRptRecord }
  | { readonly outcome: 'none' }
  | { readonly outcome: 'multiple'; readonly count: number }
  | { readonly outcome: 'invalid'; readonly text: string; readonly error: TlsRptRecordError };

/**
 * RFC 8460 §3 over a set of TXT record texts: discard those not beginning with `v=TLSRPTv1;`;
 * exactly one must remain, and be valid, for a policy. Note that a second record beginning with
 * the version counts even when it is invalid (the RFC counts records, not valid ones).
 */
export function selectTlsRptRecord(texts: readonly string[]): TlsRptSelection {
  const counted = texts.filter(isTlsRptCandidate);
  if (counted.length === 0) return { outcome: 'none' };
  if (counted.length > 1) return { outcome: 'multiple', count: counted.length };
  const text = counted[0]!;
  const parsed = parseTlsRptRecord(text);
  if (!parsed.ok) return { outcome: 'invalid', text, error: parsed.reason };
  const { ok: _ok, ...record } = parsed;
  return { outcome: 'policy', text, record };
}

export interface TlsRptLookupOptions {
  readonly signal?: AbortSignal;
  /** The budget of the whole call (as in `resolveDanePolicy`); the lookup is charged to it. */
  readonly callBudget?: CallBudget;
}

interface LookupCommon {
  /** The domain asked about, absolute (`example.com.`). */
  readonly domain: string;
  /** `_smtp._tls.<domain>`. */
  readonly name: string;
  /** What was found, in words. */
  readonly reason: string;
  /** The validator's reason trail for the TXT lookup. */
  readonly reasons: readonly Reason[];
  /** Every TXT record at the name (empty for denials and failed lookups). */
  readonly records: readonly TlsRptTxt[];
}

/**
 * The TLS-RPT policy of a domain with the DNSSEC status of its lookup. Only `policy` gives report
 * addresses. `none`, `multiple` and `invalid` all mean the domain has no usable TLS-RPT policy
 * (RFC 8460 §3), told apart for people; `failed` means it is unknown now (bogus or indeterminate:
 * nothing from such an answer is used, RFC 4035 §4.3).
 *
 * DNSSEC is not required for TLS-RPT: an insecure answer gives a policy like a secure one, and the
 * status says which it was.
 */
export type TlsRptLookupResult = LookupCommon &
  (
    | { readonly outcome: 'policy'; readonly status: 'secure' | 'insecure'; readonly text: string; readonly policy: TlsRptRecord }
    | { readonly outcome: 'none'; readonly status: 'secure' | 'insecure'; readonly answer: 'nxdomain' | 'nodata' | 'answer' }
    | { readonly outcome: 'multiple'; readonly status: 'secure' | 'insecure' }
    | { readonly outcome: 'invalid'; readonly status: 'secure' | 'insecure'; readonly text: string; readonly error: TlsRptRecordError }
    | { readonly outcome: 'failed'; readonly status: 'bogus' | 'indeterminate' }
  );

/**
 * Looks up and parses the TLS-RPT policy of `domain` (a Name, or text in presentation form with
 * A-labels) at `_smtp._tls.<domain>` TXT, proven by `validator`. Never throws for anything DNS does.
 * @throws DnsFormatError for a malformed domain or one too long to prefix (caller misuse)
 */
export async function lookupTlsRptPolicy(validator: Validator, domain: Name | string, opts: TlsRptLookupOptions = {}): Promise<TlsRptLookupResult> {
  const base = typeof domain === 'string' ? Name.parse(domain) : domain;
  const name = base.child('_tls').child('_smtp');
  const r = await validator.lookup(name, RRType.TXT, { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.callBudget ? { budget: opts.callBudget } : {}) });
  const common = { domain: base.toString(), name: name.toString(), reasons: r.reasons };
  switch (r.status) {
    case 'bogus':
    case 'indeterminate':
      return { ...common, outcome: 'failed', status: r.status, records: [], reason: `TXT lookup of ${name} ${r.status}: ${r.reason}; the TLS-RPT policy is unknown` };
    case 'secure':
    case 'insecure':
      break;
    default:
      assertNever(r.status);
  }
  const status = r.status;
  if (r.kind === 'error') {
    // The validator ends errors as bogus or indeterminate; should one ever come with another
    // status, it is still no answer to read a policy from.
    return { ...common, outcome: 'failed', status: 'indeterminate', records: [], reason: `TXT lookup of ${name} ended without an answer: ${r.reason}` };
  }
  const texts = r.rrset.flatMap((rr) => (isType(rr, RRType.TXT) ? [txtRecordText(rr.data.strings)] : []));
  const records = texts.map((text) => ({ text, counted: isTlsRptCandidate(text) }));
  const proof = status === 'secure' ? 'DNSSEC-secure' : 'insecure: no DNSSEC chain of trust reaches it';
  const found = { ...common, status, records };
  if (r.kind === 'nxdomain' || r.kind === 'nodata') {
    const what = r.kind === 'nxdomain' ? 'does not exist' : 'has no TXT records';
    return { ...found, outcome: 'none', answer: r.kind, reason: `${name} ${what} (${proof}): no TLS-RPT policy` };
  }
  const selection = selectTlsRptRecord(texts);
  const ignored = records.length - records.filter((x) => x.counted).length;
  const others = ignored > 0 ? `; ${ignored} other TXT record${ignored > 1 ? 's' : ''} ignored` : '';
  switch (selection.outcome) {
    case 'policy': {
      const n = selection.record.rua.length;
      const u = selection.record.unsupportedRua.length;
      const unsupported = u > 0 ? `; ${u} URI${u > 1 ? 's' : ''} of another scheme set aside` : '';
      return { ...found, outcome: 'policy', text: selection.text, policy: selection.record, reason: `TLS-RPT policy at ${name} (${proof}): ${n} report address${n > 1 ? 'es' : ''}${unsupported}${others}` };
    }
    case 'none':
      return { ...found, outcome: 'none', answer: 'answer', reason: `no TXT record at ${name} begins with "${TLSRPT_VERSION};" (${proof}): no TLS-RPT policy${others}` };
    case 'multiple':
      return { ...found, outcome: 'multiple', reason: `${selection.count} TXT records at ${name} begin with "${TLSRPT_VERSION};" (${proof}): not exactly one, so no TLS-RPT policy (${RFC})` };
    case 'invalid':
      return { ...found, outcome: 'invalid', text: selection.text, error: selection.error, reason: `TLS-RPT record at ${name} is invalid (${proof}): ${selection.error.text}; record "${clip(selection.text)}"` };
    default:
      return assertNever(selection);
  }
}
