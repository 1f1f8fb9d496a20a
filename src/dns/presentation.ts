/**
 * Presentation (zone-file) form of records (RFC 1035 §5.1, RFC 3597 §5).
 *
 * `parseRR` reads one record, `formatRR` prints one the way dig and ldns do (fields separated by
 * single spaces), `parseZone` reads a master file: `$ORIGIN`, `$TTL`, `@`, relative names, an
 * omitted owner (a line starting with a blank) meaning the previous one, parentheses spanning
 * lines, `;` comments and quoted strings with escapes.
 *
 * Limitations: `$INCLUDE` and BIND's `$GENERATE` are refused (this parser never opens files);
 * type and algorithm fields take numbers or type mnemonics, not algorithm mnemonics; IDNs must be
 * written as A-labels.
 */
import { DnsFormatError } from './errors.ts';
import { RRClass, rrClassFromString, rrClassToString, rrTypeFromString, rrTypeToString } from './iana/rr-types.ts';
import { Name } from './name.ts';
import type { ResourceRecord } from './record.ts';
import { decodeRdata, formatRdata, parseGeneric, parseRdata } from './rdata/index.ts';
import { parseTtl, TextFields, type Token } from './text-fields.ts';

/** TTL given to a record that states none when no default is set (ldns uses the same). */
export const DEFAULT_TTL = 3600;

/** Options of {@link parseRR}. */
export interface ParseRROptions {
  /** Origin for relative names and `@` (default: the root). */
  origin?: Name;
  /** TTL when the record states none (default {@link DEFAULT_TTL}). */
  defaultTtl?: number;
  /** Class when the record states none (default IN). */
  defaultClass?: number;
}

/** Options of {@link parseZone}. */
export interface ParseZoneOptions {
  /** Initial origin (default: the root); `$ORIGIN` changes it. */
  origin?: Name;
  /** TTL until `$TTL` or a record states one (default {@link DEFAULT_TTL}). */
  defaultTtl?: number;
}

/** One logical line: its tokens, whether it began with a blank (owner omitted), and its line number. */
interface Line {
  tokens: Token[];
  blankStart: boolean;
  line: number;
}

/**
 * Splits text into logical lines (RFC 1035 §5.1): parentheses join physical lines, `;` starts a
 * comment, `"..."` is one token, a backslash escapes the next character (kept raw in the token so
 * names and strings can decode `\DDD` and `\.` themselves).
 * @throws DnsFormatError `bad-field` for an unterminated quote or unbalanced parentheses
 */
function tokenize(text: string): Line[] {
  const lines: Line[] = [];
  let cur: Line = { tokens: [], blankStart: false, line: 1 };
  let depth = 0;
  let lineNo = 1;
  let atLineStart = true;
  let depthOpenedAt = 0;
  const at = () => `line ${lineNo}`;
  const flush = () => {
    if (cur.tokens.length > 0) lines.push(cur);
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      lineNo++;
      i++;
      if (depth === 0) {
        flush();
        cur = { tokens: [], blankStart: false, line: lineNo };
        atLineStart = true;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      if (atLineStart && depth === 0 && cur.tokens.length === 0) cur.blankStart = true;
      atLineStart = false;
      i++;
      continue;
    }
    atLineStart = false;
    if (c === ';') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      if (depth === 0) depthOpenedAt = lineNo;
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) throw new DnsFormatError('bad-field', `")" without "(" at ${at()}`, 'zone');
      depth--;
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= n) throw new DnsFormatError('bad-field', `unterminated quoted string at ${at()}`, 'zone');
        const d = text[j]!;
        if (d === '"') break;
        if (d === '\\' && j + 1 < n) {
          s += d + text[j + 1]!;
          j += 2;
          continue;
        }
        if (d === '\n') lineNo++;
        s += d;
        j++;
      }
      cur.tokens.push({ text: s, quoted: true });
      i = j + 1;
      continue;
    }
    let j = i;
    let s = '';
    while (j < n) {
      const d = text[j]!;
      if (d === ' ' || d === '\t' || d === '\r' || d === '\n' || d === ';' || d === '(' || d === ')' || d === '"') break;
      if (d === '\\' && j + 1 < n && text[j + 1] !== '\n') {
        s += d + text[j + 1]!;
        j += 2;
        continue;
      }
      s += d;
      j++;
    }
    cur.tokens.push({ text: s, quoted: false });
    i = j;
  }
  if (depth !== 0) throw new DnsFormatError('bad-field', `"(" opened at line ${depthOpenedAt} is never closed`, 'zone');
  flush();
  return lines;
}

const TTL_TOKEN = /^(?:[0-9]+|(?:[0-9]+[wdhmsWDHMS])+)$/;

interface RecordContext {
  owner: Name;
  origin: Name;
  ttl: number;
  cls: number;
}

