/** SOA (RFC 1035 §3.3.13): two names (compressible) and five 32-bit counters. */
import { RRType } from '../iana/rr-types.ts';
import type { SOAData } from '../record.ts';
import { checkUint, U32, type RdataCodec } from './codec.ts';

const TIMERS = ['serial', 'refresh', 'retry', 'expire', 'minimum'] as const;

export const SOA: RdataCodec<SOAData> = {
  type: RRType.SOA,
  compressible: true,
  decode: (r, c) => ({
    mname: r.name('SOA.mname', c),
    rname: r.name('SOA.rname', c),
    serial: r.u32('SOA.serial'),
    refresh: r.u32('SOA.refresh'),
    retry: r.u32('SOA.retry'),
    expire: r.u32('SOA.expire'),
    minimum: r.u32('SOA.minimum'),
  }),
  encode(w, d, compress) {
    w.name(d.mname, compress);
    w.name(d.rname, compress);
    for (const t of TIMERS) w.u32(checkUint(d[t], U32, `SOA.${t}`));
  },
  parse: (f) => ({
    mname: f.name('mname'),
    rname: f.name('rname'),
    serial: f.uint('serial', U32),
    refresh: f.ttl('refresh'),
    retry: f.ttl('retry'),
    expire: f.ttl('expire'),
    minimum: f.ttl('minimum'),
  }),
  format: (d) => `${d.mname} ${d.rname} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`,
};
