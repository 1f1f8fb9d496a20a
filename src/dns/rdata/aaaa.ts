/** AAAA (RFC 3596 §2.2): an IPv6 address, 16 octets; text printed per RFC 5952 §4. */
import { DnsFormatError } from '../errors.ts';
import { RRType } from '../iana/rr-types.ts';
import type { AAAAData } from '../record.ts';
import type { RdataCodec } from './codec.ts';
import { parseIPv4 } from './a.ts';

const IPV6_LENGTH = 16;
const GROUPS = 8;

/** Parses RFC 4291 §2.2 text (with `::` and an embedded IPv4 tail). */
export function parseIPv6(s: string, field: string): Uint8Array {
  const bad = () => new DnsFormatError('bad-field', `"${s}" is not an IPv6 address`, field);
  const halves = s.split('::');
  if (halves.length > 2) throw bad();
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (i === items.length - 1 && it.includes('.')) {
        const v4 = parseIPv4(it, field);
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(it)) out.push(parseInt(it, 16));
      else throw bad();
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const all = halves.length === 2
    ? (head.length + tail.length < GROUPS ? [...head, ...new Array<number>(GROUPS - head.length - tail.length).fill(0), ...tail] : null)
    : head;
  if (!all || all.length !== GROUPS) throw bad();
  const out = new Uint8Array(IPV6_LENGTH);
  all.forEach((g, i) => {
    out[2 * i] = g >>> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** RFC 5952 §4: lower case, no leading zeros, the longest run (>= 2) of zero groups as `::`, first on a tie. */
export function formatIPv6(b: Uint8Array, at = 0): string {
  const g: number[] = [];
  for (let i = 0; i < GROUPS; i++) g.push((b[at + 2 * i]! << 8) | b[at + 2 * i + 1]!);
  let bestStart = -1, bestLen = 1;
  for (let i = 0; i < GROUPS; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < GROUPS && g[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}

export const AAAA: RdataCodec<AAAAData> = {
  type: RRType.AAAA,
  compressible: false,
  decode(r) {
    r.need(IPV6_LENGTH, 'AAAA.address');
    const s = formatIPv6(r.buf, r.offset);
    r.offset += IPV6_LENGTH;
    return { address: s };
  },
  encode(w, d) {
    w.bytes(parseIPv6(d.address, 'AAAA.address'));
  },
  parse: (f) => ({ address: formatIPv6(parseIPv6(f.text('address'), 'AAAA.address')) }),
  format: (d) => d.address,
};
