/**
 * Mutations of valid seeds: byte edits (set, flip, boundary values, insert, delete, copy, repeat,
 * truncate) and text edits (tokens of zone and XML syntax, long runs, unterminated runs at a token
 * start, truncation), as fast-check arbitraries and the functions that apply them. Positions are
 * drawn as naturals and taken modulo the current length when applied, so one edit list applies to
 * any seed.
 */
import fc from 'fast-check';
import { bytes, concat, u16, u8 } from './bytes.ts';

/** Values that sit on a boundary of a length, count, label type or compression pointer. */
const INTERESTING_U8 = [0, 1, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xff];
const INTERESTING_U16 = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x3fff, 0x7fff, 0x8000, 0xc000, 0xc00c, 0xc0ff, 0xfffe, 0xffff];

export type ByteEdit =
  | { op: 'set'; at: number; value: number }
  | { op: 'flip'; at: number; bit: number }
  | { op: 'u16'; at: number; value: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'copy'; from: number; length: number; at: number }
  | { op: 'repeat'; at: number; length: number; times: number }
  | { op: 'truncate'; at: number };

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(u8, fc.constantFrom(...INTERESTING_U8)) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('u16' as const), at: fc.nat(), value: fc.oneof(u16, fc.constantFrom(...INTERESTING_U16)) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: bytes(8, 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('copy' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 64 }), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }), times: fc.integer({ min: 2, max: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
);
/** One to six edits of a byte string. */
export const byteEdits = fc.array(byteEdit, { minLength: 1, maxLength: 6 });

/** A copy of `base` with the edits applied in order. */
export function applyByteEdits(base: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let b: Uint8Array = base.slice();
  for (const e of edits) {
    const n = b.length;
    const pos = (x: number) => x % (n + 1);
    switch (e.op) {
      case 'set':
        if (n > 0) b[e.at % n] = e.value;
        break;
      case 'flip':
        if (n > 0) b[e.at % n] = b[e.at % n]! ^ (1 << e.bit);
        break;
      case 'u16':
        if (n > 1) b.set([e.value >>> 8, e.value & 0xff], e.at % (n - 1));
        break;
      case 'insert':
        b = concat(b.subarray(0, pos(e.at)), e.bytes, b.subarray(pos(e.at)));
        break;
      case 'delete':
        b = concat(b.subarray(0, pos(e.at)), b.subarray(pos(e.at) + e.length));
        break;
      case 'copy': {
        const from = pos(e.from);
        const chunk = b.slice(from, from + e.length);
        b = concat(b.subarray(0, pos(e.at)), chunk, b.subarray(pos(e.at)));
        break;
      }
      case 'repeat': {
        const at = pos(e.at);
        const chunk = b.slice(at, at + e.length);
        b = concat(b.subarray(0, at), ...new Array<Uint8Array>(e.times).fill(chunk), b.subarray(at));
        break;
      }
      case 'truncate':
        b = b.slice(0, pos(e.at));
        break;
    }
  }
  return b;
}

/** Pieces of zone and XML syntax worth inserting: escapes, quotes, parentheses, directives, limits. */
const TEXT_TOKENS = [
  ' ', '\t', '\n', '\r\n', '\\', '\\.', '\\\\', '\\0', '\\00', '\\000', '\\255', '\\256', '\\999', '\\#', '\\# 0', '\\# 1 00', '"', '""', '(', ')', ';',
  '.', '..', '@', '*', '$ORIGIN ', '$TTL ', '$INCLUDE ', '$GENERATE ', '0', '255', '256', '65535', '65536', '4294967295', '4294967296', '-1',
  '1w2d3h4m5s', '99999999999w', 'IN', 'CH', 'ANY', 'NONE', 'CLASS0', 'CLASS65535', 'TYPE0', 'TYPE65535', 'TYPE99999', 'A', 'DS', 'DNSKEY',
  'RRSIG', 'NSEC3', 'OPT', '=', '==', '====', 'zz', '-', '+/', 'é', '\u0000', '\uFFFD', '\uD800', '\u202E', 'x'.repeat(63), 'x'.repeat(64),
  '20380119031408', '21060207062815', '99991231235959', '<', '>', '</', '<Zone>', '</Zone>', '<KeyDigest>', '</KeyDigest>', '<Digest>',
  '<KeyTag>', '<Algorithm>', '<DigestType>', 'validFrom="', 'validUntil="', '<!--', '-->', '<![CDATA[', '&amp;', '&#0;',
];
/** Characters of long runs: whitespace, digits, escapes, quotes and tags repeated find super-linear parsing. */
const RUN_TOKENS = [' ', '\t', '\n', '\r\n', 'a', '0', '9', 'A', '\\', '\\0', '\\.', '(', ')', '"', '.', ';', '<', '>', '=', '-', '<KeyDigest>', '<Zone>', 'a.'];
/** After one of these, a snapped edit lands at the start of a token (or of an XML element's text). */
const BOUNDARY = /[\s>("]/;

export type TextEdit =
  | { op: 'insert'; at: number; snap: boolean; text: string }
  | { op: 'delete'; at: number; snap: boolean; length: number }
  | { op: 'replace'; at: number; text: string }
  | { op: 'copy'; from: number; length: number; at: number }
  | { op: 'repeat'; at: number; snap: boolean; text: string; times: number }
  /** A long run at the start of a token and nothing after it: an unterminated field, quote or element. */
  | { op: 'unterminated'; at: number; text: string; times: number }
  | { op: 'truncate'; at: number; snap: boolean };

const insertText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TEXT_TOKENS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 8 }) },
);
const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), snap: fc.boolean(), text: insertText }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), snap: fc.boolean(), length: fc.integer({ min: 1, max: 24 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('copy' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 80 }), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('repeat' as const), at: fc.nat(), snap: fc.boolean(), text: fc.constantFrom(...RUN_TOKENS),
      // Mostly short runs; some long enough that quadratic or worse parsing shows as a hang.
      times: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 2, max: 64 }) }, { weight: 1, arbitrary: fc.integer({ min: 64, max: 4096 }) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unterminated' as const), at: fc.nat(), text: fc.constantFrom(...RUN_TOKENS), times: fc.integer({ min: 256, max: 4096 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat(), snap: fc.boolean() }) },
);
/** One to six edits of a text. */
export const textEdits = fc.array(textEdit, { minLength: 1, maxLength: 6 });

