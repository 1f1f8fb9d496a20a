/** HINFO (RFC 1035 §3.3.2): CPU and OS as two character-strings. */
import { DnsFormatError } from '../errors.ts';
import { RRType } from '../iana/rr-types.ts';
import type { HINFOData } from '../record.ts';
import { quoteString, unescapeString } from '../text-fields.ts';
import type { TextFields } from '../text-fields.ts';
import type { WireReader, WireWriter } from '../wire.ts';
import { checkLength, type RdataCodec } from './codec.ts';
import { MAX_CHARACTER_STRING } from './txt.ts';

function readString(r: WireReader, field: string): Uint8Array {
  return r.bytes(r.u8(field), field);
}

function writeString(w: WireWriter, s: Uint8Array, field: string): void {
  checkLength(s, MAX_CHARACTER_STRING, field);
  w.u8(s.length);
  w.bytes(s);
}

function parseString(f: TextFields, field: string): Uint8Array {
  const s = unescapeString(f.token(field).text, `HINFO.${field}`);
  if (s.length > MAX_CHARACTER_STRING) throw new DnsFormatError('bad-field', `string of ${s.length} octets`, `HINFO.${field}`);
  return s;
}

export const HINFO: RdataCodec<HINFOData> = {
  type: RRType.HINFO,
  compressible: false,
  decode: (r) => ({ cpu: readString(r, 'HINFO.cpu'), os: readString(r, 'HINFO.os') }),
  encode(w, d) {
    writeString(w, d.cpu, 'HINFO.cpu');
    writeString(w, d.os, 'HINFO.os');
  },
  parse: (f) => ({ cpu: parseString(f, 'cpu'), os: parseString(f, 'os') }),
  format: (d) => `${quoteString(d.cpu)} ${quoteString(d.os)}`,
};
