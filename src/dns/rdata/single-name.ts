/**
 * Types whose RDATA is one domain name: NS, CNAME, PTR (RFC 1035 §3.3), DNAME (RFC 6672 §2.1),
 * and the obsolete MD, MF, MB, MG, MR (RFC 1035 §3.3).
 */
import { RRType } from '../iana/rr-types.ts';
import type {
  CNAMEData, DNAMEData, MBData, MDData, MFData, MGData, MRData, NSData, PTRData, RData,
} from '../record.ts';
import type { Name } from '../name.ts';
import type { RdataCodec } from './codec.ts';

function singleName<K extends string, D extends RData & Record<K, Name>>(
  type: number,
  mnemonic: string,
  key: K,
  compressible: boolean,
): RdataCodec<D> {
  const field = `${mnemonic}.${key}`;
  return {
    type,
    compressible,
    decode: (r, compression) => ({ [key]: r.name(field, compression) }) as D,
    encode: (w, d, compress) => w.name(d[key], compress),
    parse: (f) => ({ [key]: f.name(key) }) as D,
    format: (d) => d[key].toString(),
  };
}

export const NS = singleName<'nsdname', NSData>(RRType.NS, 'NS', 'nsdname', true);
export const CNAME = singleName<'cname', CNAMEData>(RRType.CNAME, 'CNAME', 'cname', true);
export const PTR = singleName<'ptrdname', PTRData>(RRType.PTR, 'PTR', 'ptrdname', true);
export const MD = singleName<'madname', MDData>(RRType.MD, 'MD', 'madname', true);
export const MF = singleName<'madname', MFData>(RRType.MF, 'MF', 'madname', true);
export const MB = singleName<'madname', MBData>(RRType.MB, 'MB', 'madname', true);
export const MG = singleName<'mgmname', MGData>(RRType.MG, 'MG', 'mgmname', true);
export const MR = singleName<'newname', MRData>(RRType.MR, 'MR', 'newname', true);
/** RFC 6672 §2.5 / RFC 3597 §4: DNAME's target is never compressed. */
export const DNAME = singleName<'target', DNAMEData>(RRType.DNAME, 'DNAME', 'target', false);
