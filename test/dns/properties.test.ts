/**
 * Property-based round trips (fast-check) over random names with arbitrary label bytes and random
 * RDATA of every structured type, plus fuzzing of the decoders with random and mutated input.
 * Seeds are fixed so the default run is deterministic.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { Name, MAX_NAME_WIRE_LENGTH } from '../../src/dns/name.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { RData, ResourceRecord } from '../../src/dns/record.ts';
import { CODECS, createRR, decodeRdata, encodeRdata, recordFromRdata } from '../../src/dns/rdata/index.ts';
import { decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import { formatRR, parseRR, parseZone } from '../../src/dns/presentation.ts';
import { formatIPv6 } from '../../src/dns/rdata/aaaa.ts';
import { toHex } from '../../src/dns/encoding.ts';

const SEED = 20261128;
const RUNS = 300;
const params = { seed: SEED, numRuns: RUNS };

const label = fc.uint8Array({ minLength: 1, maxLength: 63 });
const name: fc.Arbitrary<Name> = fc
  .array(label, { maxLength: 6 })
  .filter((ls) => ls.reduce((s, l) => s + l.length + 1, 1) <= MAX_NAME_WIRE_LENGTH)
  .map((ls) => new Name(ls));
/** Names drawn from a small pool with random case, so compression has suffixes to share. */
const pooledName: fc.Arbitrary<Name> = fc
  .tuple(fc.constantFrom('a', 'mx', 'ns1', 'www'), fc.constantFrom('example', 'Example', 'EXAMPLE', 'test'), fc.constantFrom('com', 'org'), fc.boolean())
  .map(([a, b, c, deep]) => Name.fromLabels(deep ? [a, b, c] : [b, c]));
const anyName = fc.oneof(name, pooledName);

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (max: number, min = 0) => fc.uint8Array({ minLength: min, maxLength: max });
const types = fc.array(u16, { maxLength: 12 });

const DATA: Record<number, fc.Arbitrary<RData>> = {
  [RRType.A]: fc.tuple(u8, u8, u8, u8).map((o) => ({ address: o.join('.') })),
  [RRType.AAAA]: bytes(16, 16).map((b) => ({ address: formatIPv6(b) })),
  [RRType.NS]: anyName.map((nsdname) => ({ nsdname })),
  [RRType.CNAME]: anyName.map((cname) => ({ cname })),
  [RRType.DNAME]: anyName.map((target) => ({ target })),
  [RRType.PTR]: anyName.map((ptrdname) => ({ ptrdname })),
  [RRType.MD]: anyName.map((madname) => ({ madname })),
  [RRType.MF]: anyName.map((madname) => ({ madname })),
  [RRType.MB]: anyName.map((madname) => ({ madname })),
  [RRType.MG]: anyName.map((mgmname) => ({ mgmname })),
  [RRType.MR]: anyName.map((newname) => ({ newname })),
  [RRType.MINFO]: fc.record({ rmailbx: anyName, emailbx: anyName }),
  [RRType.SOA]: fc.record({ mname: anyName, rname: anyName, serial: u32, refresh: u32, retry: u32, expire: u32, minimum: u32 }),
  [RRType.MX]: fc.record({ preference: u16, exchange: anyName }),
  [RRType.TXT]: fc.record({ strings: fc.array(bytes(255), { minLength: 1, maxLength: 4 }) }),
  [RRType.SRV]: fc.record({ priority: u16, weight: u16, port: u16, target: anyName }),
  [RRType.DS]: fc.record({ keyTag: u16, algorithm: u8, digestType: u8, digest: bytes(64) }),
  [RRType.DNSKEY]: fc.record({ flags: u16, protocol: u8, algorithm: u8, publicKey: bytes(300) }),
  [RRType.CDS]: fc.record({ keyTag: u16, algorithm: u8, digestType: u8, digest: bytes(64) }),
  [RRType.CDNSKEY]: fc.record({ flags: u16, protocol: u8, algorithm: u8, publicKey: bytes(300) }),
  [RRType.HINFO]: fc.record({ cpu: bytes(255), os: bytes(255) }),
  [RRType.RRSIG]: fc.record({
    typeCovered: u16, algorithm: u8, labels: u8, originalTtl: u32, expiration: u32, inception: u32, keyTag: u16,
    signerName: anyName, signature: bytes(300),
  }),
  [RRType.NSEC]: fc.record({ nextDomainName: anyName, types }),
  [RRType.NSEC3]: fc.record({ hashAlgorithm: u8, flags: u8, iterations: u16, salt: bytes(255), nextHashedOwnerName: bytes(255, 1), types }),
  [RRType.NSEC3PARAM]: fc.record({ hashAlgorithm: u8, flags: u8, iterations: u16, salt: bytes(255) }),
  [RRType.TLSA]: fc.record({ certUsage: u8, selector: u8, matchingType: u8, certificateAssociationData: bytes(100) }),
  [RRType.CAA]: fc.record({
    flags: u8,
    tag: fc.stringMatching(/^[A-Za-z0-9]{1,15}$/),
    value: bytes(100),
  }),
  [RRType.OPT]: fc.record({ options: fc.array(fc.record({ code: u16, data: bytes(40) }), { maxLength: 4 }) }),
};

