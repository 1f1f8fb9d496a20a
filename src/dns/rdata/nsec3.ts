/**
 * NSEC3 (RFC 5155 §3.2): hash algorithm, flags, iterations, salt, next hashed owner name (raw
 * hash; base32hex without padding in text, RFC 5155 §3.3), type bitmap.
 */
import { DnsFormatError } from '../errors.ts';
import { RRType } from '../iana/rr-types.ts';
import type { NSEC3Data } from '../record.ts';
import { fromBase32Hex, toBase32Hex } from '../encoding.ts';
import { checkLength, checkUint, U16, U8, type RdataCodec } from './codec.ts';
import { decodeSalt, encodeSalt, formatSalt, parseSalt } from './nsec3param.ts';
import { decodeTypeBitmap, encodeTypeBitmap, formatTypeList, parseTypeList } from './type-bitmap.ts';

/** RFC 5155 §3.2: the hash length is one octet; a hash is at least one octet (it is an owner label). */
export const MIN_HASH_LENGTH = 1;
export const MAX_HASH_LENGTH = 255;

export const NSEC3: RdataCodec<NSEC3Data> = {
  type: RRType.NSEC3,
  compressible: false,
  decode(r) {
    const hashAlgorithm = r.u8('NSEC3.hashAlgorithm');
    const flags = r.u8('NSEC3.flags');
    const iterations = r.u16('NSEC3.iterations');
    const salt = decodeSalt(r, 'NSEC3.salt');
    const hashLength = r.u8('NSEC3.nextHashedOwnerName');
    if (hashLength < MIN_HASH_LENGTH) throw new DnsFormatError('bad-field', 'zero-length hash', 'NSEC3.nextHashedOwnerName');
    const nextHashedOwnerName = r.bytes(hashLength, 'NSEC3.nextHashedOwnerName');
    return { hashAlgorithm, flags, iterations, salt, nextHashedOwnerName, types: decodeTypeBitmap(r, 'NSEC3.types') };
  },
  encode(w, d) {
    w.u8(checkUint(d.hashAlgorithm, U8, 'NSEC3.hashAlgorithm'));
    w.u8(checkUint(d.flags, U8, 'NSEC3.flags'));
    w.u16(checkUint(d.iterations, U16, 'NSEC3.iterations'));
    encodeSalt(w, d.salt, 'NSEC3.salt');
    checkLength(d.nextHashedOwnerName, MAX_HASH_LENGTH, 'NSEC3.nextHashedOwnerName', MIN_HASH_LENGTH);
    w.u8(d.nextHashedOwnerName.length);
    w.bytes(d.nextHashedOwnerName);
    encodeTypeBitmap(w, d.types, 'NSEC3.types');
  },
  parse(f) {
    const hashAlgorithm = f.uint('hashAlgorithm', U8);
    const flags = f.uint('flags', U8);
    const iterations = f.uint('iterations', U16);
    const salt = parseSalt(f);
    const next = fromBase32Hex(f.text('nextHashedOwnerName'), 'NSEC3.nextHashedOwnerName');
    if (next.length < MIN_HASH_LENGTH || next.length > MAX_HASH_LENGTH) {
      throw new DnsFormatError('bad-field', `hash of ${next.length} octets`, 'NSEC3.nextHashedOwnerName');
    }
    return { hashAlgorithm, flags, iterations, salt, nextHashedOwnerName: next, types: parseTypeList(f, 'types') };
  },
  format: (d) =>
    `${d.hashAlgorithm} ${d.flags} ${d.iterations} ${formatSalt(d.salt)} ${toBase32Hex(d.nextHashedOwnerName)} ${formatTypeList(d.types)}`.trimEnd(),
};
