/**
 * What `npm run fuzz` (test/fuzz/inputs.ts) runs: every parser that reads a stranger's input, as a
 * target with fast-check arbitraries of hostile inputs and the contract every input must keep
 * (table in test/fuzz/README.md). An input may only parse, or fail the documented way
 * (`DnsFormatError`, `TrustAnchorError`, the `TypeError`/`RangeError` of `tlsaAssociation` and
 * `pemToDerCertificates`; `matchChain` resolves); any other throw is a crash. What parses is also
 * checked to mean what it says (re-encodes, prints and parses back, matches only what it should):
 * a failure of these is a `ContractViolation`, reported like a crash.
 *
 * Inputs are mostly mutations (byte or text edits, see `byteEdits` and `textEdits`) of valid
 * seeds: messages our encoder writes and the wire dumps of ldns in vectors/dns/messages, the
 * zone files under vectors/, the records in `SEED_LINES`, the bundled IANA root-anchors.xml and
 * its DS lines, and three certificate chains made by src/testing/certs.ts; the rest are random.
 * The arbitraries of test/dns/properties.test.ts are not exported (importing a test file would
 * register its suites), so the few generators needed here are written again, smaller.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { DS_DIGEST_LENGTH } from '../../src/dns/iana/ds-digest-types.ts';
import { fromHex, toHex } from '../../src/dns/encoding.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import { CODECS, decodeRdata, encodeRdata, isUnknownData, recordFromRdata } from '../../src/dns/rdata/index.ts';
import { canonicalRdata, hasCanonicalNames } from '../../src/dns/canonical.ts';
import { formatRR, parseRR, parseZone } from '../../src/dns/presentation.ts';
import { ianaRootAnchors, MAX_TRUST_ANCHORS, parseTrustAnchors, TrustAnchorError } from '../../src/dnssec/anchors.ts';
import { IANA_ROOT_ANCHORS_XML } from '../../src/dnssec/root-anchors.ts';
import { associationBytes, certificateParts, classifyTlsa, MAX_CERTIFICATE_DER_LENGTH, pemToDerCertificates, tlsaAssociation } from '../../src/dane/tlsa.ts';
import { parseCertificate } from '../../src/dane/chain.ts';
import { presentedNames } from '../../src/dane/cert-names.ts';
import { matchChain } from '../../src/dane/match.ts';
import type { TestKeyType } from '../../src/testing/certs.ts';

export const TARGET_NAMES = ['decoder', 'rdata', 'zone', 'anchors', 'certs'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** One target: hostile inputs and the check of one input against the contract. */
export interface FuzzTarget<T = any> {
  readonly name: TargetName;
  /** `check` returns a promise (run as a fast-check async property). */
  readonly async?: boolean;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Returns (or resolves) when the input kept the contract; throws what broke it. */
  check(input: T): void | Promise<void>;
  /** The input as text for a report (hex, JSON). */
  show(input: T): string;
}

/** A parse whose result contradicts the input or itself (not a thrown crash, but as bad). */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

const violation = (what: string): never => {
  throw new ContractViolation(what);
};

/** Runs `fn`; the documented error comes back as a value, anything else thrown goes on up (a crash). */
function attempt<T, E extends Error>(fn: () => T, documented: new (...a: any[]) => E): T | E {
  try {
    return fn();
  } catch (e) {
    if (e instanceof documented) return e;
    throw e;
  }
}

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (max: number, min = 0) => fc.uint8Array({ minLength: min, maxLength: max });
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mutations. Positions are drawn as naturals and taken modulo the current length when applied,
// so one edit list applies to any seed.

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

// ---------------------------------------------------------------------------------------------
// Seeds.

/** One valid record of every type with a codec (and two without), in presentation form. */
export const SEED_LINES = [
  'a.example. 60 IN A 192.0.2.1',
  'a.example. 60 IN AAAA 2001:db8::1:0:0:1',
  'example. 60 IN NS ns1.example.',
  'x.example. 60 IN MD mail.example.',
  'x.example. 60 IN MF mail.example.',
  'x.example. 60 IN MB mail.example.',
  'x.example. 60 IN MG mail.example.',
  'x.example. 60 IN MR mail.example.',
  'www.example. 60 IN CNAME a.example.',
  'sub.example. 60 IN DNAME other.example.',
  '1.2.0.192.in-addr.arpa. 60 IN PTR a.example.',
  'x.example. 60 IN MINFO rmail.example. errors.example.',
  'example. 300 IN SOA ns1.example. hostmaster.example. 2026112801 86400 7200 2419200 300',
  'example. 60 IN MX 10 mx.example.',
  'example. 60 IN TXT "v=spf1 -all" "" "a;b" "\\"q\\" \\\\ \\009\\255"',
  'x.example. 60 IN HINFO "x86" "Linux"',
  '_25._tcp.example. 60 IN SRV 0 5 25 mx.example.',
  'dskey.example. 86400 IN DS 60485 5 1 2bb183af5f22588179a53b0a98631fad1a292118',
  'dskey.example. 86400 IN CDS 60485 13 2 e06d44b80b8f1d39a95c0b0d7c65d08458e880409bbc683457104237c7f8ec8d',
  'example. 3600 IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==',
  'example. 3600 IN CDNSKEY 256 3 8 AwEAAcNEU67LJI5GEgF9QLNqLO1SMq1EdoQ6E9f85ha0k0ewQGCblyW2836GiVsm6k8Kr5ECIoMJ6fZWf3CQSQ9ycWfTyOHfmI3eQ/1Covhb2y4bAmL/07PhrL7ozWBW3wBfM335Ft9xjtXHPy7ztCbV9qZ4TVDTW/Iyg0PiwgoXVesz',
  'x.example. 300 IN RRSIG TLSA 13 3 300 20260101000000 20251201000000 12345 example. dGVzdA==',
  'alfa.example. 86400 IN NSEC host.example. A MX RRSIG NSEC TYPE1234',
  '2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. 3600 IN NSEC3 1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG',
  'example. 3600 IN NSEC3PARAM 1 0 0 -',
  '_25._tcp.mx.example. 60 IN TLSA 3 1 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971',
  'example. 3600 IN CAA 128 issue "ca.example.net; account=1"',
  'a\\.b.\\200\\255.Example. 60 IN CNAME \\(x\\)\\"y.',
  'x.example. 60 CLASS32 TYPE731 \\# 6 abcdef012345',
  'x.example. 60 IN TYPE65280 \\# 0',
];

