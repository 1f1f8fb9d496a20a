/**
 * dns-packet (npm 5.6, the wire library of the design card) as an independent peer of our wire
 * codec (src/dns/message.ts). Where it is exact, fast-check (fixed seed, 200 messages each way)
 * checks both directions: every message our encoder writes, compressed or not, decodes in
 * dns-packet to the same fields; every message dns-packet writes decodes in ours to the same
 * fields; and dns-packet's bytes are exactly our uncompressed encoding of the same message.
 *
 * Exact: the header (id, QR, opcode, AA, TC, RD, RA, AD, CD, RCODE); questions; names of either
 * case whose labels are UTF-8 text without `.`, `\` or control characters; compression pointers
 * on decode (both refuse one that does not point backwards); classes IN, CS, CH, HS, ANY and a
 * record class with the top (mDNS cache-flush) bit; A, AAAA (as address octets), NS, CNAME, DNAME,
 * PTR, MX, SRV, SOA, TXT (strings as octets), HINFO and CAA (text fields as UTF-8), DS, DNSKEY
 * (protocol 3), RRSIG (the times as the 32-bit numbers on the wire, no date conversion), NSEC and
 * NSEC3 (type sets, salt and hash as octets, empty salt included), TLSA; CDS, CDNSKEY, NSEC3PARAM
 * and unknown types as raw RDATA; OPT with UDP size, version, DO, extended RCODE and options.
 *
 * Where dns-packet is not an exact peer (each row pinned by a test below):
 *
 * | what                                              | ours                           | dns-packet                                              |
 * |---------------------------------------------------|--------------------------------|---------------------------------------------------------|
 * | a label containing `.` (`a\.b`)                   | one label                      | names are `.`-joined strings: two labels once re-encoded |
 * | label octets that are not UTF-8 (`\200`)          | kept                           | decoded as U+FFFD, re-encoded as `ef bf bd`             |
 * | a label ending in a newline                       | kept                           | encoder's `/^\.|\.$/gm` eats the next dot: one label    |
 * | SOA RNAME label ending in `\`                     | kept                           | mail-mode encoder joins it to the next label            |
 * | label over 63 octets, name over 255               | encoder refuses                | encoder writes them (a 64-octet label is type 0x40)     |
 * | compression on encode                             | optional                       | never                                                   |
 * | compressed names in MD, MF, MB, MG, MR, MINFO     | expanded (RFC 3597 §4 types)   | types it does not know: RDATA kept raw, pointers in it  |
 * | classes other than IN CS CH HS ANY (NONE = 254)   | kept                           | `UNKNOWN_254`, encoded as class 0                       |
 * | question class with the top bit set               | kept                           | `UNKNOWN_32769`, encoded as class 0                     |
 * | AAAA text                                         | RFC 5952: longest zero run     | first zero run (`1::2:0:0:0:3`)                         |
 * | CAA flags other than 0 and 128                    | kept                           | re-encoding its own decoding turns 129 into 128         |
 * | DNSKEY protocol other than 3                      | kept                           | decode throws "Protocol must be 3"; encode writes 3     |
 * | TXT without a string (empty RDATA)                | refused (RFC 1035 §3.3.14)     | `[]`, and it encodes one                                |
 * | TXT string over 255 octets                        | encoder refuses                | writes the length modulo 256                            |
 * | OPT UDP payload size 0                            | kept                           | encoded as 4096                                         |
 * | EDNS option 8 (client subnet) under 4 octets      | kept as octets                 | decode throws RangeError                                |
 * | header Z bit, OPT flags other than DO             | not kept (documented)          | kept                                                    |
 * | RDLENGTH longer than an A record's 4 octets       | DnsFormatError `rdata-length`  | reads 4, ignores the rest                               |
 * | octets after the last record                      | DnsFormatError `trailing-data` | ignored                                                 |
 * | NSEC type bitmap with a trailing zero octet       | DnsFormatError `bad-field`     | decoded                                                 |
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import dnsPacket from 'dns-packet';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { toHex } from '../../src/dns/encoding.ts';
import type { RData, ResourceRecord } from '../../src/dns/record.ts';
import { decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import { createRR, recordFromRdata } from '../../src/dns/rdata/index.ts';
import { formatIPv6, parseIPv6 } from '../../src/dns/rdata/aaaa.ts';
import { parseRR } from '../../src/dns/presentation.ts';

// dns-packet's own type table, so that type names are its mapping, not ours.
const peerTypes = createRequire(import.meta.url)('dns-packet/types.js') as { toString(t: number): string; toType(s: string): number };

const SEED = 20261128;
const RUNS = 200;

/** What dns-packet takes and gives, loosely typed (its typings know no `UNKNOWN_n` types or classes). */
interface PeerAnswer {
  name: string;
  type: string;
  class?: string;
  flush?: boolean;
  ttl?: number;
  data?: any;
  udpPayloadSize?: number;
  extendedRcode?: number;
  ednsVersion?: number;
  flags?: number;
  options?: { code: number; data: Buffer }[];
}
interface PeerPacket {
  id: number;
  type: 'query' | 'response';
  flags: number;
  questions: { name: string; type: string; class: string }[];
  answers: PeerAnswer[];
  authorities: PeerAnswer[];
  additionals: PeerAnswer[];
}
const peerEncode = (p: PeerPacket): Uint8Array => new Uint8Array(dnsPacket.encode(p as unknown as dnsPacket.Packet));
const peerDecode = (b: Uint8Array): PeerPacket => dnsPacket.decode(Buffer.from(b)) as unknown as PeerPacket;

