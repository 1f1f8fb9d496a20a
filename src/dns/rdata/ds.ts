/** DS (RFC 4034 §5.1): key tag, algorithm, digest type, digest (hex in text, spaces allowed). */
import { RRType } from '../iana/rr-types.ts';
import type { DSData } from '../record.ts';
import { toHex } from '../encoding.ts';
import { checkUint, U16, U8, type RdataCodec } from './codec.ts';

export const DS: RdataCodec<DSData> = {
  type: RRType.DS,
  compressible: false,
  decode: (r) => ({
    keyTag: r.u16('DS.keyTag'),
    algorithm: r.u8('DS.algorithm'),
    digestType: r.u8('DS.digestType'),
    digest: r.rest(),
  }),
  encode(w, d) {
    w.u16(checkUint(d.keyTag, U16, 'DS.keyTag'));
    w.u8(checkUint(d.algorithm, U8, 'DS.algorithm'));
    w.u8(checkUint(d.digestType, U8, 'DS.digestType'));
    w.bytes(d.digest);
  },
  parse: (f) => ({
    keyTag: f.uint('keyTag', U16),
    algorithm: f.uint('algorithm', U8),
    digestType: f.uint('digestType', U8),
    digest: f.hexRest('digest', true),
  }),
  format: (d) => `${d.keyTag} ${d.algorithm} ${d.digestType} ${toHex(d.digest)}`.trimEnd(),
};