/** RDATA of types our codecs do not structure but `canonicalRdata` walks (RFC 4034 §6.2 layouts). */
function layoutSeeds(): [number, Uint8Array][] {
  const n = (s: string) => Name.parse(s).toWire();
  const u16b = (v: number) => Uint8Array.of(v >>> 8, v & 0xff);
  const str = (s: string) => concat(Uint8Array.of(s.length), new TextEncoder().encode(s));
  return [
    [17, concat(n('Admin.Example.'), n('txt.example.'))], // RP
    [18, concat(u16b(1), n('AFSDB.example.'))],
    [21, concat(u16b(10), n('RT.example.'))],
    [24, concat(new Uint8Array(18), n('Signer.example.'), Uint8Array.of(1, 2, 3))], // SIG
    [26, concat(u16b(10), n('Map822.example.'), n('MapX400.example.'))], // PX
    [30, concat(n('Next.example.'), Uint8Array.of(0x40, 0x01))], // NXT
    [35, concat(u16b(100), u16b(10), str('U'), str('E2U+sip'), str('!^.*$!sip:x@example!'), n('.'))], // NAPTR
    [36, concat(u16b(10), n('KX.example.'))],
    [38, concat(Uint8Array.of(64), new Uint8Array(8).fill(1), n('Prefix.example.'))], // A6
    [38, concat(Uint8Array.of(0), new Uint8Array(16).fill(2))],
    [RRType.OPT, concat(u16b(10), u16b(8), new Uint8Array(8), u16b(8), u16b(7), Uint8Array.of(0, 1, 24, 0, 192, 0, 2))],
  ];
}

interface Corpus {
  /** Zone files in pieces of at most 30 lines, and runs of `SEED_LINES` under `$ORIGIN` and `$TTL`. */
  zoneTexts: string[];
  /** Valid records of every codec type. */
  records: ResourceRecord[];
  /** [type, RDATA] of every seed record and of the layout-only types. */
  rdatas: [number, Uint8Array][];
  /** Wire messages: ldns dumps from vectors/dns/messages and messages our encoder wrote. */
  messages: Uint8Array[];
}

const VECTORS = new URL('../../vectors/', import.meta.url);
let corpus: Corpus | undefined;

/** Reads the seeds once per process (about 30 ms). */
export function loadCorpus(): Corpus {
  if (corpus) return corpus;
  const files = readdirSync(VECTORS, { recursive: true, encoding: 'utf8' }).sort();
  const zoneTexts: string[] = [];
  const records: ResourceRecord[] = SEED_LINES.map((l) => parseRR(l));
  for (const f of files.filter((x) => x.endsWith('.zone'))) {
    const text = readFileSync(new URL(f, VECTORS), 'utf8');
    records.push(...parseZone(text));
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i += 30) zoneTexts.push(lines.slice(i, i + 30).join('\n'));
  }
  for (let i = 0; i < SEED_LINES.length; i += 4) zoneTexts.push(['$ORIGIN example.', '$TTL 1h', ...SEED_LINES.slice(i, i + 6)].join('\n'));
  const messages: Uint8Array[] = [];
  for (const f of files.filter((x) => x.startsWith('dns/messages/') && x.endsWith('.txt'))) {
    const wire = /;; WIRE:([\s\S]*)$/.exec(readFileSync(new URL(f, VECTORS), 'utf8'))?.[1];
    if (wire) messages.push(fromHex(wire.replace(/;.*/g, '').replace(/\s+/g, '')));
  }
  // Our encoder's messages: runs of consecutive records (an RRset and its RRSIG stay together).
  for (let i = 0; i < records.length; i += 5) {
    const rrs = records.slice(i, i + 9);
    const m = message(1000 + i, rrs.slice(0, 5), rrs.slice(5, 7), rrs.slice(7), i % 2 === 0);
    messages.push(encodeMessage(m, { compress: i % 10 < 5 }));
  }
  const rdatas: [number, Uint8Array][] = [...records.map((r): [number, Uint8Array] => [r.type, r.rdata]), ...layoutSeeds()];
  corpus = { zoneTexts, records, rdatas, messages };
  return corpus;
}

function message(id: number, answers: ResourceRecord[], authorities: ResourceRecord[], additionals: ResourceRecord[], edns: boolean): Message {
  const m: Message = {
    id, opcode: 0, rcode: 0, flags: { qr: true, aa: true, tc: false, rd: true, ra: true, ad: false, cd: false },
    questions: [{ name: answers[0]?.name ?? Name.ROOT, type: answers[0]?.type ?? 1, class: 1 }],
    answers, authorities, additionals,
  };
  if (edns) m.edns = { udpSize: 1232, version: 0, dnssecOk: true, options: [] };
  return m;
}

// ---------------------------------------------------------------------------------------------
// decoder

/** Owner names: a small pool (so compression has suffixes to share) or labels of any octets. */
const ownerName: fc.Arbitrary<Name> = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'mx', '*', 'www'), fc.constantFrom('example', 'Example', 'EXAMPLE'), fc.constantFrom('com', 'org'), fc.boolean())
    .map(([a, b, c, deep]) => Name.fromLabels(deep ? [a, b, c] : [b, c])),
  fc.array(bytes(12, 1), { maxLength: 4 }).map((ls) => new Name(ls)),
  fc.constant(Name.ROOT),
);