// ---------------------------------------------------------------------------------------------
// Names: ours as labels of octets, dns-packet's as a `.`-joined string without the final dot.

const utf8 = new TextEncoder();
const fromUtf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');
/** Label characters dns-packet keeps exactly: either case, digits, punctuation but `.` and `\`, UTF-8 letters. */
const LABEL_CHARS = [...'abcxyzABCXYZ0189-_*@!~ ', 'é', 'ß', '中'];
const label = fc.string({ unit: fc.constantFrom(...LABEL_CHARS), minLength: 1, maxLength: 20 }).map((s) => utf8.encode(s));
interface NamePair { ours: Name; peer: string }
const name: fc.Arbitrary<NamePair> = fc
  .oneof(fc.array(label, { maxLength: 4 }), fc.constantFrom(['mx', 'example', 'com'], ['Example', 'COM'], ['www', 'example', 'com']).map((ls) => ls.map((l) => utf8.encode(l))))
  .map((ls) => ({ ours: new Name(ls), peer: ls.length === 0 ? '.' : ls.map(fromUtf8).join('.') }));

/** A dns-packet name as our uncompressed wire form (labels split at `.`, UTF-8 octets). */
function peerNameWire(s: string): string {
  if (s === '.' || s === '') return '00';
  return toHex(new Name(s.split('.').map((l) => utf8.encode(l))).toWire());
}
const nameWire = (n: Name) => toHex(n.toWire());

// ---------------------------------------------------------------------------------------------
// Records: one arbitrary per type gives our data and dns-packet's data for the same RDATA, and
// one normal form per side (plain JSON values) that the two must agree on.

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (max: number, min = 0) => fc.uint8Array({ minLength: min, maxLength: max });
/** Text of any ASCII character and two of more octets: dns-packet reads these fields as UTF-8. */
const text = (max: number) => fc.string({ unit: fc.oneof(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }), fc.constantFrom('é', '中')), maxLength: max });
const buf = (b: Uint8Array) => Buffer.from(b);
const typeList = fc.uniqueArray(u16, { maxLength: 10 });

