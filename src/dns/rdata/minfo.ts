/** MINFO (RFC 1035 §3.3.7): two mailbox names (compressible). */
import { RRType } from '../iana/rr-types.ts';
import type { MINFOData } from '../record.ts';
import type { RdataCodec } from './codec.ts';

export const MINFO: RdataCodec<MINFOData> = {
  type: RRType.MINFO,
  compressible: true,
  decode: (r, c) => ({ rmailbx: r.name('MINFO.rmailbx', c), emailbx: r.name('MINFO.emailbx', c) }),
  encode(w, d, compress) {
    w.name(d.rmailbx, compress);
    w.name(d.emailbx, compress);
  },
  parse: (f) => ({ rmailbx: f.name('rmailbx'), emailbx: f.name('emailbx') }),
  format: (d) => `${d.rmailbx} ${d.emailbx}`,
};
