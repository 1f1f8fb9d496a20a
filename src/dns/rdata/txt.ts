/** TXT (RFC 1035 §3.3.14): one or more character-strings of 0..255 octets each. */
import { DnsFormatError } from '../errors.ts';
import { RRType } from '../iana/rr-types.ts';
import type { TXTData } from '../record.ts';
import { quoteString, unescapeString } from '../text-fields.ts';
import { checkLength, type RdataCodec } from './codec.ts';

/** RFC 1035 §3.3: a character-string is a length octet and up to 255 octets. */
export const MAX_CHARACTER_STRING = 255;

export const TXT: RdataCodec<TXTData> = {
  type: RRType.TXT,
  compressible: false,
  decode(r) {
    // RFC 1035 §3.3.14: at least one string (an empty RDATA is not a TXT).
    if (r.remaining === 0) throw new DnsFormatError('rdata-length', 'empty RDATA holds no character-string', 'TXT.strings');
    const strings: Uint8Array[] = [];
    while (r.remaining > 0) strings.push(r.bytes(r.u8('TXT.strings'), 'TXT.strings'));
    return { strings };
  },
  encode(w, d) {
    if (d.strings.length === 0) throw new DnsFormatError('bad-field', 'a TXT needs at least one string', 'TXT.strings');
    for (const s of d.strings) {
      checkLength(s, MAX_CHARACTER_STRING, 'TXT.strings');
      w.u8(s.length);
      w.bytes(s);
    }
  },
  parse(f) {
    const strings: Uint8Array[] = [];
    do {
      const s = unescapeString(f.token('strings').text, 'TXT.strings');
      if (s.length > MAX_CHARACTER_STRING) {
        throw new DnsFormatError('bad-field', `string of ${s.length} octets exceeds ${MAX_CHARACTER_STRING}`, 'TXT.strings');
      }
      strings.push(s);
    } while (f.hasMore);
    return { strings };
  },
  format: (d) => d.strings.map(quoteString).join(' '),
};