interface DataPair { ours: RData; peer: unknown }
/** Types dns-packet structures (named) and types it keeps raw (CDS, CDNSKEY, NSEC3PARAM, unknown). */
const DATA: Record<number, fc.Arbitrary<DataPair>> = {
  [RRType.A]: fc.tuple(u8, u8, u8, u8).map((o) => ({ ours: { address: o.join('.') }, peer: o.join('.') })),
  [RRType.AAAA]: bytes(16, 16).map((b) => ({ ours: { address: formatIPv6(b) }, peer: formatIPv6(b) })),
  [RRType.NS]: name.map((n) => ({ ours: { nsdname: n.ours }, peer: n.peer })),
  [RRType.CNAME]: name.map((n) => ({ ours: { cname: n.ours }, peer: n.peer })),
  [RRType.DNAME]: name.map((n) => ({ ours: { target: n.ours }, peer: n.peer })),
  [RRType.PTR]: name.map((n) => ({ ours: { ptrdname: n.ours }, peer: n.peer })),
  [RRType.MX]: fc.tuple(u16, name).map(([preference, n]) => ({ ours: { preference, exchange: n.ours }, peer: { preference, exchange: n.peer } })),
  [RRType.SRV]: fc.tuple(u16, u16, u16, name).map(([priority, weight, port, n]) => ({ ours: { priority, weight, port, target: n.ours }, peer: { priority, weight, port, target: n.peer } })),
  [RRType.SOA]: fc.tuple(name, name, u32, u32, u32, u32, u32).map(([m, r, serial, refresh, retry, expire, minimum]) => ({
    ours: { mname: m.ours, rname: r.ours, serial, refresh, retry, expire, minimum },
    peer: { mname: m.peer, rname: r.peer, serial, refresh, retry, expire, minimum },
  })),
  [RRType.TXT]: fc.array(bytes(255), { minLength: 1, maxLength: 4 }).map((strings) => ({ ours: { strings }, peer: strings.map(buf) })),
  [RRType.HINFO]: fc.tuple(text(40), text(40)).map(([cpu, os]) => ({ ours: { cpu: utf8.encode(cpu), os: utf8.encode(os) }, peer: { cpu, os } })),
  [RRType.CAA]: fc.tuple(u8, fc.stringMatching(/^[a-z0-9]{1,15}$/), text(60)).map(([flags, tag, value]) => ({ ours: { flags, tag, value: utf8.encode(value) }, peer: { flags, tag, value } })),
  [RRType.DS]: fc.tuple(u16, u8, u8, bytes(64)).map(([keyTag, algorithm, digestType, digest]) => ({ ours: { keyTag, algorithm, digestType, digest }, peer: { keyTag, algorithm, digestType, digest: buf(digest) } })),
  [RRType.DNSKEY]: fc.tuple(u16, u8, bytes(300)).map(([flags, algorithm, key]) => ({ ours: { flags, protocol: 3, algorithm, publicKey: key }, peer: { flags, algorithm, key: buf(key) } })),
  [RRType.RRSIG]: fc.tuple(u16, u8, u8, u32, u32, u32, u16, name, bytes(300)).map(([typeCovered, algorithm, labels, originalTtl, expiration, inception, keyTag, signer, signature]) => ({
    ours: { typeCovered, algorithm, labels, originalTtl, expiration, inception, keyTag, signerName: signer.ours, signature },
    peer: { typeCovered: peerTypes.toString(typeCovered), algorithm, labels, originalTTL: originalTtl, expiration, inception, keyTag, signersName: signer.peer, signature: buf(signature) },
  })),
  [RRType.NSEC]: fc.tuple(name, typeList).map(([n, types]) => ({ ours: { nextDomainName: n.ours, types }, peer: { nextDomain: n.peer, rrtypes: types.map(peerTypes.toString) } })),
  [RRType.NSEC3]: fc.tuple(u8, u8, u16, bytes(255), bytes(255, 1), typeList).map(([alg, flags, iterations, salt, next, types]) => ({
    ours: { hashAlgorithm: alg, flags, iterations, salt, nextHashedOwnerName: next, types },
    peer: { algorithm: alg, flags, iterations, salt: buf(salt), nextDomain: buf(next), rrtypes: types.map(peerTypes.toString) },
  })),
  [RRType.TLSA]: fc.tuple(u8, u8, u8, bytes(100)).map(([usage, selector, matchingType, data]) => ({
    ours: { certUsage: usage, selector, matchingType, certificateAssociationData: data }, peer: { usage, selector, matchingType, certificate: buf(data) },
  })),
};
/** RDATA dns-packet keeps as octets: types with our codec but none of its own, and unknown types. */
const RAW_TYPES = [RRType.CDS, RRType.CDNSKEY, RRType.NSEC3PARAM, 65280, 4660];
const RAW_SEEDS: Record<number, string> = {
  [RRType.CDS]: 'x. 0 IN CDS 60485 13 2 e06d44b80b8f1d39a95c0b0d7c65d08458e880409bbc683457104237c7f8ec8d',
  [RRType.CDNSKEY]: 'x. 0 IN CDNSKEY 257 3 13 dGVzdA==',
  [RRType.NSEC3PARAM]: 'x. 0 IN NSEC3PARAM 1 0 12 aabbccdd',
};

/** Classes both sides name, and IN with the cache-flush bit. */
const CLASSES: [number, string, boolean][] = [[1, 'IN', false], [2, 'CS', false], [3, 'CH', false], [4, 'HS', false], [255, 'ANY', false], [0x8001, 'IN', true]];
const PEER_CLASS: Record<string, number> = { IN: 1, CS: 2, CH: 3, HS: 4, ANY: 255 };
const peerClass = (c: string, flush = false) => (PEER_CLASS[c] ?? Number(/^UNKNOWN_(\d+)$/.exec(c)?.[1] ?? NaN)) | (flush ? 0x8000 : 0);

