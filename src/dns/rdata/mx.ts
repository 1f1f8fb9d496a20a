/** MX (RFC 1035 §3.3.9): preference and exchange (compressible). */
import { RRType } from '../iana/rr-types.ts';
import type { MXData } from '../record.ts';
import { checkUint, U16, type RdataCodec } from './codec.ts';

export const MX: RdataCodec<MXData> = {
  type: RRType.MX,
  compressible: true,
  decode: (r, c) => ({ preference: r.u16('MX.preference'), exchange: r.name('MX.exchange', c) }),
  encode(w, d, compress) {
    w.u16(checkUint(d.preference, U16, 'MX.preference'));
    w.name(d.exchange, compress);
  },
  parse: (f) => ({ preference: f.uint('preference', U16), exchange: f.name('exchange') }),
  format: (d) => `${d.preference} ${d.exchange}`,
};
