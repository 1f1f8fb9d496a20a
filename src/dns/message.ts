/**
 * DNS messages (RFC 1035 §4.1) with EDNS(0) (RFC 6891), decoded by our own bounded reader.
 *
 * Every record keeps its RDATA bytes exactly as received, with compression expanded only for the
 * types RFC 3597 §4 allows; names keep their bytes and case. `dns-packet` is not used: it splits
 * labels containing `.`, rewrites bytes >= 0x80 through UTF-8, re-encodes top-bit classes wrongly,
 * throws on one DNSKEY with protocol != 3 and hides raw RDATA, so signed bytes cannot come from it.
 *
 * Limitations: the header's Z bit and the OPT flags other than DO are not kept (they are
 * written as zero); a message with a TSIG or SIG(0) record decodes, but nothing checks them.
 */
import { DnsFormatError } from './errors.ts';
import { RRType } from './iana/rr-types.ts';
import { MAX_RCODE } from './iana/rcodes.ts';
import type { Name } from './name.ts';
import type { EdnsOption, OPTData, ResourceRecord } from './record.ts';
import { readRdata, writeRdata } from './rdata/index.ts';
import { MAX_MESSAGE_LENGTH, WireReader, WireWriter } from './wire.ts';

export type { EdnsOption } from './record.ts';

export interface Question { name: Name; type: number; class: number }
export interface MessageFlags { qr: boolean; aa: boolean; tc: boolean; rd: boolean; ra: boolean; ad: boolean; cd: boolean }
export interface Edns { udpSize: number; version: number; dnssecOk: boolean; options: EdnsOption[] }
export interface Message {
  id: number;
  opcode: number;
  flags: MessageFlags;
  /** Full 12-bit RCODE: header 4 bits + OPT extended bits (RFC 6891 §6.1.3). */
  rcode: number;
  questions: Question[];
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  /** Never contains the OPT record. */
  additionals: ResourceRecord[];
  /** Present iff the message had an OPT RR. */
  edns?: Edns;
}

/** RFC 1035 §4.1.1: the header is 12 octets. */
export const HEADER_LENGTH = 12;
/** Smallest question: root name (1) + type (2) + class (2). */
const MIN_QUESTION_LENGTH = 5;
/** Smallest record: root name (1) + type, class, TTL, RDLENGTH (10). */
const MIN_RECORD_LENGTH = 11;

// Header flag bits (RFC 1035 §4.1.1; AD/CD RFC 4035 §3.2).
const QR = 0x8000, AA = 0x0400, TC = 0x0200, RD = 0x0100, RA = 0x0080, AD = 0x0020, CD = 0x0010;
/** RFC 3225 §3: the DO bit is the top bit of the OPT TTL's flags half. */
const EDNS_DO = 0x8000;

export type MessageSection = 'answer' | 'authority' | 'additional';

/** The fixed 12-octet header alone (RFC 1035 §4.1.1). */
export interface MessageHeader {
  id: number;
  opcode: number;
  flags: MessageFlags;
  /** The header's 4 RCODE bits only (the extended bits live in the OPT record). */
  rcode: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}

function flagsOf(bits: number): MessageFlags {
  return {
    qr: (bits & QR) !== 0, aa: (bits & AA) !== 0, tc: (bits & TC) !== 0, rd: (bits & RD) !== 0,
    ra: (bits & RA) !== 0, ad: (bits & AD) !== 0, cd: (bits & CD) !== 0,
  };
}

/**
 * Reads only the header, for a caller that must look at the id or TC bit of a message whose body
 * may be cut short (a truncated UDP answer) or otherwise undecodable.
 * @throws DnsFormatError `truncated` when fewer than 12 octets are given
 */
export function decodeHeader(bytes: Uint8Array): MessageHeader {
  const r = new WireReader(bytes);
  r.need(HEADER_LENGTH, 'header');
  const id = r.u16('header.id');
  const bits = r.u16('header.flags');
  return {
    id, opcode: (bits >>> 11) & 0xf, flags: flagsOf(bits), rcode: bits & 0xf,
    qdcount: r.u16('header.qdcount'), ancount: r.u16('header.ancount'), nscount: r.u16('header.nscount'), arcount: r.u16('header.arcount'),
  };
}

/** Options of {@link decodeMessage}. */
export interface DecodeOptions {
  /**
   * Leave out a record whose RDATA does not decode for its type (a 5-octet A record), when the
   * record's framing (owner, type, class, TTL, RDLENGTH) is sound, instead of refusing the whole
   * message; each one left out is reported to `onScrubbed`. A resolver answer is judged on what is
   * left, as Unbound scrubs (a signed RRset missing a record then fails its signature; a record
   * added to one is gone). OPT records are never scrubbed.
   */
  readonly scrub?: boolean;
  readonly onScrubbed?: (what: { section: MessageSection; name: Name; type: number; error: DnsFormatError }) => void;
}