interface RecordPair { ours: ResourceRecord; peer: PeerAnswer }
const record: fc.Arbitrary<RecordPair> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Object.keys(DATA).map(Number)).chain((type) => fc.tuple(fc.constant(type), name, DATA[type]!, u32, fc.constantFrom(...CLASSES))) }
    .arbitrary.map(([type, owner, d, ttl, [cls, peerCls, flush]]) => ({
      ours: createRR({ name: owner.ours, type, class: cls, ttl, data: d.ours }),
      peer: { name: owner.peer, type: peerTypes.toString(type), class: peerCls, flush, ttl, data: d.peer },
    })),
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...RAW_TYPES), name, bytes(40), u32).map(([type, owner, random, ttl]) => {
      const rdata = RAW_SEEDS[type] ? parseRR(RAW_SEEDS[type]).rdata : random;
      return { ours: recordFromRdata(owner.ours, type, 1, ttl, rdata), peer: { name: owner.peer, type: peerTypes.toString(type), class: 'IN', flush: false, ttl, data: buf(rdata) } };
    }),
  },
);

/** Our RDATA in the shared normal form. */
function oursData(rr: ResourceRecord): unknown {
  const d = rr.data as any;
  switch (rr.type) {
    case RRType.A: return d.address;
    case RRType.AAAA: return toHex(parseIPv6(d.address, 'AAAA'));
    case RRType.NS: return nameWire(d.nsdname);
    case RRType.CNAME: return nameWire(d.cname);
    case RRType.DNAME: return nameWire(d.target);
    case RRType.PTR: return nameWire(d.ptrdname);
    case RRType.MX: return [d.preference, nameWire(d.exchange)];
    case RRType.SRV: return [d.priority, d.weight, d.port, nameWire(d.target)];
    case RRType.SOA: return [nameWire(d.mname), nameWire(d.rname), d.serial, d.refresh, d.retry, d.expire, d.minimum];
    case RRType.TXT: return d.strings.map(toHex);
    case RRType.HINFO: return [fromUtf8(d.cpu), fromUtf8(d.os)];
    case RRType.CAA: return [d.flags, d.tag, fromUtf8(d.value)];
    case RRType.DS: return [d.keyTag, d.algorithm, d.digestType, toHex(d.digest)];
    case RRType.DNSKEY: return [d.flags, d.protocol, d.algorithm, toHex(d.publicKey)];
    case RRType.RRSIG: return [d.typeCovered, d.algorithm, d.labels, d.originalTtl, d.expiration, d.inception, d.keyTag, nameWire(d.signerName), toHex(d.signature)];
    case RRType.NSEC: return [nameWire(d.nextDomainName), d.types];
    case RRType.NSEC3: return [d.hashAlgorithm, d.flags, d.iterations, toHex(d.salt), toHex(d.nextHashedOwnerName), d.types];
    case RRType.TLSA: return [d.certUsage, d.selector, d.matchingType, toHex(d.certificateAssociationData)];
    default: return toHex(rr.rdata);
  }
}

/** dns-packet's RDATA in the shared normal form. */
function peerData(type: number, d: any): unknown {
  const types = (ts: string[]) => [...new Set(ts.map(peerTypes.toType))].sort((a, b) => a - b);
  switch (type) {
    case RRType.A: return d;
    case RRType.AAAA: return toHex(parseIPv6(d, 'AAAA'));
    case RRType.NS: case RRType.CNAME: case RRType.DNAME: case RRType.PTR: return peerNameWire(d);
    case RRType.MX: return [d.preference, peerNameWire(d.exchange)];
    case RRType.SRV: return [d.priority, d.weight, d.port, peerNameWire(d.target)];
    case RRType.SOA: return [peerNameWire(d.mname), peerNameWire(d.rname), d.serial, d.refresh, d.retry, d.expire, d.minimum];
    case RRType.TXT: return (d as Buffer[]).map((b) => toHex(b));
    case RRType.HINFO: return [d.cpu, d.os];
    case RRType.CAA: return [d.flags, d.tag, d.value];
    case RRType.DS: return [d.keyTag, d.algorithm, d.digestType, toHex(d.digest)];
    case RRType.DNSKEY: return [d.flags, 3, d.algorithm, toHex(d.key)];
    case RRType.RRSIG: return [peerTypes.toType(d.typeCovered), d.algorithm, d.labels, d.originalTTL, d.expiration, d.inception, d.keyTag, peerNameWire(d.signersName), toHex(d.signature)];
    case RRType.NSEC: return [peerNameWire(d.nextDomain), types(d.rrtypes)];
    case RRType.NSEC3: return [d.algorithm, d.flags, d.iterations, toHex(d.salt), toHex(d.nextDomain), types(d.rrtypes)];
    case RRType.TLSA: return [d.usage, d.selector, d.matchingType, toHex(d.certificate)];
    default: return toHex(d as Buffer);
  }
}

