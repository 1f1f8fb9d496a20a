/**
 * The MTA-STS policy file (RFC 8461 §3.2), parsed strictly from the body a sender fetched from
 * `https://mta-sts.<domain>/.well-known/mta-sts.txt`, and the MX host match (RFC 8461 §4.1).
 * No fetching here (mta-sts-fetch.ts does it): the body comes in as octets or text.
 *
 * ```
 * sts-policy-record  = sts-policy-field *WSP *(sts-policy-term sts-policy-field *WSP) [sts-policy-term]
 * sts-policy-field   = version / mode / max_age / mx / extension     ; key ":" *WSP value
 * sts-policy-term    = LF / CRLF
 * version: STSv1     mode: enforce | testing | none     max_age: 1*10DIGIT     mx: ["*."] Domain
 * sts-policy-ext-name  = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 * sts-policy-ext-value = vchar [*(SP / vchar) vchar]               ; UTF-8 allowed, no CTLs
 * ```
 *
 * Rules and where they come from:
 * - RFC 8461 §3.2: `version`, `mode` and `max_age` are required; `mx` is required at least once
 *   unless the mode is `none`; keys and the version and mode values are case-sensitive (%s);
 *   `max_age` is at most 31557600; lines end in LF or CRLF (mixed is allowed, as each terminator
 *   is either); no whitespace before `:` or at the start of a line; unknown keys are ignored (but
 *   must be valid extension fields); a field other than `mx` given more than once counts only the
 *   first time, the later ones being ignored like unknown fields.
 * - `mx` patterns are RFC 5321 Domains in A-labels (U-labels are refused, as RFC 8461 §3.2 asks),
 *   with no trailing dot, each label at most 63 octets (RFC 1035 §2.3.4); `*.` only as the whole
 *   left-most label.
 * - Decisions where the RFC is open (unsure; written down here): a blank line, a byte-order mark
 *   or a lone CR is a syntax error (the ABNF has no place for them; mox agrees); a `max_age` above
 *   31557600 makes the policy invalid rather than being capped (the RFC gives a maximum, not a
 *   repair; mailauth agrees); a known key with an invalid value (`mode: Enforce`) makes the policy
 *   invalid, though the ABNF could also read it as an extension named `mode`; the body is decoded
 *   as UTF-8 (fatal on invalid sequences) whatever the Content-Type charset says.
 * - Size: a body over {@link MAX_MTA_STS_POLICY_BYTES} is refused before it is read. RFC 8461
 *   §3.3 asks senders to bound the policy size and gives 64 kilobytes as the example (mox and
 *   mailauth both use 65536 octets); the fetcher should stop reading there too.
 */
import { clip, describeChar } from './txt-fields.ts';

/** Octets of a policy body read at most (RFC 8461 §3.3's example: 64 KiB). */
export const MAX_MTA_STS_POLICY_BYTES = 65_536;

/** The largest `max_age` in seconds (RFC 8461 §3.2: one year of 365.25 days). */
export const MAX_MTA_STS_MAX_AGE = 31_557_600;

export type MtaStsMode = 'enforce' | 'testing' | 'none';

/** A parsed policy. */
export interface MtaStsPolicy {
  readonly version: 'STSv1';
  readonly mode: MtaStsMode;
  /** MX patterns as written (case kept for reports; matching ignores case), duplicates kept. */
  readonly mx: readonly string[];
  /** Seconds a sender may cache the policy. */
  readonly maxAge: number;
  /** Keys RFC 8461 does not define, ignored, in file order. */
  readonly extensions: readonly { readonly key: string; readonly value: string }[];
  /** Later occurrences of version, mode or max_age, ignored (RFC 8461 §3.2), with their line numbers. */
  readonly ignoredDuplicates: readonly { readonly key: string; readonly value: string; readonly line: number }[];
}

export type MtaStsPolicyErrorCode =
  | 'too-large'
  | 'invalid-utf8'
  | 'empty'
  | 'byte-order-mark'
  /** A line that is empty (two terminators in a row) or a CR not followed by LF. */
  | 'blank-line'
  | 'invalid-character'
  /** A line without `key:`, or a key outside `sts-policy-ext-name`. */
  | 'malformed-line'
  | 'invalid-version'
  | 'invalid-mode'
  | 'invalid-max-age'
  | 'invalid-mx'
  | 'invalid-value'
  | 'missing-version'
  | 'missing-mode'
  | 'missing-max-age'
  | 'missing-mx';

export interface MtaStsPolicyError {
  readonly code: MtaStsPolicyErrorCode;
  readonly text: string;
  /** 1-based line number, where the error is on one line. */
  readonly line?: number;
}

export type MtaStsPolicyResult = ({ readonly ok: true } & MtaStsPolicy) | { readonly ok: false; readonly reason: MtaStsPolicyError };