/**
 * Decodes a message. Bounded by its length: counts that promise more than the octets left are
 * rejected up front, and every read is checked.
 * @throws DnsFormatError truncated, trailing-data, pointer-loop, bad-pointer, rdata-length,
 *   bad-field (OPT misplaced, repeated, or with a non-root owner) and the RDATA codecs' errors
 */
export function decodeMessage(bytes: Uint8Array, opts: DecodeOptions = {}): Message {
  // One private copy of the whole message; names, RDATA and byte fields are views into it, so
  // the caller may reuse `bytes` and no record can change under the validator.
  const r = new WireReader(bytes.slice(), 0, bytes.length, 'truncated', true);
  r.names = new Map();
  r.need(HEADER_LENGTH, 'header');
  const id = r.u16('header.id');
  const bits = r.u16('header.flags');
  const qd = r.u16('header.qdcount');
  const an = r.u16('header.ancount');
  const ns = r.u16('header.nscount');
  const ar = r.u16('header.arcount');
  if (qd * MIN_QUESTION_LENGTH + (an + ns + ar) * MIN_RECORD_LENGTH > r.remaining) {
    throw new DnsFormatError('truncated', `counts ${qd}/${an}/${ns}/${ar} need more than the ${r.remaining} octets left`, 'header');
  }
  const questions: Question[] = [];
  for (let i = 0; i < qd; i++) {
    const name = r.name('question.name', true);
    questions.push({ name, type: r.u16('question.type'), class: r.u16('question.class') });
  }
  const state: { edns?: Edns; extRcode: number } = { extRcode: 0 };
  const answers = readSection(r, an, 'answer', state, opts);
  const authorities = readSection(r, ns, 'authority', state, opts);
  const additionals = readSection(r, ar, 'additional', state, opts);
  if (r.remaining !== 0) throw new DnsFormatError('trailing-data', `${r.remaining} octet(s) after the last record`, 'message');
  const msg: Message = {
    id,
    opcode: (bits >>> 11) & 0xf,
    flags: flagsOf(bits),
    rcode: (state.extRcode << 4) | (bits & 0xf),
    questions, answers, authorities, additionals,
  };
  if (state.edns) msg.edns = state.edns;
  return msg;
}

function readSection(r: WireReader, count: number, section: MessageSection, state: { edns?: Edns; extRcode: number }, opts: DecodeOptions): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  const buf = r.buf;
  for (let i = 0; i < count; i++) {
    const name = r.name(`${section}.name`, true);
    const type = r.u16(`${section}.type`);
    const cls = r.u16(`${section}.class`);
    const ttl = r.u32(`${section}.ttl`);
    const rdlength = r.u16(`${section}.rdlength`);
    r.need(rdlength, `${section}.rdata`);
    const start = r.offset;
    r.offset += rdlength;
    let decoded: ReturnType<typeof readRdata>;
    try {
      decoded = readRdata(buf, start, start + rdlength, type, r.names);
    } catch (e) {
      if (!(opts.scrub && type !== RRType.OPT && e instanceof DnsFormatError)) throw e;
      opts.onScrubbed?.({ section, name, type, error: e });
      continue;
    }
    const { data, rdata } = decoded;
    if (type === RRType.OPT) {
      // RFC 6891 §6.1.1: at most one OPT, in the additional section, owned by the root.
      if (section !== 'additional') throw new DnsFormatError('bad-field', `OPT record in the ${section} section`, 'OPT');
      if (state.edns) throw new DnsFormatError('bad-field', 'more than one OPT record', 'OPT');
      if (!name.isRoot) throw new DnsFormatError('bad-field', `OPT owner ${name} is not the root`, 'OPT');
      state.extRcode = ttl >>> 24;
      state.edns = {
        udpSize: cls,
        version: (ttl >>> 16) & 0xff,
        dnssecOk: (ttl & EDNS_DO) !== 0,
        options: (data as OPTData).options,
      };
      continue;
    }
    out.push({ name, type, class: cls, ttl, data, rdata });
  }
  return out;
}

/** Options of {@link encodeMessage}. */
export interface EncodeOptions {
  /** Compress owner and question names, and names in RDATA of the RFC 1035 types (RFC 3597 §4). Default false. */
  compress?: boolean;
}

function checkField(v: number, max: number, field: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new DnsFormatError('bad-field', `${v} is not in 0..${max}`, field);
  return v;
}

/**
 * Encodes a message. Each record's `rdata` is written as it is (for compressible types with
 * `compress`, re-encoded from `data` with pointers). The OPT record is built from `edns`.
 * @throws DnsFormatError `bad-field` for out-of-range fields, an RCODE above 15 without EDNS,
 *   an OPT record among `additionals`, or a message over 65535 octets
 */
