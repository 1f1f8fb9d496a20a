/** TLSA (RFC 6698 §2.1): usage, selector, matching type, association data (hex, spaces allowed). */
import { RRType } from '../iana/rr-types.ts';
import type { TLSAData } from '../record.ts';
import { toHex } from '../encoding.ts';
import { checkUint, U8, type RdataCodec } from './codec.ts';

export const TLSA: RdataCodec<TLSAData> = {
  type: RRType.TLSA,
  compressible: false,
  decode: (r) => ({
    certUsage: r.u8('TLSA.certUsage'),
    selector: r.u8('TLSA.selector'),
    matchingType: r.u8('TLSA.matchingType'),
    certificateAssociationData: r.rest(),
  }),
  encode(w, d) {
    w.u8(checkUint(d.certUsage, U8, 'TLSA.certUsage'));
    w.u8(checkUint(d.selector, U8, 'TLSA.selector'));
    w.u8(checkUint(d.matchingType, U8, 'TLSA.matchingType'));
    w.bytes(d.certificateAssociationData);
  },
  parse: (f) => ({
    certUsage: f.uint('certUsage', U8),
    selector: f.uint('selector', U8),
    matchingType: f.uint('matchingType', U8),
    certificateAssociationData: f.hexRest('certificateAssociationData', true),
  }),
  format: (d) => `${d.certUsage} ${d.selector} ${d.matchingType} ${toHex(d.certificateAssociationData)}`.trimEnd(),
};