/** `s` with the edits applied in order; a snapped position moves to just after the next boundary. */
export function applyTextEdits(base: string, edits: readonly TextEdit[]): string {
  let s = base;
  for (const e of edits) {
    const place = (x: number, snap = false) => {
      if (snap) {
        const starts = tokenStarts(s);
        if (starts.length > 0) return starts[x % starts.length]!;
      }
      return x % (s.length + 1);
    };
    switch (e.op) {
      case 'insert': {
        const p = place(e.at, e.snap);
        s = s.slice(0, p) + e.text + s.slice(p);
        break;
      }
      case 'delete': {
        const p = place(e.at, e.snap);
        s = s.slice(0, p) + s.slice(p + e.length);
        break;
      }
      case 'replace': {
        const p = place(e.at);
        s = s.slice(0, p) + e.text + s.slice(p + 1);
        break;
      }
      case 'copy': {
        const from = place(e.from);
        const p = place(e.at);
        s = s.slice(0, p) + s.slice(from, from + e.length) + s.slice(p);
        break;
      }
      case 'repeat': {
        const p = place(e.at, e.snap);
        s = s.slice(0, p) + e.text.repeat(e.times) + s.slice(p);
        break;
      }
      case 'unterminated':
        s = s.slice(0, place(e.at, true)) + e.text.repeat(e.times);
        break;
      case 'truncate':
        s = s.slice(0, place(e.at, e.snap));
        break;
    }
  }
  return s;
}

/** Positions just after a boundary character: where a token (or an XML element's text) starts. */
function tokenStarts(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (BOUNDARY.test(s[i]!)) out.push(i + 1);
  return out;
}
