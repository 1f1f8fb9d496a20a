/**
 * The `v=<version>; key=value; ...` syntax that the TLS-RPT record (RFC 8460 §3) and the MTA-STS
 * record (RFC 8461 §3.1) share, split into fields with their offsets. What a field means, which
 * are required and what their values may hold is the business of tlsrpt-record.ts and
 * mta-sts-record.ts; this module only knows the common grammar:
 *
 * ```
 * record      = version 1*(field-delim field) [field-delim]
 * field-delim = *WSP ";" *WSP                           ; WSP = SP / HTAB
 * field       = ext-name "=" value
 * ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 * ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)            ; printable ASCII but "=" and ";"
 * ```
 *
 * Strictness, on purpose: whitespace is allowed only around `;` (and, in `rua`, around `,`), so a
 * record with leading whitespace, whitespace after the last field without a closing `;`, an empty
 * field (`;;`) or a byte outside printable ASCII is not valid. A `;` always ends a field: extension
 * values and ids cannot hold one, and although RFC 3986 allows `;` in a URI, inside a record it is
 * the delimiter, so a `rua` URI must write it `%3B` (a raw one cuts the URI there and the rest is
 * read as the next field, as mox reads it too).
 */

/** `ext-name` (RFC 8460 §3, RFC 8461 §3.1). */
export const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

/** `ext-value` (RFC 8460 §3, RFC 8461 §3.1): printable ASCII except `=` and `;`, no whitespace. */
export const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** One `name=value` field of a record. Offsets are in characters of the record text (one per octet). */
export interface TxtField {
  readonly name: string;
  /** The value as written, between `=` and the next delimiter (possibly empty). */
  readonly value: string;
  readonly offset: number;
  readonly valueOffset: number;
}

/** An extension field kept as it was written (RFC 8460 §3 and RFC 8461 §3.1: unknown fields are ignored). */
export interface TxtExtension {
  readonly name: string;
  readonly value: string;
}

/** Why a record's text does not follow the shared grammar. */
export type TxtSyntaxCode =
  /** An octet other than printable ASCII, SP or HTAB. */
  | 'invalid-character'
  /** The text does not begin with the version field `v=<version>`. */
  | 'version'
  /** Something other than whitespace between the version and the first `;`. */
  | 'missing-semicolon'
  /** No field after the version. */
  | 'no-fields'
  /** Two delimiters with nothing between them (`;;`). */
  | 'empty-field'
  /** Whitespace after the last field with no `;` after it. */
  | 'trailing-whitespace'
  /** A field without `=`. */
  | 'malformed-field'
  /** A field name outside `ext-name`. */
  | 'invalid-field-name'
  /** A value outside its field's grammar. */
  | 'invalid-field-value';

/** A reason a record was not accepted: a code, words for people, and where in the text. */
export interface TxtSyntaxError<C extends string = TxtSyntaxCode> {
  readonly code: C;
  readonly text: string;
  /** Character offset in the record text, where one applies. */
  readonly offset?: number;
}

export type TxtFieldsResult = { readonly ok: true; readonly fields: readonly TxtField[] } | { readonly ok: false; readonly reason: TxtSyntaxError };

const isWsp = (c: number): boolean => c === 0x20 || c === 0x09;

/**
 * The text of one TXT record: its character-strings concatenated without anything between them
 * (RFC 8460 §3 and RFC 8461 §3.1 say so for records split into several strings). Each octet
 * becomes one character (latin1), so an octet outside ASCII stays visible to the parsers, which
 * refuse it with its offset, instead of being decoded into something that looks valid.
 */
export function txtRecordText(strings: readonly Uint8Array[]): string {
  let out = '';
  for (const s of strings) for (const b of s) out += String.fromCharCode(b);
  return out;
}

/**
 * `s` as it may appear in a reason: cut to `max` characters (records and policies can be long),
 * and every character outside printable ASCII written as `\xNN` or `\u{N}`, so that what a
 * stranger published cannot put control sequences into a terminal or a log through our words.
 */