// ---------------------------------------------------------------------------------------------
// Messages in the shared normal form.

const QR = 0x8000, AA = 0x400, TC = 0x200, RD = 0x100, RA = 0x80, AD = 0x20, CD = 0x10;

function normOurs(m: Message): unknown {
  const rr = (r: ResourceRecord) => [nameWire(r.name), r.type, r.class, r.ttl, oursData(r)];
  const f = m.flags;
  return {
    header: [m.id, f.qr, m.opcode, f.aa, f.tc, f.rd, f.ra, f.ad, f.cd, m.rcode],
    questions: m.questions.map((q) => [nameWire(q.name), q.type, q.class]),
    sections: [m.answers.map(rr), m.authorities.map(rr), m.additionals.map(rr)],
    edns: m.edns ? [m.edns.udpSize, m.edns.version, m.edns.dnssecOk, m.edns.options.map((o) => [o.code, toHex(o.data)])] : null,
  };
}

function normPeer(p: PeerPacket): unknown {
  const rr = (a: PeerAnswer) => {
    const type = peerTypes.toType(a.type);
    return [peerNameWire(a.name), type, peerClass(a.class ?? 'IN', a.flush), a.ttl, peerData(type, a.data)];
  };
  const opt = p.additionals.find((a) => a.type === 'OPT');
  const f = p.flags | (p.type === 'response' ? QR : 0);
  return {
    header: [p.id, !!(f & QR), (f >>> 11) & 0xf, !!(f & AA), !!(f & TC), !!(f & RD), !!(f & RA), !!(f & AD), !!(f & CD), ((opt?.extendedRcode ?? 0) << 4) | (f & 0xf)],
    questions: p.questions.map((q) => [peerNameWire(q.name), peerTypes.toType(q.type), peerClass(q.class)]),
    sections: [p.answers.map(rr), p.authorities.map(rr), p.additionals.filter((a) => a !== opt).map(rr)],
    edns: opt ? [opt.udpPayloadSize, opt.ednsVersion, !!((opt.flags ?? 0) & 0x8000), (opt.options ?? []).map((o) => [o.code, toHex(o.data)])] : null,
  };
}

interface MessagePair { ours: Message; peer: PeerPacket; compress: boolean }
const EXACT_OPTION_CODES = [3, 10, 12, 15, 65001]; // not 8, 11, 14: dns-packet reads those
const message: fc.Arbitrary<MessagePair> = fc
  .record({
    id: u16, qr: fc.boolean(), opcode: fc.integer({ min: 0, max: 15 }), bits: fc.nat(0x3f), rcode: fc.integer({ min: 0, max: 15 }), ext: u8,
    questions: fc.array(fc.tuple(name, u16, fc.constantFrom(...CLASSES.filter(([c]) => c < 0x8000))), { maxLength: 2 }),
    answers: fc.array(record, { maxLength: 5 }), authorities: fc.array(record, { maxLength: 3 }), additionals: fc.array(record, { maxLength: 3 }),
    edns: fc.option(fc.record({ udpSize: fc.integer({ min: 1, max: 0xffff }), version: u8, dnssecOk: fc.boolean(), options: fc.array(fc.record({ code: fc.constantFrom(...EXACT_OPTION_CODES), data: bytes(20) }), { maxLength: 3 }) })),
    compress: fc.boolean(),
  })
  .map((m) => {
    const b = m.bits;
    const flags = { qr: m.qr, aa: !!(b & 32), tc: !!(b & 16), rd: !!(b & 8), ra: !!(b & 4), ad: !!(b & 2), cd: !!(b & 1) };
    const rcode = m.edns ? (m.ext << 4) | m.rcode : m.rcode;
    const ours: Message = {
      id: m.id, opcode: m.opcode, rcode, flags,
      questions: m.questions.map(([n, type, [cls]]) => ({ name: n.ours, type, class: cls })),
      answers: m.answers.map((r) => r.ours), authorities: m.authorities.map((r) => r.ours), additionals: m.additionals.map((r) => r.ours),
    };
    const peer: PeerPacket = {
      id: m.id, type: m.qr ? 'response' : 'query',
      flags: (m.opcode << 11) | (flags.aa ? AA : 0) | (flags.tc ? TC : 0) | (flags.rd ? RD : 0) | (flags.ra ? RA : 0) | (flags.ad ? AD : 0) | (flags.cd ? CD : 0) | m.rcode,
      questions: m.questions.map(([n, type, [, cls]]) => ({ name: n.peer, type: peerTypes.toString(type), class: cls })),
      answers: m.answers.map((r) => r.peer), authorities: m.authorities.map((r) => r.peer), additionals: m.additionals.map((r) => r.peer),
    };
    if (m.edns) {
      ours.edns = m.edns;
      peer.additionals.push({
        name: '.', type: 'OPT', udpPayloadSize: m.edns.udpSize, extendedRcode: m.ext, ednsVersion: m.edns.version, flags: m.edns.dnssecOk ? 0x8000 : 0,
        options: m.edns.options.map((o) => ({ code: o.code, data: buf(o.data) })),
      });
    }
    return { ours, peer, compress: m.compress };
  });