const TEXT_TYPES = Object.keys(DATA).map(Number).filter((t) => t !== RRType.OPT);
const UNKNOWN_TYPE = fc.constantFrom(99, 65280, 65534, 4660);

/** A record of any type: structured ones from their data, unknown ones from random RDATA. */
const record: fc.Arbitrary<ResourceRecord> = fc.oneof(
  fc.constantFrom(...TEXT_TYPES).chain((type) =>
    fc.tuple(anyName, DATA[type]!, u32, fc.constantFrom(1, 3, 0x8001)).map(([owner, data, ttl, cls]) => createRR({ name: owner, type, class: cls, ttl, data })),
  ),
  fc.tuple(anyName, UNKNOWN_TYPE, bytes(64), u32).map(([owner, type, rdata, ttl]) => recordFromRdata(owner, type, 1, ttl, rdata)),
);

function expectFormatError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DnsFormatError)) throw e;
  }
}

describe('dns properties (fast-check)', () => {
  it('covers every codec in the registry', () => {
    for (const t of CODECS.keys()) expect(DATA[t], `arbitrary for type ${t}`).to.not.equal(undefined);
  });

  for (const [typeKey, arb] of Object.entries(DATA)) {
    const type = Number(typeKey);
    it(`wire -> data -> wire is byte-exact for type ${type}`, () => {
      fc.assert(fc.property(arb, (data) => {
        const rdata = encodeRdata(type, data);
        const back = decodeRdata(type, rdata);
        expect(toHex(encodeRdata(type, back))).to.equal(toHex(rdata));
      }), params);
    });
  }

  it('text -> record -> text -> record keeps RDATA byte-exact for every type with a text form, and any name', () => {
    fc.assert(fc.property(record, (rr) => {
      const text = formatRR(rr);
      const back = parseRR(text);
      expect(formatRR(back)).to.equal(text);
      expect(toHex(back.rdata)).to.equal(toHex(rr.rdata));
      expect(toHex(back.name.toWire())).to.equal(toHex(rr.name.toWire()));
      expect([back.type, back.class, back.ttl]).to.deep.equal([rr.type, rr.class, rr.ttl]);
    }), params);
  });

  it('parseZone reads back a zone of formatRR lines, record for record', () => {
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 12 }), (rrs) => {
      const back = parseZone(rrs.map(formatRR).join('\n') + '\n');
      expect(back.map(formatRR)).to.deep.equal(rrs.map(formatRR));
      expect(back.map((r) => toHex(r.rdata))).to.deep.equal(rrs.map((r) => toHex(r.rdata)));
    }), { seed: SEED, numRuns: 100 });
  });

  it('message encode -> decode keeps every record (names byte-exact, RDATA byte-exact), compressed or not', () => {
    const msg = fc.record({
      answers: fc.array(record, { maxLength: 6 }),
      authorities: fc.array(record, { maxLength: 4 }),
      additionals: fc.array(record, { maxLength: 4 }),
      id: u16,
      q: anyName,
      compress: fc.boolean(),
    });
    fc.assert(fc.property(msg, (m) => {
      const message: Message = {
        id: m.id, opcode: 0, rcode: 0,
        flags: { qr: true, aa: false, tc: false, rd: true, ra: true, ad: false, cd: true },
        questions: [{ name: m.q, type: 1, class: 1 }],
        answers: m.answers, authorities: m.authorities, additionals: m.additionals,
        edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [] },
      };
      const wire = encodeMessage(message, { compress: m.compress });
      const back = decodeMessage(wire);
      const flat = (x: Message) => [...x.answers, ...x.authorities, ...x.additionals].map((r) => [toHex(r.name.toWire()), r.type, r.class, r.ttl, toHex(r.rdata)]);
      expect(flat(back)).to.deep.equal(flat(message));
      expect(toHex(back.questions[0]!.name.toWire())).to.equal(toHex(m.q.toWire()));
      expect(toHex(encodeMessage(back, { compress: m.compress }))).to.equal(toHex(wire));
    }), { seed: SEED, numRuns: 200 });
  });

  it('decodeRdata on random or mutated RDATA either throws DnsFormatError or round-trips byte-exactly', () => {
    const check = (type: number, rdata: Uint8Array) => {
      let data: RData;
      try {
        data = decodeRdata(type, rdata);
      } catch (e) {
        if (e instanceof DnsFormatError) return;
        throw e;
      }
      expect(toHex(encodeRdata(type, data))).to.equal(toHex(rdata));
    };
    fc.assert(fc.property(fc.constantFrom(...CODECS.keys()), bytes(80), check), { seed: SEED, numRuns: 2000 });
    // Mutations of valid RDATA reach deep into the decoders (random bytes rarely make a name).
    const mutated = fc.constantFrom(...CODECS.keys()).chain((type) =>
      fc.tuple(fc.constant(type), DATA[type]!, fc.array(fc.tuple(fc.nat(), u8), { maxLength: 3 }), fc.nat(), fc.boolean()));
    fc.assert(fc.property(mutated, ([type, data, edits, cut, doCut]) => {
      const rdata = encodeRdata(type, data);
      for (const [at, v] of edits) if (rdata.length > 0) rdata[at % rdata.length] = v;
      check(type, doCut ? rdata.subarray(0, cut % (rdata.length + 1)) : rdata);
    }), { seed: SEED, numRuns: 4000 });
  });

  it('decodeMessage on random and mutated messages throws nothing but DnsFormatError', () => {
    const base = encodeMessage({
      id: 1, opcode: 0, rcode: 0, flags: { qr: true, aa: false, tc: false, rd: true, ra: true, ad: true, cd: false },
      questions: [{ name: Name.parse('example.com.'), type: 15, class: 1 }],
      answers: [parseRR('example.com. 60 IN MX 10 mx.example.com.'), parseRR('example.com. 60 IN RRSIG MX 13 2 60 20300101000000 20200101000000 1 example.com. AAAA')],
      authorities: [parseRR('example.com. 60 IN NSEC z.example.com. MX RRSIG NSEC')],
      additionals: [parseRR('mx.example.com. 60 IN A 192.0.2.1')],
      edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [] },
    }, { compress: true });
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), u8), { minLength: 1, maxLength: 4 }), (edits) => {
      const m = base.slice();
      for (const [at, v] of edits) m[at] = v;
      expectFormatError(() => decodeMessage(m));
    }), { seed: SEED, numRuns: 3000 });
    fc.assert(fc.property(bytes(200), (b) => expectFormatError(() => decodeMessage(b))), { seed: SEED, numRuns: 2000 });
  });
});