export function clip(s: string, max = 80): string {
  const cut = s.length <= max ? s : `${s.slice(0, max)}...`;
  return cut.replace(/[^\x20-\x7e]/gu, (ch) => {
    const c = ch.codePointAt(0)!;
    return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u{${c.toString(16)}}`;
  });
}

/** `c` as people read it in a reason: the character when printable, else its code. */
export function describeChar(text: string, offset: number): string {
  const c = text.codePointAt(offset) ?? 0;
  if (c > 0x20 && c < 0x7f) return `'${text[offset]}'`;
  return c <= 0xff ? `0x${c.toString(16).padStart(2, '0')}` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Splits a record into its fields after checking the version and the delimiters.
 * `version` is the whole version field (`v=TLSRPTv1`); `rfc` names the section for reasons.
 * Never throws.
 */
export function splitTxtFields(text: string, version: string, rfc: string): TxtFieldsResult {
  const fail = (code: TxtSyntaxCode, words: string, offset?: number): TxtFieldsResult => ({
    ok: false,
    reason: { code, text: words, ...(offset !== undefined ? { offset } : {}) },
  });
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 0x21 && c <= 0x7e) && !isWsp(c)) {
      return fail('invalid-character', `${describeChar(text, i)} at offset ${i}: the record holds printable ASCII, spaces and tabs only (${rfc})`, i);
    }
  }
  // The version field is case-sensitive (%s in the ABNF) and must come first.
  const afterVersion = text.charCodeAt(version.length);
  if (!text.startsWith(version) || (text.length > version.length && afterVersion !== 0x3b && !isWsp(afterVersion))) {
    return fail('version', `the record must begin with "${version}" (case-sensitive), not "${clip(text, Math.max(version.length + 2, 16))}" (${rfc})`, 0);
  }
  const semi = text.indexOf(';', version.length);
  const head = semi < 0 ? text.slice(version.length) : text.slice(version.length, semi);
  for (let i = 0; i < head.length; i++) {
    if (!isWsp(head.charCodeAt(i))) {
      return fail('missing-semicolon', `expected ';' after "${version}", found ${describeChar(text, version.length + i)} at offset ${version.length + i} (${rfc})`, version.length + i);
    }
  }
  if (semi < 0) return fail('no-fields', `no field after "${version}" (${rfc})`, text.length);

  const fields: TxtField[] = [];
  let start = semi + 1;
  for (;;) {
    const next = text.indexOf(';', start);
    const end = next < 0 ? text.length : next;
    let a = start;
    let b = end;
    while (a < b && isWsp(text.charCodeAt(a))) a++;
    while (b > a && isWsp(text.charCodeAt(b - 1))) b--;
    if (a === b) {
      // Only whitespace: fine after the last ';' (the optional closing delimiter), else an empty field.
      if (next >= 0) return fail('empty-field', `empty field between two ';' at offset ${start - 1} (${rfc})`, start - 1);
      break;
    }
    if (next < 0 && b < end) {
      return fail('trailing-whitespace', `whitespace after the last field at offset ${b}: whitespace is allowed only around ';' (${rfc})`, b);
    }
    const eq = text.indexOf('=', a);
    if (eq < 0 || eq >= b) return fail('malformed-field', `field "${clip(text.slice(a, b))}" at offset ${a} has no '=' (${rfc})`, a);
    const name = text.slice(a, eq);
    if (!EXT_NAME.test(name)) {
      return fail('invalid-field-name', `field name "${clip(name)}" at offset ${a} is not 1-32 letters, digits, '_', '-' or '.' starting with a letter or digit (${rfc})`, a);
    }
    fields.push({ name, value: text.slice(eq + 1, b), offset: a, valueOffset: eq + 1 });
    if (next < 0) break;
    start = next + 1;
  }
  if (fields.length === 0) return fail('no-fields', `no field after "${version};" (${rfc})`, text.length);
  return { ok: true, fields };
}

/**
 * Checks an extension field's value against `ext-value`; returns the reason when it is not one.
 * Used for fields a record does not define, and for later, ignored duplicates of the ones it does.
 */
export function checkExtValue(field: TxtField, rfc: string): TxtSyntaxError | undefined {
  if (EXT_VALUE.test(field.value)) return undefined;
  if (field.value === '') {
    return { code: 'invalid-field-value', text: `field "${field.name}" at offset ${field.offset} has an empty value (${rfc})`, offset: field.valueOffset };
  }
  const bad = [...field.value].findIndex((ch) => !EXT_VALUE.test(ch));
  return {
    code: 'invalid-field-value',
    text: `value of "${field.name}" holds ${describeChar(field.value, bad)} at offset ${field.valueOffset + bad}: extension values are printable ASCII without '=', ';' or whitespace (${rfc})`,
    offset: field.valueOffset + bad,
  };
}