function generatedMessage(c: Corpus): fc.Arbitrary<Uint8Array> {
  const rec = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(ownerName, fc.constantFrom(...c.records), u32, fc.constantFrom(1, 3, 255, 0x8001)).map(([name, r, ttl, cls]) => ({ ...r, name, ttl, class: cls })) },
    { weight: 1, arbitrary: fc.tuple(ownerName, fc.constantFrom(99, 65280, 65534), bytes(40)).map(([name, type, rd]) => recordFromRdata(name, type, 1, 60, rd)) },
  );
  const option = fc.record({ code: fc.constantFrom(3, 8, 10, 12, 15, 65001), data: bytes(12) });
  return fc
    .record({
      id: u16, opcode: fc.integer({ min: 0, max: 15 }), flags: fc.nat(0x7f), rcode: fc.integer({ min: 0, max: 15 }), ext: fc.integer({ min: 0, max: 255 }),
      q: fc.array(fc.tuple(ownerName, u16), { maxLength: 2 }),
      an: fc.array(rec, { maxLength: 6 }), ns: fc.array(rec, { maxLength: 4 }), ar: fc.array(rec, { maxLength: 4 }),
      edns: fc.option(fc.record({ udpSize: u16, version: u8, dnssecOk: fc.boolean(), options: fc.array(option, { maxLength: 3 }) })),
      compress: fc.boolean(),
    })
    .map((m) => {
      const f = m.flags;
      const msg: Message = {
        id: m.id, opcode: m.opcode, rcode: m.edns ? (m.ext << 4) | m.rcode : m.rcode,
        flags: { qr: !!(f & 64), aa: !!(f & 32), tc: !!(f & 16), rd: !!(f & 8), ra: !!(f & 4), ad: !!(f & 2), cd: !!(f & 1) },
        questions: m.q.map(([name, type]) => ({ name, type, class: 1 })),
        answers: m.an, authorities: m.ns, additionals: m.ar,
      };
      if (m.edns) msg.edns = m.edns;
      return encodeMessage(msg, { compress: m.compress });
    });
}

/** Text as a JavaScript expression that rebuilds it, long runs written as `.repeat(n)`. */
export function showText(text: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const m of text.matchAll(/(.{1,12}?)\1{15,}/gs)) {
    if (m.index > at) parts.push(JSON.stringify(text.slice(at, m.index)));
    parts.push(`${JSON.stringify(m[1])}.repeat(${m[0].length / m[1]!.length})`);
    at = m.index + m[0].length;
  }
  if (at < text.length || parts.length === 0) parts.push(JSON.stringify(text.slice(at)));
  return parts.join(' + ');
}

const recordKey = (r: ResourceRecord) => `${toHex(r.name.toWire())} ${r.type} ${r.class} ${r.ttl} ${toHex(r.rdata)}`;

/** Everything a Message holds, as one comparable string. */
function messageKey(m: Message): string {
  return JSON.stringify([
    m.id, m.opcode, m.rcode, m.flags, m.edns && [m.edns.udpSize, m.edns.version, m.edns.dnssecOk, m.edns.options.map((o) => [o.code, toHex(o.data)])],
    m.questions.map((q) => `${toHex(q.name.toWire())} ${q.type} ${q.class}`),
    m.answers.map(recordKey), m.authorities.map(recordKey), m.additionals.map(recordKey),
  ]);
}

/** A decoded message must encode again, compressed and not, and decode to the same fields. */
function checkReencodes(m: Message): void {
  for (const compress of [false, true]) {
    let wire: Uint8Array;
    try {
      wire = encodeMessage(m, { compress });
    } catch (e) {
      // Expanding the pointers of a 64 KB message can overflow 65535 octets: refused, rightly.
      if (e instanceof DnsFormatError && e.field === 'message') continue;
      return violation(`a decoded message does not encode again (compress ${compress}): ${String(e)}`);
    }
    let back: Message;
    try {
      back = decodeMessage(wire);
    } catch (e) {
      return violation(`our encoding (compress ${compress}) of a decoded message does not decode: ${String(e)}\n  encoding: ${toHex(wire)}`);
    }
    if (messageKey(back) !== messageKey(m)) violation(`decode(encode(m)) differs from m (compress ${compress}):\n  m:    ${messageKey(m)}\n  back: ${messageKey(back)}`);
  }
}

