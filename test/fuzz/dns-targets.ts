/**
 * The targets of the DNS parsers: `decoder` (decodeMessage, plain and with scrub), `rdata`
 * (decodeRdata, canonicalRdata), `zone` (parseZone, parseRR) and `anchors` (parseTrustAnchors),
 * each with the checks that what parses means what it says.
 */
import fc from 'fast-check';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { DS_DIGEST_LENGTH } from '../../src/dns/iana/ds-digest-types.ts';
import { toHex } from '../../src/dns/encoding.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import { CODECS, decodeRdata, encodeRdata, isUnknownData, recordFromRdata } from '../../src/dns/rdata/index.ts';
import { canonicalRdata, hasCanonicalNames } from '../../src/dns/canonical.ts';
import { formatRR, parseRR, parseZone } from '../../src/dns/presentation.ts';
import { ianaRootAnchors, MAX_TRUST_ANCHORS, parseTrustAnchors, TrustAnchorError } from '../../src/dnssec/anchors.ts';
import { IANA_ROOT_ANCHORS_XML } from '../../src/dnssec/root-anchors.ts';
import { bytes, concat, same, u16, u32, u8 } from './bytes.ts';
import { attempt, showText, violation, type FuzzTarget } from './fuzz-target.ts';
import { applyByteEdits, applyTextEdits, byteEdits, textEdits } from './mutations.ts';
import { SEED_LINES, type Corpus } from './fuzz-seeds.ts';

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

export function decoderTarget(c: Corpus): FuzzTarget<Uint8Array> {
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

export function rdataTarget(c: Corpus): FuzzTarget<RdataInput> {
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

export function zoneTarget(c: Corpus): FuzzTarget<ZoneInput> {
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

export function anchorsTarget(c: Corpus): FuzzTarget<string> {
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
