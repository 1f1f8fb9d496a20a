/**
 * Strict binary-to-text encodings used in presentation form: base64 (RFC 4648 §4, DNSKEY, RRSIG),
 * hex (DS, TLSA, NSEC3 salt, RFC 3597) and base32hex without padding (RFC 4648 §7, NSEC3 next
 * hashed owner, RFC 5155 §3.3). Decoders reject anything that is not canonical text for the
 * alphabet (no silent skipping of stray characters, as Node's `Buffer` would do).
 */
import { DnsFormatError } from './errors.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32HEX = '0123456789abcdefghijklmnopqrstuv';
const HEX = '0123456789abcdef';

function table(alphabet: string, caseInsensitive: boolean): Int8Array {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) {
    t[alphabet.charCodeAt(i)] = i;
    if (caseInsensitive) t[alphabet.toUpperCase().charCodeAt(i)] = i;
  }
  return t;
}
const B64_T = table(B64, false);
const B32HEX_T = table(B32HEX, true);
const HEX_T = table(HEX, true);

function lookup(t: Int8Array, c: number): number {
  return c < 128 ? t[c]! : -1;
}

/** Base64 with padding (RFC 4648 §4). */
export function toBase64(b: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    s += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + B64[(v >>> 6) & 63]! + B64[v & 63]!;
  }
  const left = b.length - i;
  if (left === 1) {
    const v = b[i]! << 16;
    s += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + '==';
  } else if (left === 2) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8);
    s += B64[v >>> 18]! + B64[(v >>> 12) & 63]! + B64[(v >>> 6) & 63]! + '=';
  }
  return s;
}

/**
 * Decodes base64 with padding; the text must be a whole number of 4-character groups, padding
 * only at the end, and unused bits zero (RFC 4648 §3.5 canonical encoding).
 * @throws DnsFormatError `bad-base64`
 */
export function fromBase64(s: string, field?: string): Uint8Array {
  if (s.length % 4 !== 0) throw new DnsFormatError('bad-base64', `length ${s.length} is not a multiple of 4`, field);
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    const c0 = lookup(B64_T, s.charCodeAt(i));
    const c1 = lookup(B64_T, s.charCodeAt(i + 1));
    const c2 = last && pad === 2 ? 0 : lookup(B64_T, s.charCodeAt(i + 2));
    const c3 = last && pad >= 1 ? 0 : lookup(B64_T, s.charCodeAt(i + 3));
    if ((c0 | c1 | c2 | c3) < 0) throw new DnsFormatError('bad-base64', `invalid character near position ${i}`, field);
    const v = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    if (last && pad === 2) {
      if (v & 0xffff) throw new DnsFormatError('bad-base64', 'non-zero bits after the last octet', field);
      out[o++] = v >>> 16;
    } else if (last && pad === 1) {
      if (v & 0xff) throw new DnsFormatError('bad-base64', 'non-zero bits after the last octet', field);
      out[o++] = v >>> 16;
      out[o++] = (v >>> 8) & 0xff;
    } else {
      out[o++] = v >>> 16;
      out[o++] = (v >>> 8) & 0xff;
      out[o++] = v & 0xff;
    }
  }
  return out;
}

/** Lower-case hex. */
export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += HEX[x >>> 4]! + HEX[x & 15]!;
  return s;
}

/**
 * Decodes hex (either case, even length).
 * @throws DnsFormatError `bad-hex`
 */
export function fromHex(s: string, field?: string): Uint8Array {
  if (s.length % 2 !== 0) throw new DnsFormatError('bad-hex', `odd number of hex digits (${s.length})`, field);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = lookup(HEX_T, s.charCodeAt(2 * i));
    const lo = lookup(HEX_T, s.charCodeAt(2 * i + 1));
    if ((hi | lo) < 0) throw new DnsFormatError('bad-hex', `invalid hex digit near position ${2 * i}`, field);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Base32hex without padding, lower case (RFC 4648 §7; RFC 5155 §3.3 prints NSEC3 hashes so). */
export function toBase32Hex(b: Uint8Array): string {
  let s = '';
  let acc = 0;
  let bits = 0;
  for (const x of b) {
    acc = ((acc << 8) | x) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      s += B32HEX[(acc >>> bits) & 31]!;
    }
  }
  if (bits > 0) s += B32HEX[(acc << (5 - bits)) & 31]!;
  return s;
}

/**
 * Decodes unpadded base32hex (either case). Lengths that no octet string encodes to (1, 3, 6 mod 8)
 * and non-zero unused bits are rejected.
 * @throws DnsFormatError `bad-base32`
 */
export function fromBase32Hex(s: string, field?: string): Uint8Array {
  const rem = s.length % 8;
  if (rem === 1 || rem === 3 || rem === 6) {
    throw new DnsFormatError('bad-base32', `length ${s.length} is not a base32 encoding of whole octets`, field);
  }
  const out = new Uint8Array(Math.floor((s.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const v = lookup(B32HEX_T, s.charCodeAt(i));
    if (v < 0) throw new DnsFormatError('bad-base32', `invalid base32hex character near position ${i}`, field);
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) {
    throw new DnsFormatError('bad-base32', 'non-zero bits after the last octet', field);
  }
  return out;
}