// ---------------------------------------------------------------------------------------------

/** A message of one answer, encoded by us; `edit` may change its bytes. */
function oneAnswer(rr: ResourceRecord, opts: { compress?: boolean; question?: Name; qclass?: number } = {}): Uint8Array {
  return encodeMessage({
    id: 7, opcode: 0, rcode: 0, flags: { qr: true, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false },
    questions: [{ name: opts.question ?? rr.name, type: rr.type, class: opts.qclass ?? 1 }], answers: [rr], authorities: [], additionals: [],
  }, { compress: opts.compress ?? false });
}
const peerAnswer = (p: Partial<PeerAnswer> & { type: string; data: unknown }): PeerPacket => ({
  id: 7, type: 'response', flags: 0, questions: [], answers: [{ name: 'x.example', class: 'IN', ttl: 60, ...p }], authorities: [], additionals: [],
});
function formatErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DnsFormatError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('dns-packet as an independent wire peer', () => {
  it(`decodes ${RUNS} messages our encoder writes (compressed or not) to the same fields`, () => {
    fc.assert(fc.property(message, ({ ours, compress }) => {
      const wire = encodeMessage(ours, { compress });
      expect(normPeer(peerDecode(wire))).to.deep.equal(normOurs(ours));
    }), { seed: SEED, numRuns: RUNS });
  });

  it(`writes ${RUNS} messages that our decoder reads to the same fields, byte for byte our uncompressed encoding`, () => {
    fc.assert(fc.property(message, ({ ours, peer }) => {
      const wire = peerEncode(peer);
      expect(normOurs(decodeMessage(wire))).to.deep.equal(normPeer(peer));
      expect(toHex(wire)).to.equal(toHex(encodeMessage(ours, { compress: false })));
    }), { seed: SEED, numRuns: RUNS });
  });

  it('both refuse a compression pointer that does not point backwards', () => {
    const wire = oneAnswer(parseRR('a.example. 60 IN A 192.0.2.1'));
    const self = wire.slice();
    self.set([0xc0, 12], 12); // the question name points at itself
    expect(formatErrorCode(() => decodeMessage(self))).to.equal('pointer-loop');
    expect(() => peerDecode(self)).to.throw(/bad pointer/);
  });

  describe('where it is not exact', () => {
    it('splits a label containing "." into two once it re-encodes the name', () => {
      const rr = parseRR('a\\.b.example. 60 IN A 192.0.2.1');
      const p = peerDecode(oneAnswer(rr));
      expect(p.answers[0]!.name).to.equal('a.b.example');
      expect(decodeMessage(peerEncode(p)).answers[0]!.name.toString()).to.equal('a.b.example.');
    });

    it('turns label octets that are not UTF-8 into U+FFFD (ef bf bd)', () => {
      const p = peerDecode(oneAnswer(parseRR('\\200.example. 60 IN A 192.0.2.1')));
      expect(p.answers[0]!.name).to.equal('\uFFFD.example');
      expect(toHex(decodeMessage(peerEncode(p)).answers[0]!.name.labels[0]!)).to.equal('efbfbd');
    });

    it('eats the dot after a label that ends in a newline when it encodes a name', () => {
      const rr = recordFromRdata(new Name([utf8.encode('a\n'), utf8.encode('b')]), 1, 1, 60, Uint8Array.of(192, 0, 2, 1));
      expect(peerDecode(oneAnswer(rr)).answers[0]!.name).to.equal('a\n.b'); // decoding is exact
      const back = decodeMessage(peerEncode(peerAnswer({ name: 'a\n.b', type: 'A', data: '192.0.2.1' })));
      expect(back.answers[0]!.name.labels.map(fromUtf8)).to.deep.equal(['a\nb']);
    });

    it('joins an SOA RNAME label ending in "\\" to the next label', () => {
      const rr = parseRR('x. 60 IN SOA ns.x. a\\\\.b. 1 2 3 4 5');
      expect((rr.data as any).rname.labels.map(fromUtf8)).to.deep.equal(['a\\', 'b']);
      const back = decodeMessage(peerEncode(peerDecode(oneAnswer(rr))));
      expect((back.answers[0]!.data as any).rname.labels.map(fromUtf8)).to.deep.equal(['a.b']);
    });

    it('writes a label of 64 octets and a name over 255 octets, which we refuse', () => {
      expect(() => new Name([new Uint8Array(64).fill(0x61)])).to.throw(DnsFormatError);
      const long = peerEncode(peerAnswer({ name: `${'a'.repeat(64)}.example`, type: 'A', data: '192.0.2.1' }));
      expect(formatErrorCode(() => decodeMessage(long))).to.equal('bad-label-type');
      const huge = peerEncode(peerAnswer({ name: Array(5).fill('b'.repeat(60)).join('.'), type: 'A', data: '192.0.2.1' }));
      expect(formatErrorCode(() => decodeMessage(huge))).to.equal('name-too-long');
    });

    it('never compresses when it encodes', () => {
      const rr = parseRR('www.example.com. 60 IN CNAME mail.example.com.');
      const ours = oneAnswer(rr, { compress: true });
      const peer = peerEncode(peerDecode(ours));
      expect(toHex(peer)).to.equal(toHex(oneAnswer(rr)));
      expect(peer.length).to.be.greaterThan(ours.length);
    });

    for (const type of ['MD', 'MF', 'MB', 'MG', 'MR', 'MINFO'] as const) {
      it(`keeps compressed ${type} RDATA raw, pointers and all (a type it does not know)`, () => {
        const rr = parseRR(`x.example. 60 IN ${type} ${type === 'MINFO' ? 'a.x.example. b.x.example.' : 'a.x.example.'}`);
        const data = peerDecode(oneAnswer(rr, { compress: true })).answers[0]!.data as Buffer;
        expect(toHex(data)).to.not.equal(toHex(rr.rdata));
        expect([...data]).to.include(0xc0);
        expect(toHex(peerDecode(oneAnswer(rr)).answers[0]!.data as Buffer)).to.equal(toHex(rr.rdata)); // uncompressed: exact
      });
    }

    it('names class NONE (254) UNKNOWN_254 and encodes it as class 0', () => {
      const p = peerDecode(oneAnswer(parseRR('x. 60 NONE A 192.0.2.1')));
      expect(p.answers[0]!.class).to.equal('UNKNOWN_254');
      expect(decodeMessage(peerEncode(p)).answers[0]!.class).to.equal(0);
    });

    it('reads a question class with the top bit as UNKNOWN_32769 and encodes it as class 0', () => {
      const p = peerDecode(oneAnswer(parseRR('x. 60 IN A 192.0.2.1'), { qclass: 0x8001 }));
      expect(p.questions[0]!.class).to.equal('UNKNOWN_32769');
      expect(decodeMessage(peerEncode(p)).questions[0]!.class).to.equal(0);
    });

    it('prints AAAA with the first run of zero groups as "::", not the longest (RFC 5952 §4.2.3)', () => {
      const rr = parseRR('x. 60 IN AAAA 1:0:0:2:0:0:0:3');
      expect((rr.data as any).address).to.equal('1:0:0:2::3');
      expect(peerDecode(oneAnswer(rr)).answers[0]!.data).to.equal('1::2:0:0:0:3'); // the same octets
    });

    it('turns CAA flags 129 into 128 when it re-encodes its own decoding', () => {
      const p = peerDecode(oneAnswer(parseRR('x. 60 IN CAA 129 issue "ca.example"')));
      expect(p.answers[0]!.data.flags).to.equal(129);
      expect((decodeMessage(peerEncode(p)).answers[0]!.data as any).flags).to.equal(128);
    });

    it('throws on a DNSKEY with protocol 2, and always encodes protocol 3', () => {
      const rr = parseRR('x. 60 IN DNSKEY 256 2 13 dGVzdA==');
      expect(() => peerDecode(oneAnswer(rr))).to.throw('Protocol must be 3');
      const back = decodeMessage(peerEncode(peerAnswer({ type: 'DNSKEY', data: { flags: 256, protocol: 2, algorithm: 13, key: Buffer.from('test') } })));
      expect((back.answers[0]!.data as any).protocol).to.equal(3);
    });

    it('encodes and decodes a TXT without strings, which RFC 1035 §3.3.14 does not allow', () => {
      const wire = peerEncode(peerAnswer({ type: 'TXT', data: [] }));
      expect(formatErrorCode(() => decodeMessage(wire))).to.equal('rdata-length');
      expect(peerDecode(wire).answers[0]!.data).to.deep.equal([]);
    });

    it('writes the length of a TXT string over 255 octets modulo 256', () => {
      const wire = peerEncode(peerAnswer({ type: 'TXT', data: [Buffer.alloc(300, 0x61)] }));
      expect(wire[12 + 11 + 10]).to.equal(300 % 256); // the length octet, after header, owner x.example and the fixed fields
      expect(formatErrorCode(() => decodeMessage(wire))).to.equal('rdata-length');
      expect(() => createRR({ name: Name.ROOT, type: RRType.TXT, ttl: 0, data: { strings: [new Uint8Array(300)] } })).to.throw(DnsFormatError);
    });

    it('encodes an OPT UDP payload size of 0 as 4096', () => {
      const p = peerDecode(encodeMessage({
        id: 1, opcode: 0, rcode: 0, flags: { qr: false, aa: false, tc: false, rd: true, ra: false, ad: false, cd: false },
        questions: [], answers: [], authorities: [], additionals: [], edns: { udpSize: 0, version: 0, dnssecOk: true, options: [] },
      }));
      expect(p.additionals[0]!.udpPayloadSize).to.equal(0);
      expect(decodeMessage(peerEncode(p)).edns?.udpSize).to.equal(4096);
    });

    it('throws on an EDNS client-subnet option (8) shorter than its 4-octet header', () => {
      const wire = encodeMessage({
        id: 1, opcode: 0, rcode: 0, flags: { qr: false, aa: false, tc: false, rd: true, ra: false, ad: false, cd: false },
        questions: [], answers: [], authorities: [], additionals: [], edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [{ code: 8, data: Uint8Array.of(0) }] },
      });
      expect(decodeMessage(wire).edns?.options).to.have.length(1);
      expect(() => peerDecode(wire)).to.throw(RangeError);
    });

    it('keeps the header Z bit and OPT flags other than DO, which we do not', () => {
      const wire = oneAnswer(parseRR('x. 60 IN A 192.0.2.1'));
      wire[3] = wire[3]! | 0x40; // Z
      expect((peerDecode(wire) as PeerPacket & { flag_z: boolean }).flag_z).to.equal(true);
      expect(toHex(encodeMessage(decodeMessage(wire)))).to.equal(toHex(oneAnswer(parseRR('x. 60 IN A 192.0.2.1'))));
      const withOpt = peerEncode({ ...peerAnswer({ type: 'A', data: '192.0.2.1' }), additionals: [{ name: '.', type: 'OPT', udpPayloadSize: 1232, flags: 0x8001, options: [] }] });
      expect(peerDecode(withOpt).additionals[0]!.flags).to.equal(0x8001);
      expect(decodeMessage(withOpt).edns?.dnssecOk).to.equal(true); // the other bit is not kept
    });

    it('reads 4 octets of an A record whose RDLENGTH is 5 and ignores the fifth', () => {
      const ok = oneAnswer(parseRR('x. 60 IN A 192.0.2.1'));
      const wire = new Uint8Array(ok.length + 1);
      wire.set(ok);
      wire[ok.length - 5] = 5; // RDLENGTH 4 -> 5, one more octet at the end
      expect(formatErrorCode(() => decodeMessage(wire))).to.equal('rdata-length');
      expect(peerDecode(wire).answers[0]!.data).to.equal('192.0.2.1');
    });

    it('ignores octets after the last record', () => {
      const ok = oneAnswer(parseRR('x. 60 IN A 192.0.2.1'));
      const wire = Uint8Array.from([...ok, 0, 0, 0]);
      expect(formatErrorCode(() => decodeMessage(wire))).to.equal('trailing-data');
      expect(peerDecode(wire).answers[0]!.data).to.equal('192.0.2.1');
    });

    it('decodes an NSEC type bitmap with a trailing zero octet (RFC 4034 §4.1.2 forbids it)', () => {
      // Next name the root, window 0 of 2 octets: A, then a zero octet. Built as type 65280 (our
      // encoder writes no malformed NSEC), then the answer's TYPE (after header, question, owner) set to 47.
      const wire = oneAnswer(recordFromRdata(Name.parse('x.'), 65280, 1, 60, Uint8Array.of(0, 0, 2, 0x40, 0)));
      wire.set([0, RRType.NSEC], 12 + 3 + 4 + 3);
      expect(formatErrorCode(() => decodeMessage(wire))).to.equal('bad-field');
      expect(peerDecode(wire).answers[0]!.data.rrtypes).to.deep.equal(['A']);
    });
  });
});