function decoderTarget(c: Corpus): FuzzTarget<Uint8Array> {
  const header = fc.tuple(u16, u16, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }))
    .map((h) => concat(...h.map((v) => Uint8Array.of(v >>> 8, v & 0xff))));
  const seed = fc.constantFrom(...c.messages);
  const generated = generatedMessage(c);
  return {
    name: 'decoder',
    arbitrary: fc.oneof(
      { weight: 1, arbitrary: bytes(600) },
      { weight: 1, arbitrary: fc.tuple(header, bytes(400)).map(([h, b]) => concat(h, b)) },
      { weight: 4, arbitrary: fc.tuple(seed, byteEdits).map(([m, e]) => applyByteEdits(m, e)) },
      { weight: 4, arbitrary: fc.tuple(generated, byteEdits).map(([m, e]) => applyByteEdits(m, e)) },
      { weight: 1, arbitrary: generated },
    ),
    check(wire) {
      const plain = attempt(() => decodeMessage(wire), DnsFormatError);
      let left = 0;
      const scrubbed = attempt(() => decodeMessage(wire, { scrub: true, onScrubbed: () => left++ }), DnsFormatError);
      if (!(plain instanceof DnsFormatError)) {
        if (scrubbed instanceof DnsFormatError) violation(`decodes, but not with scrub: ${scrubbed.message}`);
        if (left > 0 || messageKey(scrubbed as Message) !== messageKey(plain)) violation('scrub changed a message that decodes whole');
        checkReencodes(plain);
      } else if (!(scrubbed instanceof DnsFormatError)) {
        // Scrubbing only leaves records out: what it rescues had at least one to leave out.
        if (left === 0) violation(`decodes with scrub leaving nothing out, but not without: ${plain.message}`);
        checkReencodes(scrubbed);
      }
    },
    show: (wire) => `wire (${wire.length} octets): ${toHex(wire)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// rdata

interface RdataInput { type: number; rdata: Uint8Array }

function rdataTarget(c: Corpus): FuzzTarget<RdataInput> {
  const types = [...new Set([...CODECS.keys(), ...c.rdatas.map(([t]) => t), 0, 99, 65280])];
  const seed = fc.constantFrom(...c.rdatas);
  return {
    name: 'rdata',
    arbitrary: fc.oneof(
      { weight: 1, arbitrary: fc.record({ type: fc.constantFrom(...types), rdata: bytes(120) }) },
      { weight: 5, arbitrary: fc.tuple(seed, byteEdits).map(([[type, rd], e]) => ({ type, rdata: applyByteEdits(rd, e) })) },
      // Type confusion: valid RDATA of one type read as another.
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...types), seed).map(([type, [, rdata]]) => ({ type, rdata })) },
    ),
    check({ type, rdata }) {
      const canonical = attempt(() => canonicalRdata(type, rdata), DnsFormatError);
      const data = attempt(() => decodeRdata(type, rdata), DnsFormatError);
      if (!(canonical instanceof DnsFormatError)) {
        if (canonical.length !== rdata.length) violation('canonicalRdata changed the length of the RDATA');
        if (!same(canonicalRdata(type, canonical), canonical)) violation('canonicalRdata is not idempotent');
      }
      if (data instanceof DnsFormatError) return;
      if (canonical instanceof DnsFormatError && hasCanonicalNames(type) && CODECS.has(type)) violation(`decodeRdata accepts it, canonicalRdata refuses: ${canonical.message}`);
      if (!isUnknownData(data)) {
        const again = encodeRdata(type, data);
        if (!same(again, rdata)) violation(`decoded RDATA encodes to other bytes: ${toHex(again)}`);
      }
      if (type === RRType.OPT) return; // no text form
      const rr = recordFromRdata(Name.ROOT, type, 1, 60, rdata);
      const line = formatRR(rr);
      const back = attempt(() => parseRR(line), DnsFormatError);
      if (back instanceof DnsFormatError) violation(`formatRR printed ${JSON.stringify(line)}, which parseRR refuses: ${back.message}`);
      else if (!same(back.rdata, rdata)) violation(`formatRR -> parseRR changed the RDATA to ${toHex(back.rdata)} (line ${JSON.stringify(line)})`);
    },
    show: ({ type, rdata }) => `type ${type}, RDATA (${rdata.length} octets): ${toHex(rdata)}`,
  };
}

// ---------------------------------------------------------------------------------------------
// zone

interface ZoneInput { text: string; origin: boolean; single: boolean }

/** ASCII of zone files plus a few troublemakers, for purely random text. */
const ZONE_CHARS = [...' \t\n\r\\"();.@$*-+/=0123456789aAzZ#', 'é', '\u0000', '\uD800'];

/** A parsed record must print and parse back to itself. */
function checkPrintsBack(rr: ResourceRecord): void {
  const line = formatRR(rr);
  const back = attempt(() => parseRR(line), DnsFormatError);
  if (back instanceof DnsFormatError) return violation(`formatRR printed ${JSON.stringify(line)}, which parseRR refuses: ${back.message}`);
  if (recordKey(back) !== recordKey(rr)) violation(`formatRR -> parseRR changed the record: ${recordKey(rr)} -> ${recordKey(back)}`);
  if (formatRR(back) !== line) violation(`formatRR is not stable: ${JSON.stringify(line)} -> ${JSON.stringify(formatRR(back))}`);
}

function zoneTarget(c: Corpus): FuzzTarget<ZoneInput> {
  const lines = [...SEED_LINES, ...c.records.filter((_, i) => i % 7 === 0).map(formatRR)];
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...c.zoneTexts), textEdits).map(([t, e]) => applyTextEdits(t, e)) },
    { weight: 3, arbitrary: fc.tuple(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 6 }), textEdits).map(([ls, e]) => applyTextEdits(ls.join('\n'), e)) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...ZONE_CHARS), maxLength: 200 }) },
  );
  const example = Name.parse('example.com.');
  return {
    name: 'zone',
    arbitrary: fc.record({ text, origin: fc.boolean(), single: fc.boolean() }),
    check({ text: t, origin, single }) {
      const opts = { origin: origin ? example : Name.ROOT };
      const out = single ? attempt(() => [parseRR(t, opts)], DnsFormatError) : attempt(() => parseZone(t, opts), DnsFormatError);
      if (out instanceof DnsFormatError) return;
      for (const rr of out) checkPrintsBack(rr);
    },
    show: ({ text: t, origin, single }) => `${single ? 'parseRR' : 'parseZone'}(${showText(t)}${origin ? ", { origin: Name.parse('example.com.') }" : ''})`,
  };
}

// ---------------------------------------------------------------------------------------------
// anchors

function anchorsTarget(c: Corpus): FuzzTarget<string> {
  const keyLines = c.records.filter((r) => r.type === RRType.DS || r.type === RRType.DNSKEY).map(formatRR);
  const iana = ianaRootAnchors().map((a) => formatRR(a.record));
  const lines = [iana.join('\n'), ...keyLines.slice(0, 24), keyLines.slice(0, 6).join('\n'), `$ORIGIN example.\n@ IN ${keyLines[0]!.split(' IN ')[1]}`];
  // The XML form is half of the parser: a third of the seeds.
  const seed = fc.oneof({ weight: 1, arbitrary: fc.constant(IANA_ROOT_ANCHORS_XML) }, { weight: 2, arbitrary: fc.constantFrom(...lines) });
  return {
    name: 'anchors',
    arbitrary: fc.oneof(
      { weight: 6, arbitrary: fc.tuple(seed, textEdits).map(([t, e]) => applyTextEdits(t, e)) },
      { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...ZONE_CHARS, '<', '>', '/'), maxLength: 200 }) },
    ),
    check(text) {
      const out = attempt(() => parseTrustAnchors(text), TrustAnchorError);
      if (out instanceof TrustAnchorError) return;
      if (out.length === 0 || out.length > MAX_TRUST_ANCHORS) violation(`${out.length} anchors`);
      for (const a of out) {
        const r = a.record;
        if (r.type !== RRType.DS && r.type !== RRType.DNSKEY) violation(`an anchor of type ${(r as ResourceRecord).type}`);
        if (!r.name.equals(a.zone)) violation(`anchor for ${a.zone} holds a record of ${r.name}`);
        if (r.type === RRType.DS) {
          const want = DS_DIGEST_LENGTH.get(r.data.digestType);
          if (want !== undefined && r.data.digest.length !== want) violation(`DS digest of ${r.data.digest.length} octets for digest type ${r.data.digestType}`);
        }
      }
    },
    show: (text) => `parseTrustAnchors(${showText(text)}) (${text.length} characters)`,
  };
}

// ---------------------------------------------------------------------------------------------
// certs

/** Which certificate input is mutated, and where it goes: the chain sent, or the TLSA record. */
const CERT_PARTS = ['leaf', 'intermediate', 'root', 'record-cert', 'record-key', 'random'] as const;
type CertPart = (typeof CERT_PARTS)[number];

interface CertInput {
  keyType: TestKeyType;
  part: CertPart;
  edits: ByteEdit[];
  random: Uint8Array;
  selector: 0 | 1;
  matchingType: 0 | 1 | 2;
  /** Give the certificate as PEM text, with these edits to the text. */
  pem: TextEdit[] | null;
  /** Also run matchChain; `ta`: with DANE-TA records only, so that the path is built and verified. */
  match: 'no' | 'all' | 'ta';
}

/** The clock of the seed chains: every certificate is valid at this instant. */
const CERT_NOW = new Date('2026-11-28T08:00:00Z');
const REFERENCE = 'mx.example.com';

/**
 * Seed chains, root -> intermediate -> leaf (base64 DER), fixed so that `--seed`/`--path` replay
 * the same bytes in any process (createTestChain draws fresh keys, serials and ECDSA nonces each
 * time). Made once with src/testing/certs.ts: `createTestChain({ leafCN: 'mx.example.com',
 * leafDnsNames: ['mx.example.com'], keyType, now: CERT_NOW })` for ec (P-256), ed25519 and rsa
 * (2048); the private keys were never written anywhere. Valid 2026-11-27 to 2026-12-28.
 */
const SEED_CHAINS: Record<TestKeyType, readonly [string, string, string]> = {
  ec: [
    `MIIBTjCB9aADAgECAhBLOO9eteN/Znu5xfejOz0AMAoGCCqGSM49BAMCMBcxFTATBgNVBAMMDFRlc3QgUm9vdCBDQTAeFw0y
     NjExMjcwODAwMDBaFw0yNjEyMjgwODAwMDBaMBcxFTATBgNVBAMMDFRlc3QgUm9vdCBDQTBZMBMGByqGSM49AgEGCCqGSM49
     AwEHA0IABJExDe/KstH1/FNFM2SfydFuybkhpPRbl7124ZN+2901TohBxXw9jcLWtekv2VcqG7xpNq24SGFYKxdwSN9IXGyj
     IzAhMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMCA0gAMEUCIHrpPOKlKO8Hh9mKY0woFz99
     hTnaX7Xjq1gbK+80zN5MAiEA4C51nZoIS39M/GXMDeuLDrgSwvI8fnpCkoayWshlMoc=`, // root
    `MIIBVjCB/aADAgECAhAPOfWFoZPY/LQunT2o5Qv4MAoGCCqGSM49BAMCMBcxFTATBgNVBAMMDFRlc3QgUm9vdCBDQTAeFw0y
     NjExMjcwODAwMDBaFw0yNjEyMjgwODAwMDBaMB8xHTAbBgNVBAMMFFRlc3QgSW50ZXJtZWRpYXRlIENBMFkwEwYHKoZIzj0C
     AQYIKoZIzj0DAQcDQgAEPKZtuRpw+D2mirLn2nazc+TQdqYfFV44uSzxuI3BSrU8Htf6SUbNmZv4ngk0REUuQ6FQ0slrEFWo
     /K0wrR98cqMjMCEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwIDSAAwRQIhAM83fW7Z7jON
     j3kBBiV8DcbPKRMuFg/IMBfuVOvHS0oUAiAbBmW+EADZIIk9PFfnHleOyTEuhU0Wd0+oFVPqKpQWOg==`, // intermediate
    `MIIBUjCB+aADAgECAhB3UWhxK/SG1TQoNWLkei20MAoGCCqGSM49BAMCMB8xHTAbBgNVBAMMFFRlc3QgSW50ZXJtZWRpYXRl
     IENBMB4XDTI2MTEyNzA4MDAwMFoXDTI2MTIyODA4MDAwMFowGTEXMBUGA1UEAwwObXguZXhhbXBsZS5jb20wWTATBgcqhkjO
     PQIBBggqhkjOPQMBBwNCAARVyIhoDnenIRWGpLkfEBEICawwCjoDpMo8LK0qZNYNlRfJHOgwTFRNozZA1OaaqpOqRHf2JWrI
     1uE9AhBMCsEqox0wGzAZBgNVHREEEjAQgg5teC5leGFtcGxlLmNvbTAKBggqhkjOPQQDAgNIADBFAiEA586ZFzG3IIFdmnGH
     ZCX+GfpRngyUmY+dEJfFqKz2ZrQCIBlgvIp0tFVqh8JeWiNk7mOesD3V0yhY2klz+Gx5stNr`, // leaf
  ],
  ed25519: [
    `MIIBDjCBwaADAgECAhBHdp/OjaTSYnvitlzYvhUIMAUGAytlcDAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwHhcNMjYxMTI3
     MDgwMDAwWhcNMjYxMjI4MDgwMDAwWjAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwKjAFBgMrZXADIQCr/JjvqFJ6Vl41ZnbC
     FcrbAzkYEZNXDRQWU1cXN02896MjMCEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwBQYDK2VwA0EAyZ8b78CQ
     UhjbgsQBzo/JW1dkdwU40CMvGOilXDfEPz09LRgLO/HuVdAbvN6Nl6ifuTNWi596eHJfNyLiajOQAg==`, // root
    `MIIBFjCByaADAgECAhAzkdycr3vrymVyDWpldCgLMAUGAytlcDAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwHhcNMjYxMTI3
     MDgwMDAwWhcNMjYxMjI4MDgwMDAwWjAfMR0wGwYDVQQDDBRUZXN0IEludGVybWVkaWF0ZSBDQTAqMAUGAytlcAMhAF2tiA0N
     M0m/sy/2FgMTUn7HXQCFzO13zRvpqXg8otiJoyMwITAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIBBjAFBgMrZXAD
     QQC9D9Qt6Nh4a9Djns9ETLJ5tdbLXWkoPcB5l/NwPe4ch5ejam2w0Hke/BMgzFdoYo0XLL7jWTIleqpUyRcJdIQE`, // intermediate
    `MIIBEjCBxaADAgECAhBh4UYmU0T1e5SlTcEo1OfyMAUGAytlcDAfMR0wGwYDVQQDDBRUZXN0IEludGVybWVkaWF0ZSBDQTAe
     Fw0yNjExMjcwODAwMDBaFw0yNjEyMjgwODAwMDBaMBkxFzAVBgNVBAMMDm14LmV4YW1wbGUuY29tMCowBQYDK2VwAyEAk92v
     mtHsG/HLBStpVouDg5MGncq0AoX88LBgKilf/k6jHTAbMBkGA1UdEQQSMBCCDm14LmV4YW1wbGUuY29tMAUGAytlcANBAMeC
     pwy6YXRMg9Sb8gauQaUQPfdNhcRG77Jr7xQvoMUsar5ZFMcxbR0A/TYnlVMehtrn8F7/eFjnquZmjd3efwk=`, // leaf
  ],
  rsa: [
    `MIIC2zCCAcOgAwIBAgIQcQvHEyVnsEcxe64QajdZVzANBgkqhkiG9w0BAQsFADAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0Ew
     HhcNMjYxMTI3MDgwMDAwWhcNMjYxMjI4MDgwMDAwWjAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0EwggEiMA0GCSqGSIb3DQEB
     AQUAA4IBDwAwggEKAoIBAQC+haMaZhLunDEKJNsh5StgEk8suCE8VQDWGSDQSyscOk33AKvRFjCyBXhxv8z05Ypf0vXQDNX0
     nOAwwFhBEtHf1taUk2tB3IOpiQCrpggcfjFmlhTN/0Z3589LPTx22nqfPe6HlJMyL9yob3Fjc+LJRHiO6LmJReHFNEk20u7a
     PLMast930iNCSU1D3lnMfiB7otiEmW98/7S96Z/IYeP7GJmMDxagOYrfylyPwJJwf/xDQp0qD5sW+DC5KIv3b2Eam4VMHGm9
     nkRyPbX0xCZ2RJe8H0BjVwbDISkvwmSt0gw9Der9L2rD1lZlnEY1GRpX/FdG/F2J4Zrqhe4LExgdAgMBAAGjIzAhMA8GA1Ud
     EwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMA0GCSqGSIb3DQEBCwUAA4IBAQCC6lEX+A8InsxNe6diYH2u398psJ0x5LRc
     z8yUrf1eIZklAPsdGC2Z1goHr1fktDxigmoNgZf2by26wISEGbPMHVI7Lu5EF2GcHbWi2rlHp3eJ2oTLMdXk3RPzk7EI5IDK
     OQaWsOMt+JEODEo82Q++CL0nm1mt9m7hIFYDsFUCCQWOG8iOme2OeIvlx/N78jy5twRV/rSiCbeL2BE2v1vpZ2FUILtkUlpM
     b8KxdfyRZwnBKDLmbXDKUlCRjHEDi1oOSqze235RXW/ywbHBWNgtmt1Oacdy7+vMSeH36Xu9m9IDT7Bo17ns+wYSDT4NN59a
     nzzYrRrNbxwKsXQ4ZZEd`, // root
    `MIIC4zCCAcugAwIBAgIQZxNn/CZCQOQ+o9+Yt2t/fTANBgkqhkiG9w0BAQsFADAXMRUwEwYDVQQDDAxUZXN0IFJvb3QgQ0Ew
     HhcNMjYxMTI3MDgwMDAwWhcNMjYxMjI4MDgwMDAwWjAfMR0wGwYDVQQDDBRUZXN0IEludGVybWVkaWF0ZSBDQTCCASIwDQYJ
     KoZIhvcNAQEBBQADggEPADCCAQoCggEBALhWSGmgR7veFs5CScQBi4uMwpLuR2fHQsPezfMx+jWvpoo9U5laqBljiSAEOCaq
     afw35qee0ZWIX6JlHwTGnN0GSgkqnvujyJNA7f82CJ6LDluDvc/hDbLxK8nLs92u9ofD2tXX5dDeRzWoJEhHo+o46YIeicfL
     jv6km03KGKlFi+lNg/zpgukC0yWx8rcA3DzqOG3hLy/FIpr5Gj4aMTw0KJCOEW56JNPau4lc574kjY+rwBYP12Cjb+zm9n80
     XqgC57j4ZKVG8Z+E5F7hosZzH0ensGADgRnX2anOai8PA2l4Fy81JW+KMKgshfzjSrRQNTILk/dsBVbU9azoPT0CAwEAAaMj
     MCEwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwDQYJKoZIhvcNAQELBQADggEBALFwLVZVbJVs7CZiATJLYgDh
     MEcaqdzGHgQU0vxGzHl4GnXZnpm+5oiuV9jmz/Dems3XIj5FlO5oYjrwrnEOQoOYKgCjggdrYXarJB39Ascu4SJUvbh9j/EL
     P04Tfe0OYIZ1Xl5uu0/QJf7M9o+BZMn/T3iRsCcpoFc89bVs+v4P2UqC2npxFr3w/fZEIgGad211FEjQtnITIebcB8MzXsTg
     DUJFEk5zA5ZTj29Yl+YBYD3f5fCOL7zOxbYDcHRUUlLCvdwePgDBabaNk+0rUVkUJZMcYG/p/leESMASSgBRgsaweyZFY0Ye
     jJ+y9C4NVF/bQ127xPRDr8gRGAtwYRQ=`, // intermediate
    `MIIC3zCCAcegAwIBAgIQbYZ16uq9X20cllqoEPN/gTANBgkqhkiG9w0BAQsFADAfMR0wGwYDVQQDDBRUZXN0IEludGVybWVk
     aWF0ZSBDQTAeFw0yNjExMjcwODAwMDBaFw0yNjEyMjgwODAwMDBaMBkxFzAVBgNVBAMMDm14LmV4YW1wbGUuY29tMIIBIjAN
     BgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtlTvZJyNNrlhDgi1U6TgVQOi/Q2KuHUvVw2njIQFHx37LqYlqChR9hVyrOpI
     1TwDtFrbUMCUSkRqmn88lEoIj4EUfMrWumuPDwsqwM31BRbz+5FWDoJypgM92l2W1KIyzwdbq9sQnYmU56scj1j6bf9R46HJ
     6vDiWGOxWp1XYKRuWI+0IPe/zlGlIUJGbLruYw4p6bItSOAcwwbWUlUKiVtkUFMZEKwk73PiyUrsyuH6zvT+/3mgG+EueHHp
     IpDhTAJAgaeMXnvla4+Sb1tQUKxZ74wG50LIUXUIUDnftTwubuJmovuz5mwucX/vlR5VM9siOP3zM6z8I+wGawwx3QIDAQAB
     ox0wGzAZBgNVHREEEjAQgg5teC5leGFtcGxlLmNvbTANBgkqhkiG9w0BAQsFAAOCAQEAesGNIlznCBxvzNowRDjzhiTH6Iog
     oTh3CKBrXbAk0x7hwwOu7m8cLaICoH/66teGnLs/MG4BKfOTc+piy93aNtj206SY1DVdNHV5TscfoI+fwyHqPfoAlSIC2Mfn
     X18p8OZklS4C59wUS2r5ccEIOBoSuqH3t2fvB35P093xy9lsQ0DLXVahhmSoAjtYztb5GllP9u6CQ1LdF7CfaYeJq6ZObWF2
     0rfKNS4rAwj1QoLuOB4V8cvulGWj1iPwp0Y44UXLqQ+LHv9pFR5ujAMChvY0B5Za6nar5QY8oqed0lWlefMK8j1Yhpoi6XlH
     imFIg+pE6cFNTMRVWN1TqIE1ag==`, // leaf
  ],
};

interface SeedChain {
  der: { root: Uint8Array; intermediate: Uint8Array; leaf: Uint8Array };
  spki: { root: Uint8Array; intermediate: Uint8Array; leaf: Uint8Array };
}

function seedChain(keyType: TestKeyType): SeedChain {
  const [root, intermediate, leaf] = SEED_CHAINS[keyType].map((b64) => new Uint8Array(Buffer.from(b64.replace(/\s+/g, ''), 'base64')));
  const spki = (d: Uint8Array) => certificateParts(d)!.spki;
  return { der: { root: root!, intermediate: intermediate!, leaf: leaf! }, spki: { root: spki(root!), intermediate: spki(intermediate!), leaf: spki(leaf!) } };
}

const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const tlsa = (certUsage: number, selector: number, matchingType: number, data: Uint8Array) => ({ certUsage, selector, matchingType, certificateAssociationData: data });
const pemOf = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;

/** SEQUENCE headers nested 20,000 deep, indefinite and definite length: stack exhaustion in a BER reader. */
const DEEP = [new Uint8Array(40_000).map((_, i) => (i % 2 === 0 ? 0x30 : 0x80)), concat(...new Array<Uint8Array>(5000).fill(Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff)))];

function certsTarget(): FuzzTarget<CertInput> {
  const chains = new Map((['ec', 'ed25519', 'rsa'] as const).map((k) => [k, seedChain(k)]));
  const mutated = (input: CertInput) => {
    const { der, spki } = chains.get(input.keyType)!;
    const original = input.part === 'record-key' ? spki.root : input.part === 'random' ? input.random
      : input.part === 'record-cert' ? der.root : der[input.part];
    return applyByteEdits(original, input.edits);
  };
  const edits = fc.oneof({ weight: 1, arbitrary: fc.constant([] as ByteEdit[]) }, { weight: 9, arbitrary: byteEdits });
  return {
    name: 'certs',
    async: true,
    arbitrary: fc.record({
      keyType: fc.constantFrom<TestKeyType>('ec', 'ed25519', 'rsa'),
      part: fc.constantFrom(...CERT_PARTS),
      edits,
      random: fc.oneof(bytes(300), fc.constantFrom(...DEEP)),
      selector: fc.constantFrom<0 | 1>(0, 1),
      matchingType: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
      pem: fc.option(fc.oneof(fc.constant([] as TextEdit[]), textEdits), { freq: 4 }),
      match: fc.constantFrom<'no' | 'all' | 'ta'>('no', 'no', 'all', 'ta'),
    }),
    async check(input) {
      const der = mutated(input);
      checkCertificateBytes(der, input);
      if (input.pem) checkPem(applyTextEdits(pemOf(der), input.pem), input);
      if (input.match !== 'no') await checkMatch(chains.get(input.keyType)!, der, input);
    },
    show: (input) => {
      const der = mutated(input);
      const pem = input.pem ? `, PEM text ${showText(applyTextEdits(pemOf(der), input.pem))}` : '';
      return `${input.keyType} ${input.part} (${der.length} octets): fromHex(${showText(toHex(der))}), selector ${input.selector}, matching type ${input.matchingType}, matchChain ${input.match}${pem}`;
    },
  };
}

/** The reading functions on DER: values or the documented throws only, and consistent. */
function checkCertificateBytes(der: Uint8Array, input: CertInput): void {
  const parts = certificateParts(der);
  if (parts && (parts.spki.length === 0 || parts.spki.length >= der.length)) violation(`an SPKI of ${parts.spki.length} octets in ${der.length}`);
  const hex = attempt(() => tlsaAssociation(der, input.selector, input.matchingType), Error);
  if (hex instanceof Error) {
    const expected = der.length > MAX_CERTIFICATE_DER_LENGTH ? RangeError : TypeError;
    if (!(hex instanceof expected)) throw hex;
    if (parts) violation(`tlsaAssociation throws on what certificateParts reads: ${hex.message}`);
  } else {
    if (!parts) violation('tlsaAssociation reads what certificateParts refuses');
    if (hex !== toHex(associationBytes(der, input.selector, input.matchingType)!)) violation('tlsaAssociation and associationBytes disagree');
  }
  for (const selector of [0, 1]) classifyTlsa(tlsa(2, selector, 0, der));
  const parsed = parts && parseCertificate(der, parts.spki);
  if (parsed) presentedNames(parsed.cert);
}

/** PEM text: every certificate in it, or the documented TypeError. */
function checkPem(text: string, input: CertInput): void {
  const ders = attempt(() => pemToDerCertificates(text), TypeError);
  const hex = attempt(() => tlsaAssociation(text, input.selector, input.matchingType), Error);
  if (hex instanceof Error && !(hex instanceof TypeError || hex instanceof RangeError)) throw hex;
  if (ders instanceof Error) {
    if (!(hex instanceof TypeError)) violation('tlsaAssociation reads PEM text that pemToDerCertificates refuses');
    return;
  }
  for (const d of ders) certificateParts(d);
}

/** matchChain resolves whatever is presented or published, and a DANE-EE match is the leaf's. */
async function checkMatch(ch: SeedChain, der: Uint8Array, input: CertInput): Promise<void> {
  const { leaf, intermediate, root } = ch.der;
  const chain = input.part === 'leaf' ? [der, intermediate, root]
    : input.part === 'intermediate' ? [leaf, der, root]
      : input.part === 'root' ? [leaf, intermediate, der]
        : input.part === 'random' ? [der, intermediate]
          : [leaf, intermediate];
  const records = [
    ...(input.match === 'all' ? [tlsa(3, 1, 1, sha256(ch.spki.leaf)), tlsa(3, 0, 1, sha256(leaf))] : []),
    tlsa(2, 0, 1, sha256(intermediate)),
    tlsa(2, 1, 1, sha256(ch.spki.intermediate)),
    tlsa(2, 1, 0, input.part === 'record-key' ? der : ch.spki.root),
    tlsa(2, 0, 0, input.part === 'record-cert' ? der : root),
  ];
  const result = await matchChain({ chain, records, referenceIdentifiers: [REFERENCE], now: CERT_NOW });
  if (typeof result.ok !== 'boolean' || result.records.length !== records.length) violation('matchChain gave a malformed result');
  if (result.ok && result.usage === 'DANE-EE') {
    const r = result.record;
    const mine = associationBytes(chain[0]!, r.selector as 0 | 1, r.matchingType as 0 | 1 | 2);
    if (!mine || !same(mine, r.certificateAssociationData)) violation('a DANE-EE match for a leaf that does not hash to the record');
  }
  const untouched = chain.every((d, i) => same(d, [leaf, intermediate, root][i]!)) && input.part !== 'record-key' && input.part !== 'record-cert';
  if (untouched && !result.ok) violation(`the unmodified chain does not match: ${result.reason}`);
}

// ---------------------------------------------------------------------------------------------

/** Builds one target (the certificate one makes its chains; the others read the seeds). */
export function createTarget(name: TargetName): FuzzTarget {
  switch (name) {
    case 'decoder':
      return decoderTarget(loadCorpus());
    case 'rdata':
      return rdataTarget(loadCorpus());
    case 'zone':
      return zoneTarget(loadCorpus());
    case 'anchors':
      return anchorsTarget(loadCorpus());
    case 'certs':
      return certsTarget();
  }
}