const RFC = 'RFC 8461 §3.2';
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const MODES: readonly string[] = ['enforce', 'testing', 'none'];
/** `sts-policy-ext-value` after the surrounding whitespace is taken off: no CTLs, no tab inside. */
const EXT_VALUE = /^[^\x00-\x20\x7f](?:[^\x00-\x1f\x7f]*[^\x00-\x20\x7f])?$/u;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * Why `pattern` is not an `mx` pattern (`["*."] Domain`, A-labels, no trailing dot), or undefined
 * when it is one.
 */
export function mxPatternError(pattern: string): string | undefined {
  const domain = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (domain === '') return 'empty pattern';
  if (/[^\x00-\x7f]/.test(domain)) return 'U-labels are not allowed: write the name in A-labels (xn--...)';
  if (domain.includes('*')) return "'*' is allowed only as the whole left-most label (*.example.com)";
  if (domain.endsWith('.')) return 'a trailing dot is not allowed (RFC 5321 Domain)';
  if (domain.length > 253) return `${domain.length} characters: a domain name has at most 253`;
  for (const label of domain.split('.')) {
    if (label === '') return 'empty label';
    if (label.length > 63) return `label of ${label.length} characters (at most 63)`;
    if (!LABEL.test(label)) return `label "${clip(label, 63)}" is not letters, digits and inner hyphens (RFC 5321 §4.1.2)`;
  }
  return undefined;
}

/**
 * Parses a policy body. Octets are checked against the size limit and decoded as UTF-8; text is
 * measured in UTF-8 octets. Never throws.
 */
export function parseMtaStsPolicy(body: Uint8Array | string): MtaStsPolicyResult {
  const fail = (code: MtaStsPolicyErrorCode, text: string, line?: number): MtaStsPolicyResult => ({ ok: false, reason: { code, text, ...(line !== undefined ? { line } : {}) } });
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  if (size > MAX_MTA_STS_POLICY_BYTES) return fail('too-large', `policy of ${size} octets exceeds ${MAX_MTA_STS_POLICY_BYTES} (RFC 8461 §3.3)`);
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    try {
      // ignoreBOM keeps a byte-order mark in the text, where it is refused below with its own reason.
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return fail('invalid-utf8', `the policy is not valid UTF-8 (${RFC})`);
    }
  }
  if (text === '') return fail('empty', `the policy is empty (${RFC})`);
  if (text.charCodeAt(0) === 0xfeff) return fail('byte-order-mark', `the policy begins with a byte-order mark, which the syntax does not allow (${RFC})`, 1);

  const lines = text.split('\n');
  // A final terminator is optional: the text after it is then empty and is not a line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let version: string | undefined;
  let mode: MtaStsMode | undefined;
  let maxAge: number | undefined;
  const mx: string[] = [];
  const extensions: { key: string; value: string }[] = [];
  const ignoredDuplicates: { key: string; value: string; line: number }[] = [];
  const seen = (key: 'version' | 'mode' | 'max_age'): boolean => (key === 'version' ? version : key === 'mode' ? mode : maxAge) !== undefined;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') return fail('blank-line', `line ${n} is empty: the syntax has no blank lines (${RFC})`, n);
    const ctl = /[\x00-\x08\x0a-\x1f\x7f]/.exec(line);
    if (ctl) {
      const what = ctl[0] === '\r' ? 'a CR not followed by LF (lines end in LF or CRLF)' : `control character ${describeChar(ctl[0], 0)}`;
      return fail('invalid-character', `line ${n} holds ${what} (${RFC})`, n);
    }
    const colon = line.indexOf(':');
    if (colon < 0) return fail('malformed-line', `line ${n} is not "key: value" (${RFC})`, n);
    const key = line.slice(0, colon);
    if (!KEY.test(key)) {
      const why = /^[ \t]|[ \t]$/.test(key) ? 'whitespace is not allowed at the start of a line or before ":"' : 'a key is 1-32 letters, digits, "_", "-" or "." starting with a letter or digit';
      return fail('malformed-line', `line ${n}: key "${clip(key, 40)}": ${why} (${RFC})`, n);
    }
    const value = line.slice(colon + 1).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
    const known = key === 'version' || key === 'mode' || key === 'max_age';
    if ((known && seen(key)) || !(known || key === 'mx')) {
      if (!EXT_VALUE.test(value)) {
        return fail('invalid-value', `line ${n}: the value of "${key}" is empty or holds a tab (${RFC})`, n);
      }
      if (known) ignoredDuplicates.push({ key, value, line: n });
      else extensions.push({ key, value });
      continue;
    }
    switch (key) {
      case 'version':
        if (value !== 'STSv1') return fail('invalid-version', `line ${n}: version "${clip(value, 40)}" is not STSv1 (case-sensitive) (${RFC})`, n);
        version = value;
        break;
      case 'mode':
        if (!MODES.includes(value)) return fail('invalid-mode', `line ${n}: mode "${clip(value, 40)}" is not enforce, testing or none (case-sensitive) (${RFC})`, n);
        mode = value as MtaStsMode;
        break;
      case 'max_age': {
        if (!/^[0-9]{1,10}$/.test(value)) return fail('invalid-max-age', `line ${n}: max_age "${clip(value, 40)}" is not 1 to 10 digits (${RFC})`, n);
        const v = Number(value);
        if (v > MAX_MTA_STS_MAX_AGE) return fail('invalid-max-age', `line ${n}: max_age ${v} exceeds the maximum ${MAX_MTA_STS_MAX_AGE} (${RFC})`, n);
        maxAge = v;
        break;
      }
      case 'mx': {
        const why = mxPatternError(value);
        if (why) return fail('invalid-mx', `line ${n}: mx pattern "${clip(value)}": ${why} (${RFC})`, n);
        mx.push(value);
        break;
      }
    }
  }

  const caseHint = (k: string) => {
    const e = extensions.find((x) => x.key.toLowerCase() === k);
    return e ? `; "${e.key}:" is not "${k}:" (keys are case-sensitive)` : '';
  };
  if (version === undefined) return fail('missing-version', `no version field (${RFC})${caseHint('version')}`);
  if (mode === undefined) return fail('missing-mode', `no mode field (${RFC})${caseHint('mode')}`);
  if (maxAge === undefined) return fail('missing-max-age', `no max_age field (${RFC})${caseHint('max_age')}`);
  if (mx.length === 0 && mode !== 'none') return fail('missing-mx', `mode ${mode} needs at least one mx pattern (${RFC})${caseHint('mx')}`);
  return { ok: true, version: 'STSv1', mode, mx, maxAge, extensions, ignoredDuplicates };
}

