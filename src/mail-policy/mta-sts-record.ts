/**
 * The MTA-STS record of a domain (RFC 8461 §3.1): the TXT record at `_mta-sts.<domain>` that says
 * a policy exists and names its version by `id`, parsed strictly. The lookup and the fetch of the policy
 * it announces are in mta-sts-lookup.ts and mta-sts-fetch.ts.
 *
 * ```
 * sts-text-record = %s"v=STSv1" 1*(sts-field-delim sts-field) [sts-field-delim]
 * sts-field       = sts-id / sts-extension
 * sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 * ```
 * (field-delim, extension names and values: txt-fields.ts.)
 *
 * Rules and where they come from:
 * - RFC 8461 §3.1: the version comes first and is case-sensitive; `id` is required, 1 to 32
 *   letters and digits; the strings of one TXT record are concatenated without spaces; among
 *   several TXT records, those that do not begin with `v=STSv1;` are discarded, and if the number
 *   left is not one, or the one left is invalid, the domain has no MTA-STS policy.
 * - RFC 8461 §3.2 (its closing paragraph covers the TXT record and the policy file alike): unknown
 *   fields are ignored; a field other than `mx` that appears more than once counts only the first
 *   time. A later `id=` is therefore ignored like an unknown field: it must be a valid extension
 *   (`ext-value`), but need not be a valid id. mox and mailauth read the paragraph the same way.
 * - "Begins with `v=STSv1;`" is read as the version, optional whitespace, then `;` (the ABNF's
 *   field-delim), as in tlsrpt-record.ts.
 */
import { checkExtValue, splitTxtFields, type TxtExtension, type TxtSyntaxCode, type TxtSyntaxError } from './txt-fields.ts';

/** The version field, as the record must begin with it (RFC 8461 §3.1). */
export const MTA_STS_VERSION = 'v=STSv1';

const RFC = 'RFC 8461 §3.1';

/** RFC 8461 §3.1 `sts-id`. */
const STS_ID = /^[A-Za-z0-9]{1,32}$/;

/** A parsed MTA-STS record. */
export interface MtaStsRecord {
  /** The policy's id: it identifies one instance of the policy, so a sender fetches the policy again when it changes (RFC 8461 §3.1). */
  readonly id: string;
  /** Fields RFC 8461 does not define, ignored, in record order. */
  readonly extensions: readonly TxtExtension[];
  /** Fields that appeared again after their first time and were ignored (RFC 8461 §3.2), for people. */
  readonly ignoredDuplicates: readonly TxtExtension[];
}

export type MtaStsRecordErrorCode =
  | TxtSyntaxCode
  /** No `id` field. */
  | 'missing-id'
  /** The first `id` is not 1-32 letters and digits. */
  | 'invalid-id';

export type MtaStsRecordError = TxtSyntaxError<MtaStsRecordErrorCode>;

export type MtaStsRecordResult = ({ readonly ok: true } & MtaStsRecord) | { readonly ok: false; readonly reason: MtaStsRecordError };

/**
 * Parses one MTA-STS record (its strings already joined; see `txtRecordText`). Never throws.
 */
export function parseMtaStsRecord(text: string): MtaStsRecordResult {
  const split = splitTxtFields(text, MTA_STS_VERSION, RFC);
  if (!split.ok) return split;
  let id: string | undefined;
  const extensions: TxtExtension[] = [];
  const ignoredDuplicates: TxtExtension[] = [];
  for (const field of split.fields) {
    if (field.name === 'id' && id === undefined) {
      if (!STS_ID.test(field.value)) {
        const what = field.value === '' ? 'is empty' : field.value.length > 32 ? `has ${field.value.length} characters` : 'holds a character other than a letter or digit';
        return { ok: false, reason: { code: 'invalid-id', text: `id ${what}: it must be 1 to 32 letters and digits (${RFC})`, offset: field.valueOffset } };
      }
      id = field.value;
      continue;
    }
    const bad = checkExtValue(field, RFC);
    if (bad) return { ok: false, reason: bad };
    (field.name === 'id' ? ignoredDuplicates : extensions).push({ name: field.name, value: field.value });
  }
  if (id === undefined) {
    const lookalike = extensions.find((e) => e.name.toLowerCase() === 'id');
    const hint = lookalike ? `; "${lookalike.name}=" is not "id=" (field names are case-sensitive)` : '';
    return { ok: false, reason: { code: 'missing-id', text: `no id field: an MTA-STS record must name its policy's id (${RFC})${hint}` } };
  }
  return { ok: true, id, extensions, ignoredDuplicates };
}

/** A record in the form a zone would publish: `v=STSv1; id=<id>; <extensions>`. Ignored duplicates are not written. */
export function formatMtaStsRecord(record: Pick<MtaStsRecord, 'id' | 'extensions'>): string {
  return [MTA_STS_VERSION, `id=${record.id}`, ...record.extensions.map((e) => `${e.name}=${e.value}`)].join('; ');
}

/** RFC 8461 §3.1: the records that count are those that begin with `v=STSv1;`. */
export function isMtaStsCandidate(text: string): boolean {
  return /^v=STSv1[ \t]*;/.test(text);
}

/** What the TXT records at `_mta-sts.<domain>` say (DNSSEC is the caller's: RFC 8461 does not require it). */
export type MtaStsSelection =
  | { readonly outcome: 'record'; readonly text: string; readonly record: MtaStsRecord }
  | { readonly outcome: 'none' }
  | { readonly outcome: 'multiple'; readonly count: number }
  | { readonly outcome: 'invalid'; readonly text: string; readonly error: MtaStsRecordError };

/**
 * RFC 8461 §3.1 over a set of TXT record texts: discard those not beginning with `v=STSv1;`;
 * exactly one must remain, and be valid, for the domain to announce a policy.
 */
export function selectMtaStsRecord(texts: readonly string[]): MtaStsSelection {
  const counted = texts.filter(isMtaStsCandidate);
  if (counted.length === 0) return { outcome: 'none' };
  if (counted.length > 1) return { outcome: 'multiple', count: counted.length };
  const text = counted[0]!;
  const parsed = parseMtaStsRecord(text);
  if (!parsed.ok) return { outcome: 'invalid', text, error: parsed.reason };
  const { ok: _ok, ...record } = parsed;
  return { outcome: 'record', text, record };
}