export function encodeMessage(msg: Message, opts: EncodeOptions = {}): Uint8Array {
  const compress = opts.compress === true;
  const w = new WireWriter(compress);
  checkField(msg.rcode, MAX_RCODE, 'rcode');
  if (msg.rcode > 0xf && !msg.edns) throw new DnsFormatError('bad-field', `RCODE ${msg.rcode} needs EDNS`, 'rcode');
  const f = msg.flags;
  w.u16(checkField(msg.id, 0xffff, 'id'));
  w.u16(
    (f.qr ? QR : 0) | (checkField(msg.opcode, 0xf, 'opcode') << 11) | (f.aa ? AA : 0) | (f.tc ? TC : 0) | (f.rd ? RD : 0)
      | (f.ra ? RA : 0) | (f.ad ? AD : 0) | (f.cd ? CD : 0) | (msg.rcode & 0xf),
  );
  const arCount = msg.additionals.length + (msg.edns ? 1 : 0);
  for (const [n, field] of [[msg.questions.length, 'qdcount'], [msg.answers.length, 'ancount'], [msg.authorities.length, 'nscount'], [arCount, 'arcount']] as const) {
    w.u16(checkField(n, 0xffff, field));
  }
  for (const q of msg.questions) {
    w.name(q.name, compress);
    w.u16(checkField(q.type, 0xffff, 'question.type'));
    w.u16(checkField(q.class, 0xffff, 'question.class'));
  }
  for (const rr of msg.answers) writeRecord(w, rr, compress);
  for (const rr of msg.authorities) writeRecord(w, rr, compress);
  for (const rr of msg.additionals) {
    if (rr.type === RRType.OPT) throw new DnsFormatError('bad-field', 'OPT among additionals: set `edns` instead', 'additionals');
    writeRecord(w, rr, compress);
  }
  if (msg.edns) {
    const e = msg.edns;
    w.u8(0); // root owner
    w.u16(RRType.OPT);
    w.u16(checkField(e.udpSize, 0xffff, 'edns.udpSize'));
    w.u32(((msg.rcode >>> 4) << 24) | (checkField(e.version, 0xff, 'edns.version') << 16) | (e.dnssecOk ? EDNS_DO : 0));
    const at = w.length;
    w.u16(0);
    for (const o of e.options) {
      w.u16(checkField(o.code, 0xffff, 'edns.option.code'));
      w.u16(checkField(o.data.length, 0xffff, 'edns.option.length'));
      w.bytes(o.data);
    }
    w.patchU16(at, checkField(w.length - at - 2, 0xffff, 'OPT.rdlength'));
  }
  if (w.length > MAX_MESSAGE_LENGTH) throw new DnsFormatError('bad-field', `message of ${w.length} octets exceeds ${MAX_MESSAGE_LENGTH}`, 'message');
  return w.finish();
}

function writeRecord(w: WireWriter, rr: ResourceRecord, compress: boolean): void {
  w.name(rr.name, compress);
  w.u16(checkField(rr.type, 0xffff, 'type'));
  w.u16(checkField(rr.class, 0xffff, 'class'));
  w.u32(checkField(rr.ttl, 0xffffffff, 'ttl'));
  const at = w.length;
  w.u16(0);
  writeRdata(w, rr, compress);
  w.patchU16(at, checkField(w.length - at - 2, 0xffff, 'rdlength'));
}

/** Fields of {@link createQuery}. */
export interface QueryFields {
  id: number;
  name: Name;
  type: number;
  /** Default IN. */
  class?: number;
  /** Recursion desired; default true. */
  rd?: boolean;
  /** Checking disabled (RFC 4035 §3.2.2); default false. */
  cd?: boolean;
  /** EDNS: present unless `edns: false`; DO default true, payload default 1232 (DNS flag day 2020). */
  edns?: false | { udpSize?: number; dnssecOk?: boolean; options?: EdnsOption[] };
}

/** The EDNS UDP payload size recommended since DNS flag day 2020. */
export const DEFAULT_EDNS_UDP_SIZE = 1232;

/** A query message (not encoded): one question, EDNS with DO unless told otherwise. */
export function createQuery(q: QueryFields): Message {
  const msg: Message = {
    id: q.id,
    opcode: 0,
    flags: { qr: false, aa: false, tc: false, rd: q.rd ?? true, ra: false, ad: false, cd: q.cd ?? false },
    rcode: 0,
    questions: [{ name: q.name, type: q.type, class: q.class ?? 1 }],
    answers: [],
    authorities: [],
    additionals: [],
  };
  if (q.edns !== false) {
    const e = q.edns ?? {};
    msg.edns = { udpSize: e.udpSize ?? DEFAULT_EDNS_UDP_SIZE, version: 0, dnssecOk: e.dnssecOk ?? true, options: e.options ?? [] };
  }
  return msg;
}