/**
 * The policy as a body a server would publish, lines ending in CRLF (RFC 8461 §3.2's wording);
 * ignored duplicates are not written. Parsing the output gives back an equal policy.
 */
export function formatMtaStsPolicy(policy: Pick<MtaStsPolicy, 'mode' | 'mx' | 'maxAge' | 'extensions'>): string {
  return policyLines(policy).map((l) => `${l}\r\n`).join('');
}

/**
 * The policy's lines (`version: STSv1`, `mode: ...`, one `mx: ...` per pattern, `max_age: ...`,
 * then extensions), as a report's `policy-string` lists them (RFC 8460 §4, one string per line, each mx on its own).
 */
export function policyLines(policy: Pick<MtaStsPolicy, 'mode' | 'mx' | 'maxAge' | 'extensions'>): string[] {
  return ['version: STSv1', `mode: ${policy.mode}`, ...policy.mx.map((p) => `mx: ${p}`), `max_age: ${policy.maxAge}`, ...policy.extensions.map((e) => `${e.key}: ${e.value}`)];
}

/**
 * The first of `patterns` that `host` matches (RFC 8461 §4.1), or undefined. Matching ignores
 * ASCII case (RFC 6125 §6.4.1); one trailing dot on the host is ignored (MX targets come from DNS
 * with it). A pattern `*.example.com` matches exactly one left-most label: `mail.example.com`, not
 * `example.com` or `a.mail.example.com`. The host is compared as DNS gives it, LDH or not (RFC 6125
 * asks nothing more of a reference identifier), but a host that holds a `*`, an empty label, a
 * presentation escape (`\`, which would hide where a label ends) or a non-ASCII character (pass
 * A-labels) matches nothing.
 * @throws TypeError for a pattern that is not an `mx` pattern (pass the parser's output)
 */
export function matchingMxPattern(host: string, patterns: readonly string[]): string | undefined {
  for (const p of patterns) {
    const why = mxPatternError(p);
    if (why) throw new TypeError(`expected an mx pattern, got "${clip(p)}": ${why}`);
  }
  const h = (host.endsWith('.') ? host.slice(0, -1) : host).toLowerCase();
  if (h === '' || /[^\x21-\x7e]|[\\*]/.test(h) || h.split('.').includes('')) return undefined;
  const parent = h.slice(h.indexOf('.') + 1);
  for (const p of patterns) {
    const lower = p.toLowerCase();
    if (lower.startsWith('*.') ? h.includes('.') && parent === lower.slice(2) : h === lower) return p;
  }
  return undefined;
}

/** Whether `host` matches one of the policy's `mx` patterns (RFC 8461 §4.1); see {@link matchingMxPattern}. */
export function mxMatchesPolicy(host: string, patterns: readonly string[]): boolean {
  return matchingMxPattern(host, patterns) !== undefined;
}
