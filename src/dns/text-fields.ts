/**
 * The RDATA fields of one record in presentation form (RFC 1035 §5.1), as a cursor that typed
 * readers pull from. Tokenising (quotes, parentheses, comments) happens in `presentation.ts`;
 * this module only interprets tokens.
 */
import { DnsFormatError } from './errors.ts';
import { fromBase64, fromHex } from './encoding.ts';
import { Name } from './name.ts';

/** One whitespace-separated field; `text` is raw (escapes not yet processed, quotes removed). */
export interface Token {
  text: string;
  quoted: boolean;
}

/** Cursor over the RDATA tokens of one record. */
export class TextFields {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    /** Origin for relative names inside RDATA. */
    readonly origin: Name,
    /** Type mnemonic, used to name fields in errors. */
    readonly typeName: string,
  ) {}

  get hasMore(): boolean {
    return this.i < this.tokens.length;
  }

  private f(field: string): string {
    return `${this.typeName}.${field}`;
  }

  /** The next token. @throws DnsFormatError `field-count` when there is none */
  token(field: string): Token {
    const t = this.tokens[this.i];
    if (t === undefined) throw new DnsFormatError('field-count', 'missing field', this.f(field));
    this.i++;
    return t;
  }

  /** The next unquoted token's text. */
  text(field: string): string {
    const t = this.token(field);
    if (t.quoted) throw new DnsFormatError('bad-field', 'unexpected quoted string', this.f(field));
    return t.text;
  }

  /** An unsigned decimal integer at most `max`. */
  uint(field: string, max: number): number {
    const s = this.text(field);
    return parseUint(s, max, this.f(field));
  }

  /** A 32-bit time value: seconds, or BIND's unit form such as `1h30m` (SOA timers). */
  ttl(field: string): number {
    return parseTtl(this.text(field), this.f(field));
  }

  /** A domain name, relative ones completed with the origin. */
  name(field: string): Name {
    const s = this.text(field);
    try {
      return Name.parse(s, this.origin);
    } catch (e) {
      if (e instanceof DnsFormatError) throw new DnsFormatError(e.code, e.message, this.f(field));
      throw e;
    }
  }

  /** All remaining tokens joined without spaces (base64 and hex fields may contain spaces). */
  joinedRest(field: string, allowEmpty = false): string {
    if (!allowEmpty && !this.hasMore) throw new DnsFormatError('field-count', 'missing field', this.f(field));
    let s = '';
    while (this.hasMore) s += this.text(field);
    return s;
  }

  /** Remaining tokens as base64. */
  base64Rest(field: string, allowEmpty = false): Uint8Array {
    return fromBase64(this.joinedRest(field, allowEmpty), this.f(field));
  }

  /** Remaining tokens as hex. */
  hexRest(field: string, allowEmpty = false): Uint8Array {
    return fromHex(this.joinedRest(field, allowEmpty), this.f(field));
  }

  /** Throws `field-count` when tokens are left. */
  end(): void {
    if (this.hasMore) {
      throw new DnsFormatError('field-count', `${this.tokens.length - this.i} field(s) too many`, this.typeName);
    }
  }
}

/**
 * Parses an unsigned decimal integer (digits only) not above `max`.
 * @throws DnsFormatError `bad-field`
 */
export function parseUint(s: string, max: number, field: string): number {
  if (!/^[0-9]{1,10}$/.test(s)) throw new DnsFormatError('bad-field', `"${s}" is not an unsigned integer`, field);
  const v = Number(s);
  if (v > max) throw new DnsFormatError('bad-field', `${v} exceeds ${max}`, field);
  return v;
}

const TTL_UNITS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
/** Largest TTL-like value: 32 bits unsigned (RFC 1035 §3.2.1; RFC 2181 §8 caps TTLs at 2^31-1 on use). */
export const MAX_TTL_FIELD = 0xffffffff;

/**
 * Parses a TTL: decimal seconds, or BIND's unit form (`1w2d3h4m5s`, units in any case).
 * @throws DnsFormatError `bad-field`
 */
export function parseTtl(s: string, field: string): number {
  if (/^[0-9]+$/.test(s)) return parseUint(s, MAX_TTL_FIELD, field);
  const re = /([0-9]+)([wdhms])/giy;
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * TTL_UNITS[m[2]!.toLowerCase()]!;
    consumed = re.lastIndex;
  }
  if (consumed === 0 || consumed !== s.length) throw new DnsFormatError('bad-field', `"${s}" is not a TTL`, field);
  if (total > MAX_TTL_FIELD) throw new DnsFormatError('bad-field', `${total} exceeds ${MAX_TTL_FIELD}`, field);
  return total;
}

/**
 * Decodes the escapes of a character-string (RFC 1035 §5.1: `\X` is X, `\DDD` is the octet DDD).
 * Characters above U+007F are taken as their UTF-8 bytes.
 * @throws DnsFormatError `bad-field`
 */
export function unescapeString(s: string, field: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) {
      const n = s.charCodeAt(i + 1);
      if (Number.isNaN(n)) throw new DnsFormatError('bad-field', 'dangling backslash', field);
      if (n >= 0x30 && n <= 0x39) {
        const ddd = s.slice(i + 1, i + 4);
        if (!/^[0-9]{3}$/.test(ddd) || Number(ddd) > 255) {
          throw new DnsFormatError('bad-field', `bad \\DDD escape "\\${ddd}"`, field);
        }
        out.push(Number(ddd));
        i += 3;
        continue;
      }
      i++;
      pushChar(out, s, i);
      if (s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdbff) i++;
    } else {
      pushChar(out, s, i);
      if (c >= 0xd800 && c <= 0xdbff) i++;
    }
  }
  return Uint8Array.from(out);
}

const utf8 = new TextEncoder();

function pushChar(out: number[], s: string, i: number): void {
  const c = s.charCodeAt(i);
  if (c < 0x80) {
    out.push(c);
    return;
  }
  const cp = s.codePointAt(i)!;
  for (const b of utf8.encode(String.fromCodePoint(cp))) out.push(b);
}

/**
 * Prints octets as a quoted character-string: printable ASCII as is, `"` and `\` escaped,
 * everything else as `\DDD` (the form dig and ldns print).
 */
export function quoteString(b: Uint8Array): string {
  let s = '"';
  for (const x of b) {
    if (x === 0x22 || x === 0x5c) s += '\\' + String.fromCharCode(x);
    else if (x >= 0x20 && x < 0x7f) s += String.fromCharCode(x);
    else s += '\\' + x.toString().padStart(3, '0');
  }
  return s + '"';
}
