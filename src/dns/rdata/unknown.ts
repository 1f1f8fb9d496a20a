/**
 * Types without structure here (RFC 3597): RDATA is carried as opaque octets, and in text as
 * `\# <length> <hex>` (RFC 3597 §5), which any type may use.
 */
import { DnsFormatError } from '../errors.ts';
import { toHex } from '../encoding.ts';
import type { TextFields } from '../text-fields.ts';
import { parseUint } from '../text-fields.ts';
import { U16 } from './codec.ts';

/** RFC 3597 §5 generic form: `\# 4 0a000001`, or `\# 0` for empty RDATA. */
export function formatGeneric(rdata: Uint8Array): string {
  return rdata.length === 0 ? '\\# 0' : `\\# ${rdata.length} ${toHex(rdata)}`;
}

/**
 * Reads the fields after `\#`: a decimal length and hex (spaces allowed) of exactly that length.
 * @throws DnsFormatError `bad-field`, `bad-hex`, `rdata-length`
 */
export function parseGeneric(f: TextFields): Uint8Array {
  const len = parseUint(f.text('length'), U16, `${f.typeName}.\\#length`);
  const rdata = f.hexRest('rdata', true);
  if (rdata.length !== len) {
    throw new DnsFormatError('rdata-length', `\\# says ${len} octets, hex holds ${rdata.length}`, `${f.typeName}.rdata`);
  }
  return rdata;
}