/** Reads `[TTL] [class] type rdata` (TTL and class in either order) after the owner. */
function parseAfterOwner(tokens: readonly Token[], from: number, ctx: RecordContext): ResourceRecord & { ttlStated: boolean } {
  let i = from;
  let ttl: number | undefined;
  let cls: number | undefined;
  for (let k = 0; k < 2; k++) {
    const t = tokens[i];
    if (!t || t.quoted) break;
    if (ttl === undefined && TTL_TOKEN.test(t.text)) {
      ttl = parseTtl(t.text, 'ttl');
      i++;
    } else if (cls === undefined && rrClassFromString(t.text) !== undefined) {
      cls = rrClassFromString(t.text)!;
      i++;
    } else break;
  }
  const typeTok = tokens[i];
  if (!typeTok) throw new DnsFormatError('field-count', 'missing type', 'type');
  const type = typeTok.quoted ? undefined : rrTypeFromString(typeTok.text);
  if (type === undefined) throw new DnsFormatError('bad-field', `unknown type "${typeTok.text}"`, 'type');
  i++;
  const typeName = rrTypeToString(type);
  const rest = tokens.slice(i);
  let data, rdata;
  if (rest[0] && !rest[0].quoted && rest[0].text === '\\#') {
    // RFC 3597 §5: generic RDATA for any type; a known type's bytes must still be valid for it.
    rdata = parseGeneric(new TextFields(rest.slice(1), ctx.origin, typeName));
    data = decodeRdata(type, rdata);
  } else {
    ({ data, rdata } = parseRdata(type, new TextFields(rest, ctx.origin, typeName)));
  }
  return { name: ctx.owner, type, class: cls ?? ctx.cls, ttl: ttl ?? ctx.ttl, data, rdata, ttlStated: ttl !== undefined };
}

function ownerName(tok: Token, origin: Name): Name {
  if (tok.quoted) throw new DnsFormatError('name-syntax', 'an owner name cannot be quoted', 'owner');
  try {
    return Name.parse(tok.text, origin);
  } catch (e) {
    if (e instanceof DnsFormatError) throw new DnsFormatError(e.code, e.message, 'owner');
    throw e;
  }
}

/**
 * Parses one record in presentation form: `owner [TTL] [class] type rdata` (TTL and class in
 * either order). Parentheses may span lines. `\# <len> <hex>` is accepted for any type.
 * @throws DnsFormatError on any syntax or range error, naming the field
 */
export function parseRR(text: string, opts: ParseRROptions = {}): ResourceRecord {
  const lines = tokenize(text);
  if (lines.length !== 1) {
    throw new DnsFormatError('field-count', lines.length === 0 ? 'no record in the text' : `${lines.length} records where one was expected`, 'record');
  }
  const tokens = lines[0]!.tokens;
  const origin = opts.origin ?? Name.ROOT;
  const ctx: RecordContext = {
    owner: ownerName(tokens[0]!, origin),
    origin,
    ttl: opts.defaultTtl ?? DEFAULT_TTL,
    cls: opts.defaultClass ?? RRClass.IN,
  };
  const { ttlStated: _, ...rr } = parseAfterOwner(tokens, 1, ctx);
  return rr;
}

/**
 * Parses a master file (RFC 1035 §5) into records, in file order.
 * @throws DnsFormatError naming the line of the first fault
 */
export function parseZone(text: string, opts: ParseZoneOptions = {}): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  let origin = opts.origin ?? Name.ROOT;
  let defaultTtl = opts.defaultTtl ?? DEFAULT_TTL;
  let lastTtl: number | undefined;
  let dollarTtl = false;
  let owner: Name | undefined;
  let cls: number = RRClass.IN;
  for (const line of tokenize(text)) {
    try {
      const first = line.tokens[0]!;
      if (!line.blankStart && !first.quoted && first.text.startsWith('$')) {
        const dir = first.text.toUpperCase();
        const arg = line.tokens[1];
        if (dir === '$ORIGIN') {
          if (!arg || line.tokens.length !== 2) throw new DnsFormatError('field-count', '$ORIGIN takes one name', '$ORIGIN');
          origin = ownerName(arg, origin);
        } else if (dir === '$TTL') {
          if (!arg || line.tokens.length !== 2) throw new DnsFormatError('field-count', '$TTL takes one value', '$TTL');
          defaultTtl = parseTtl(arg.text, '$TTL');
          dollarTtl = true;
        } else {
          throw new DnsFormatError('bad-field', `directive ${first.text} is not supported`, 'zone');
        }
        continue;
      }
      let from = 0;
      if (line.blankStart) {
        if (!owner) throw new DnsFormatError('field-count', 'a record without owner and no previous owner', 'owner');
      } else {
        owner = ownerName(first, origin);
        from = 1;
      }
      // RFC 2308 §4: $TTL is the default; without it, RFC 1035 §5.1 says the last stated TTL.
      const ttl = dollarTtl ? defaultTtl : (lastTtl ?? defaultTtl);
      const { ttlStated, ...rr } = parseAfterOwner(line.tokens, from, { owner, origin, ttl, cls });
      if (ttlStated) lastTtl = rr.ttl;
      cls = rr.class;
      out.push(rr);
    } catch (e) {
      if (e instanceof DnsFormatError) throw new DnsFormatError(e.code, `line ${line.line}: ${e.message}`, e.field);
      throw e;
    }
  }
  return out;
}

/**
 * One record in presentation form: `owner TTL CLASS TYPE rdata`, single spaces, base64 unbroken,
 * RRSIG times as YYYYMMDDHHmmSS, NSEC3 hashes in lower-case base32hex, types without a text form
 * in RFC 3597 `\#` form.
 */
export function formatRR(rr: ResourceRecord): string {
  const rdata = formatRdata(rr);
  return `${rr.name} ${rr.ttl} ${rrClassToString(rr.class)} ${rrTypeToString(rr.type)}${rdata ? ' ' + rdata : ''}`;
}
