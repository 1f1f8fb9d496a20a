/**
 * DS (RFC 4034 §5.1) and CDS (RFC 7344 §3.1): key tag, algorithm, digest type, digest
 * (hex in text, spaces allowed).
 */
import { RRType } from '../iana/rr-types.ts';
import type { DSData } from '../record.ts';
import { toHex } from '../encoding.ts';
import { checkUint, U16, U8, type RdataCodec } from './codec.ts';

function dsLike(type: number, mnemonic: string): RdataCodec<DSData> {
  // Field names built once: decoding is on the validator's hot path.
  const keyTag = `${mnemonic}.keyTag`, algorithm = `${mnemonic}.algorithm`, digestType = `${mnemonic}.digestType`;
  return {
    type,
    compressible: false,
    decode: (r) => ({ keyTag: r.u16(keyTag), algorithm: r.u8(algorithm), digestType: r.u8(digestType), digest: r.rest() }),
    encode(w, d) {
      w.u16(checkUint(d.keyTag, U16, keyTag));
      w.u8(checkUint(d.algorithm, U8, algorithm));
      w.u8(checkUint(d.digestType, U8, digestType));
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
}

export const DS = dsLike(RRType.DS, 'DS');
export const CDS = dsLike(RRType.CDS, 'CDS');
