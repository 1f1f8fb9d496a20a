/**
 * DNSKEY (RFC 4034 §2.1) and CDNSKEY (RFC 7344 §3.2): flags, protocol, algorithm, public key
 * (base64 in text, spaces allowed). The protocol field is carried as received; checking it is 3
 * is the validator's job (RFC 4034 §2.1.2), so one odd key never makes a whole message undecodable.
 */
import { RRType } from '../iana/rr-types.ts';
import type { DNSKEYData } from '../record.ts';
import { toBase64 } from '../encoding.ts';
import { checkUint, U16, U8, type RdataCodec } from './codec.ts';

function dnskeyLike(type: number, mnemonic: string): RdataCodec<DNSKEYData> {
  const flags = `${mnemonic}.flags`, protocol = `${mnemonic}.protocol`, algorithm = `${mnemonic}.algorithm`;
  return {
    type,
    compressible: false,
    decode: (r) => ({ flags: r.u16(flags), protocol: r.u8(protocol), algorithm: r.u8(algorithm), publicKey: r.rest() }),
    encode(w, d) {
      w.u16(checkUint(d.flags, U16, flags));
      w.u8(checkUint(d.protocol, U8, protocol));
      w.u8(checkUint(d.algorithm, U8, algorithm));
      w.bytes(d.publicKey);
    },
    parse: (f) => ({
      flags: f.uint('flags', U16),
      protocol: f.uint('protocol', U8),
      algorithm: f.uint('algorithm', U8),
      publicKey: f.base64Rest('publicKey', true),
    }),
    format: (d) => `${d.flags} ${d.protocol} ${d.algorithm} ${toBase64(d.publicKey)}`.trimEnd(),
  };
}

export const DNSKEY = dnskeyLike(RRType.DNSKEY, 'DNSKEY');
export const CDNSKEY = dnskeyLike(RRType.CDNSKEY, 'CDNSKEY');
