/** SRV (RFC 2782): priority, weight, port, target (never compressed, RFC 2782 / RFC 3597 §4). */
import { RRType } from '../iana/rr-types.ts';
import type { SRVData } from '../record.ts';
import { checkUint, U16, type RdataCodec } from './codec.ts';

export const SRV: RdataCodec<SRVData> = {
  type: RRType.SRV,
  compressible: false,
  decode: (r) => ({
    priority: r.u16('SRV.priority'),
    weight: r.u16('SRV.weight'),
    port: r.u16('SRV.port'),
    target: r.name('SRV.target', false),
  }),
  encode(w, d) {
    w.u16(checkUint(d.priority, U16, 'SRV.priority'));
    w.u16(checkUint(d.weight, U16, 'SRV.weight'));
    w.u16(checkUint(d.port, U16, 'SRV.port'));
    w.name(d.target, false);
  },
  parse: (f) => ({
    priority: f.uint('priority', U16),
    weight: f.uint('weight', U16),
    port: f.uint('port', U16),
    target: f.name('target'),
  }),
  format: (d) => `${d.priority} ${d.weight} ${d.port} ${d.target}`,
};
