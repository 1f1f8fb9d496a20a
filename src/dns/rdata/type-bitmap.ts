/**
 * The type bitmap of NSEC and NSEC3 (RFC 4034 §4.1.2, RFC 5155 §3.2.1): windows of up to 32
 * octets, each covering 256 type numbers, so all types 0..65535 can be listed.
 *
 * Decoding is strict, as RFC 4034 §4.1.2 words it with MUSTs: windows strictly increasing, each
 * 1..32 octets long, no window without a type set, no trailing zero octet. Such malformed maps
 * are `bad-field` errors, not silently normalised, so a decoded record re-encodes to the same
 * bytes. An empty bitmap (no windows) is valid (RFC 5155 §7.1: empty non-terminals).
 */
import { DnsFormatError } from '../errors.ts';
import { rrTypeFromString, rrTypeToString } from '../iana/rr-types.ts';
import type { TextFields } from '../text-fields.ts';
import type { WireReader, WireWriter } from '../wire.ts';

/** RFC 4034 §4.1.2: a window holds at most 32 octets (256 bits). */
export const MAX_WINDOW_OCTETS = 32;
const WINDOWS = 256;

/** Reads a bitmap filling the rest of the reader's window; types ascending. */
export function decodeTypeBitmap(r: WireReader, field: string): number[] {
  const types: number[] = [];
  let lastWindow = -1;
  while (r.remaining > 0) {
    const win = r.u8(field);
    const len = r.u8(field);
    if (win <= lastWindow) {
      throw new DnsFormatError('bad-field', `window ${win} after window ${lastWindow}: windows must increase strictly`, field);
    }
    if (len === 0 || len > MAX_WINDOW_OCTETS) {
      throw new DnsFormatError('bad-field', `window ${win} has length ${len}, not 1..${MAX_WINDOW_OCTETS}`, field);
    }
    r.need(len, field);
    const b = r.buf, o = r.offset;
    if (b[o + len - 1] === 0) {
      throw new DnsFormatError('bad-field', `window ${win} ends in a zero octet (trailing zero octets must be omitted)`, field);
    }
    for (let i = 0; i < len; i++) {
      const v = b[o + i]!;
      if (v === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (v & (0x80 >>> bit)) types.push(win * 256 + i * 8 + bit);
    }
    r.offset = o + len;
    lastWindow = win;
  }
  return types;
}

/** Sorted, de-duplicated copy of a type list, checking each is 0..65535. */
export function normaliseTypes(types: readonly number[], field: string): number[] {
  for (const t of types) {
    if (!Number.isInteger(t) || t < 0 || t > 0xffff) throw new DnsFormatError('bad-field', `type ${t} is not in 0..65535`, field);
  }
  return [...new Set(types)].sort((a, b) => a - b);
}

/** Writes the bitmap for a set of types (any order, duplicates ignored). */
export function encodeTypeBitmap(w: WireWriter, types: readonly number[], field: string): void {
  const sorted = normaliseTypes(types, field);
  let i = 0;
  const octets = new Uint8Array(MAX_WINDOW_OCTETS);
  for (let win = 0; win < WINDOWS && i < sorted.length; win++) {
    if (sorted[i]! >>> 8 !== win) continue;
    octets.fill(0);
    let len = 0;
    while (i < sorted.length && sorted[i]! >>> 8 === win) {
      const low = sorted[i]! & 0xff;
      octets[low >>> 3]! |= 0x80 >>> (low & 7);
      len = (low >>> 3) + 1;
      i++;
    }
    w.u8(win);
    w.u8(len);
    w.bytes(octets.subarray(0, len));
  }
}

/** Reads type mnemonics (or `TYPEnnn`) to the end of the fields. */
export function parseTypeList(f: TextFields, field: string): number[] {
  const out: number[] = [];
  while (f.hasMore) {
    const s = f.text(field);
    const t = rrTypeFromString(s);
    if (t === undefined) throw new DnsFormatError('bad-field', `unknown type "${s}"`, `${f.typeName}.${field}`);
    out.push(t);
  }
  return normaliseTypes(out, field);
}

/** Type mnemonics separated by spaces. */
export function formatTypeList(types: readonly number[]): string {
  return types.map(rrTypeToString).join(' ');
}
