/** NSEC3PARAM (RFC 5155 §4): hash algorithm, flags, iterations, salt (hex, `-` when empty). */
import { DnsFormatError } from '../errors.ts';
import { RRType } from '../iana/rr-types.ts';
import type { NSEC3PARAMData } from '../record.ts';
import { fromHex, toHex } from '../encoding.ts';
import type { TextFields } from '../text-fields.ts';
import type { WireReader, WireWriter } from '../wire.ts';
import { checkLength, checkUint, U16, U8, type RdataCodec } from './codec.ts';

/** RFC 5155 §3.2: the salt length is one octet. */
export const MAX_SALT_LENGTH = 255;

/** Reads a length-prefixed salt. */
export function decodeSalt(r: WireReader, field: string): Uint8Array {
  return r.bytes(r.u8(field), field);
}

export function encodeSalt(w: WireWriter, salt: Uint8Array, field: string): void {
  checkLength(salt, MAX_SALT_LENGTH, field);
  w.u8(salt.length);
  w.bytes(salt);
}

/** RFC 5155 §3.3: the salt is hex, or `-` for an empty salt. */
export function parseSalt(f: TextFields): Uint8Array {
  const s = f.text('salt');
  if (s === '-') return new Uint8Array(0);
  const salt = fromHex(s, `${f.typeName}.salt`);
  if (salt.length > MAX_SALT_LENGTH) throw new DnsFormatError('bad-field', `salt of ${salt.length} octets`, `${f.typeName}.salt`);
  return salt;
}

export function formatSalt(salt: Uint8Array): string {
  return salt.length === 0 ? '-' : toHex(salt);
}

export const NSEC3PARAM: RdataCodec<NSEC3PARAMData> = {
  type: RRType.NSEC3PARAM,
  compressible: false,
  decode: (r) => ({
    hashAlgorithm: r.u8('NSEC3PARAM.hashAlgorithm'),
    flags: r.u8('NSEC3PARAM.flags'),
    iterations: r.u16('NSEC3PARAM.iterations'),
    salt: decodeSalt(r, 'NSEC3PARAM.salt'),
  }),
  encode(w, d) {
    w.u8(checkUint(d.hashAlgorithm, U8, 'NSEC3PARAM.hashAlgorithm'));
    w.u8(checkUint(d.flags, U8, 'NSEC3PARAM.flags'));
    w.u16(checkUint(d.iterations, U16, 'NSEC3PARAM.iterations'));
    encodeSalt(w, d.salt, 'NSEC3PARAM.salt');
  },
  parse: (f) => ({
    hashAlgorithm: f.uint('hashAlgorithm', U8),
    flags: f.uint('flags', U8),
    iterations: f.uint('iterations', U16),
    salt: parseSalt(f),
  }),
  format: (d) => `${d.hashAlgorithm} ${d.flags} ${d.iterations} ${formatSalt(d.salt)}`,
};
