/**
 * RRSIG (RFC 4034 §3.1): type covered, algorithm, labels, original TTL, expiration, inception,
 * key tag, signer's name (never compressed, RFC 4034 §3.1.7), signature (base64 in text).
 */
import { DnsFormatError } from '../errors.ts';
import { rrTypeFromString, rrTypeToString } from '../iana/rr-types.ts';
import { RRType } from '../iana/rr-types.ts';
import type { RRSIGData } from '../record.ts';
import { toBase64 } from '../encoding.ts';
import { checkUint, U16, U32, U8, type RdataCodec } from './codec.ts';
import { parseUint } from '../text-fields.ts';

const TWO_32 = 2 ** 32;

/**
 * RFC 4034 §3.2: a time field is `YYYYMMDDHHmmSS` in UTC, or a plain decimal count of seconds.
 * A date is taken modulo 2^32 seconds (RFC 4034 §3.1.5 serial arithmetic handles wrap).
 */
export function parseSigTime(s: string, field: string): number {
  if (/^[0-9]{14}$/.test(s)) {
    const [y, mo, d, h, mi, se] = [s.slice(0, 4), s.slice(4, 6), s.slice(6, 8), s.slice(8, 10), s.slice(10, 12), s.slice(12, 14)].map(Number) as [number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, se);
    const back = new Date(ms);
    if (y < 1970 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d
      || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== se) {
      throw new DnsFormatError('bad-field', `"${s}" is not a valid YYYYMMDDHHmmSS time`, field);
    }
    return (ms / 1000) % TWO_32;
  }
  return parseUint(s, U32, field);
}

/** `YYYYMMDDHHmmSS` for a 32-bit time, read as seconds since 1970 (as dig and ldns print it). */
export function formatSigTime(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export const RRSIG: RdataCodec<RRSIGData> = {
  type: RRType.RRSIG,
  compressible: false,
  decode: (r) => ({
    typeCovered: r.u16('RRSIG.typeCovered'),
    algorithm: r.u8('RRSIG.algorithm'),
    labels: r.u8('RRSIG.labels'),
    originalTtl: r.u32('RRSIG.originalTtl'),
    expiration: r.u32('RRSIG.expiration'),
    inception: r.u32('RRSIG.inception'),
    keyTag: r.u16('RRSIG.keyTag'),
    signerName: r.name('RRSIG.signerName', false),
    signature: r.rest(),
  }),
  encode(w, d) {
    w.u16(checkUint(d.typeCovered, U16, 'RRSIG.typeCovered'));
    w.u8(checkUint(d.algorithm, U8, 'RRSIG.algorithm'));
    w.u8(checkUint(d.labels, U8, 'RRSIG.labels'));
    w.u32(checkUint(d.originalTtl, U32, 'RRSIG.originalTtl'));
    w.u32(checkUint(d.expiration, U32, 'RRSIG.expiration'));
    w.u32(checkUint(d.inception, U32, 'RRSIG.inception'));
    w.u16(checkUint(d.keyTag, U16, 'RRSIG.keyTag'));
    w.name(d.signerName, false);
    w.bytes(d.signature);
  },
  parse(f) {
    const tc = f.text('typeCovered');
    const typeCovered = rrTypeFromString(tc);
    if (typeCovered === undefined) throw new DnsFormatError('bad-field', `unknown type "${tc}"`, 'RRSIG.typeCovered');
    return {
      typeCovered,
      algorithm: f.uint('algorithm', U8),
      labels: f.uint('labels', U8),
      originalTtl: f.uint('originalTtl', U32),
      expiration: parseSigTime(f.text('expiration'), 'RRSIG.expiration'),
      inception: parseSigTime(f.text('inception'), 'RRSIG.inception'),
      keyTag: f.uint('keyTag', U16),
      signerName: f.name('signerName'),
      signature: f.base64Rest('signature', true),
    };
  },
  format: (d) =>
    `${rrTypeToString(d.typeCovered)} ${d.algorithm} ${d.labels} ${d.originalTtl} ${formatSigTime(d.expiration)} ${formatSigTime(d.inception)} ${d.keyTag} ${d.signerName} ${toBase64(d.signature)}`.trimEnd(),
};
