/**
 * OPT (RFC 6891 §6.1.2): a sequence of EDNS options {code, length, data}. OPT has no presentation
 * form (it is a pseudo-record), so its text form is RFC 3597's `\#` generic form only.
 */
import { DnsFormatError } from '../errors.ts';
import { RRType } from '../iana/rr-types.ts';
import type { OPTData } from '../record.ts';
import { checkLength, checkUint, U16, type RdataCodec } from './codec.ts';
import { formatGeneric } from './unknown.ts';
import { WireWriter } from '../wire.ts';

export const OPT: RdataCodec<OPTData> = {
  type: RRType.OPT,
  compressible: false,
  decode(r) {
    const options = [];
    while (r.remaining > 0) {
      const code = r.u16('OPT.option-code');
      const len = r.u16('OPT.option-length');
      options.push({ code, data: r.bytes(len, 'OPT.option-data') });
    }
    return { options };
  },
  encode(w, d) {
    for (const o of d.options) {
      w.u16(checkUint(o.code, U16, 'OPT.option-code'));
      checkLength(o.data, U16, 'OPT.option-data');
      w.u16(o.data.length);
      w.bytes(o.data);
    }
  },
  parse() {
    throw new DnsFormatError('bad-field', 'OPT has no presentation form; write its RDATA as \\# (RFC 3597)', 'OPT');
  },
  format(d) {
    return formatGeneric(encodeOptions(d));
  },
};

function encodeOptions(d: OPTData): Uint8Array {
  const w = new WireWriter();
  OPT.encode(w, d, false);
  return w.finish();
}
