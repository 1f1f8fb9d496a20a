/**
 * The shape every per-type RDATA codec has: wire decode/encode and presentation parse/format.
 */
import { DnsFormatError } from '../errors.ts';
import type { RData } from '../record.ts';
import type { TextFields } from '../text-fields.ts';
import type { WireReader, WireWriter } from '../wire.ts';

/** Wire and text form of one RR type's RDATA. */
export interface RdataCodec<D extends RData = RData> {
  readonly type: number;
  /**
   * RFC 3597 §4: names in RDATA may be compressed (and must be decompressed on receipt) only for
   * the RFC 1035 types NS, MD, MF, CNAME, SOA, MB, MG, MR, PTR, MINFO, MX.
   */
  readonly compressible: boolean;
  /**
   * Reads RDATA from `r` (its window is exactly the RDATA). `compression` is true only when
   * `compressible` and the RDATA sits in a message; the registry checks the window is consumed.
   */
  decode(r: WireReader, compression: boolean): D;
  /** Writes RDATA; names compressed only when `compress` (the registry passes it for compressible types only). */
  encode(w: WireWriter, data: D, compress: boolean): void;
  /** Reads RDATA fields from presentation form; must consume them all (the registry checks). */
  parse(f: TextFields): D;
  /** Presentation form of the RDATA fields, space-separated. */
  format(data: D): string;
}

/** Checks an integer field before encoding it (structured data handed in by a caller). */
export function checkUint(v: number, max: number, field: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new DnsFormatError('bad-field', `${v} is not an integer in 0..${max}`, field);
  }
  return v;
}

/** Checks a byte-string field's length before encoding it. */
export function checkLength(b: Uint8Array, max: number, field: string, min = 0): Uint8Array {
  if (!(b instanceof Uint8Array) || b.length > max || b.length < min) {
    throw new DnsFormatError('bad-field', `expected ${min}..${max} octets`, field);
  }
  return b;
}

export const U8 = 0xff;
export const U16 = 0xffff;
export const U32 = 0xffffffff;
