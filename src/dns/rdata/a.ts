/** A (RFC 1035 §3.4.1): an IPv4 address, four octets, dotted-decimal text. */
import { DnsFormatError } from '../errors.ts';
import { RRType } from '../iana/rr-types.ts';
import type { AData } from '../record.ts';
import type { RdataCodec } from './codec.ts';

const IPV4_LENGTH = 4;

/** Parses dotted-decimal IPv4 (no leading zeros, which some parsers read as octal). */
export function parseIPv4(s: string, field: string): Uint8Array {
  const parts = s.split('.');
  if (parts.length !== IPV4_LENGTH || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) {
    throw new DnsFormatError('bad-field', `"${s}" is not a dotted-decimal IPv4 address`, field);
  }
  return Uint8Array.from(parts, Number);
}

export const A: RdataCodec<AData> = {
  type: RRType.A,
  compressible: false,
  decode(r) {
    r.need(IPV4_LENGTH, 'A.address');
    const b = r.buf, o = r.offset;
    r.offset += IPV4_LENGTH;
    return { address: `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}` };
  },
  encode(w, d) {
    w.bytes(parseIPv4(d.address, 'A.address'));
  },
  parse: (f) => {
    const address = f.text('address');
    parseIPv4(address, 'A.address');
    return { address };
  },
  format: (d) => d.address,
};
