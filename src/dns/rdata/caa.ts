/**
 * CAA (RFC 8659 §4.1): flags, tag (1..255 ASCII letters and digits), value (the rest; a quoted
 * string in text). A tag that breaks the rule is `bad-field`.
 */
import { DnsFormatError } from '../errors.ts';
import { RRType } from '../iana/rr-types.ts';
import type { CAAData } from '../record.ts';
import { quoteString, unescapeString } from '../text-fields.ts';
import { checkUint, U8, type RdataCodec } from './codec.ts';

const TAG = /^[A-Za-z0-9]{1,255}$/;

function checkTag(tag: string): string {
  if (!TAG.test(tag)) throw new DnsFormatError('bad-field', `"${tag}" is not 1..255 ASCII letters and digits`, 'CAA.tag');
  return tag;
}

export const CAA: RdataCodec<CAAData> = {
  type: RRType.CAA,
  compressible: false,
  decode(r) {
    const flags = r.u8('CAA.flags');
    const tagBytes = r.bytes(r.u8('CAA.tag'), 'CAA.tag');
    const tag = checkTag(String.fromCharCode(...tagBytes));
    return { flags, tag, value: r.rest() };
  },
  encode(w, d) {
    w.u8(checkUint(d.flags, U8, 'CAA.flags'));
    const tag = checkTag(d.tag);
    w.u8(tag.length);
    for (let i = 0; i < tag.length; i++) w.u8(tag.charCodeAt(i));
    w.bytes(d.value);
  },
  parse(f) {
    const flags = f.uint('flags', U8);
    const tag = checkTag(f.text('tag'));
    const value = unescapeString(f.token('value').text, 'CAA.value');
    return { flags, tag, value };
  },
  format: (d) => `${d.flags} ${d.tag} ${quoteString(d.value)}`,
};
