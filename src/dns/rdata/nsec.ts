/**
 * NSEC (RFC 4034 §4.1): next domain name (never compressed; its case is kept, RFC 6840 §5.1)
 * and the type bitmap.
 */
import { RRType } from '../iana/rr-types.ts';
import type { NSECData } from '../record.ts';
import type { RdataCodec } from './codec.ts';
import { decodeTypeBitmap, encodeTypeBitmap, formatTypeList, parseTypeList } from './type-bitmap.ts';

export const NSEC: RdataCodec<NSECData> = {
  type: RRType.NSEC,
  compressible: false,
  decode: (r) => ({
    nextDomainName: r.name('NSEC.nextDomainName', false),
    types: decodeTypeBitmap(r, 'NSEC.types'),
  }),
  encode(w, d) {
    w.name(d.nextDomainName, false);
    encodeTypeBitmap(w, d.types, 'NSEC.types');
  },
  parse: (f) => ({ nextDomainName: f.name('nextDomainName'), types: parseTypeList(f, 'types') }),
  format: (d) => `${d.nextDomainName} ${formatTypeList(d.types)}`.trimEnd(),
};
