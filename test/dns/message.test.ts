import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { createQuery, decodeHeader, decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import { createRR, recordFromRdata } from '../../src/dns/rdata/index.ts';
import { toHex } from '../../src/dns/encoding.ts';
import { WireWriter } from '../../src/dns/wire.ts';
import { n, hex, code } from './helpers.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { PLACEHOLDER_ADDRESS, withMalformedRecord } from '../support/malformed-record.ts';

const HEADER_RESPONSE = (counts: [number, number, number, number]) =>
  '1234 8180 ' + counts.map((c) => c.toString(16).padStart(4, '0')).join(' ');

function response(): Message {
  return {
    id: 0xbeef,
    opcode: 0,
    flags: { qr: true, aa: true, tc: false, rd: true, ra: true, ad: true, cd: false },
    rcode: Rcode.NOERROR,
    questions: [{ name: n('Example.COM.'), type: RRType.MX, class: 1 }],
    answers: [
      createRR({ name: n('example.com.'), type: RRType.MX, ttl: 300, data: { preference: 10, exchange: n('mx.Example.com.') } }),
      createRR({ name: n('example.com.'), type: RRType.RRSIG, ttl: 300, data: { typeCovered: RRType.MX, algorithm: 13, labels: 2, originalTtl: 300, expiration: 2000000000, inception: 1700000000, keyTag: 42, signerName: n('example.com.'), signature: hex('00ff'.repeat(32)) } }),
    ],
    authorities: [createRR({ name: n('example.com.'), type: RRType.NS, ttl: 86400, data: { nsdname: n('ns1.example.com.') } })],
    additionals: [
      createRR({ name: n('mx.example.com.'), type: RRType.A, ttl: 300, data: { address: '192.0.2.25' } }),
      recordFromRdata(n('mx.example.com.'), 65280, 0x8001, 300, hex('c00c')),
    ],
    edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [{ code: 10, data: hex('0011223344556677') }] },
  };
}

describe('dns/message', () => {
  it('round-trips a response through encode and decode, with and without compression', () => {
    const m = response();
    for (const compress of [false, true]) {
      const wire = encodeMessage(m, { compress });
      const back = decodeMessage(wire);
      expect(back).to.deep.equal(m);
      expect(toHex(encodeMessage(back, { compress }))).to.equal(toHex(wire));
    }
    expect(encodeMessage(m, { compress: true }).length).to.be.lessThan(encodeMessage(m).length);
  });

  it('compresses only the RDATA of RFC 1035 types (MX, NS) and never RRSIG signer names', () => {
    const wire = encodeMessage(response(), { compress: true });
    const back = decodeMessage(wire);
    // RRSIG RDATA must hold the signer name in full: 12 + 7 + 64 = 18 fixed + 13 name + 64 signature
    expect(back.answers[1]!.rdata.length).to.equal(18 + 13 + 64);
    const sig = toHex(back.answers[1]!.rdata);
    expect(sig).to.contain('076578616d706c6503636f6d00');
  });

  it('decodes header flags, opcode, and the 12-bit RCODE from header and OPT (RFC 6891 §6.1.3)', () => {
    const m = response();
    m.rcode = Rcode.BADVERS;
    m.opcode = 4;
    m.flags = { qr: false, aa: false, tc: true, rd: false, ra: false, ad: false, cd: true };
    const wire = encodeMessage(m);
    expect(toHex(wire.subarray(2, 4))).to.equal('2210');
    const back = decodeMessage(wire);
    expect(back.rcode).to.equal(16);
    expect(back.opcode).to.equal(4);
    expect(back.flags).to.deep.equal(m.flags);
    expect(back.edns!.dnssecOk).to.equal(true);
  });

  it('refuses to encode an extended RCODE without EDNS, and an OPT among additionals', () => {
    const m = response();
    delete m.edns;
    m.rcode = 16;
    expect(code(() => encodeMessage(m))).to.equal('bad-field');
    const m2 = response();
    m2.additionals.push(recordFromRdata(Name.ROOT, RRType.OPT, 512, 0, new Uint8Array(0)));
    expect(code(() => encodeMessage(m2))).to.equal('bad-field');
  });

  it('decodes from a private copy: changing the input afterwards changes no record', () => {
    const wire = encodeMessage(response(), { compress: true });
    const m = decodeMessage(wire);
    const before = m.answers.map((r) => [r.name.toString(), toHex(r.rdata)]);
    wire.fill(0x41, 12);
    expect(m.answers.map((r) => [r.name.toString(), toHex(r.rdata)])).to.deep.equal(before);
  });

  it('expands compressed RDATA names into fresh octets and keeps uncompressed RDATA as sent', () => {
    const m = decodeMessage(encodeMessage(response(), { compress: true }));
    expect(toHex(m.answers[0]!.rdata)).to.equal('000a' + '026d78' + '074578616d706c6503636f6d00');
    expect(m.answers[0]!.rdata.length).to.equal(2 + 16);
  });

  it('reads the header alone from a message whose body is cut short', () => {
    const wire = encodeMessage(response());
    const cut = wire.subarray(0, 40);
    expect(code(() => decodeMessage(cut))).to.equal('truncated');
    const h = decodeHeader(cut);
    expect(h).to.deep.include({ id: 0xbeef, opcode: 0, rcode: 0, qdcount: 1, ancount: 2, nscount: 1, arcount: 3 });
    expect(h.flags).to.deep.equal(response().flags);
    expect(code(() => decodeHeader(wire.subarray(0, 11)))).to.equal('truncated');
  });

  it('creates a query with EDNS DO by default', () => {
    const q = createQuery({ id: 7, name: n('_25._tcp.mx.example.'), type: RRType.TLSA });
    const wire = encodeMessage(q);
    expect(toHex(wire.subarray(0, 12))).to.equal('000701000001000000000001');
    const back = decodeMessage(wire);
    expect(back.edns).to.deep.equal({ udpSize: 1232, version: 0, dnssecOk: true, options: [] });
    expect(decodeMessage(encodeMessage(createQuery({ id: 1, name: n('a.'), type: 1, edns: false }))).edns).to.equal(undefined);
  });

  describe('rejects malformed messages', () => {
    const good = () => encodeMessage(response(), { compress: true });

    it('truncated at every length short of the whole message', () => {
      const wire = good();
      for (let len = 0; len < wire.length; len++) {
        expect(code(() => decodeMessage(wire.subarray(0, len))), `length ${len}`).to.be.oneOf(['truncated', 'bad-pointer']);
      }
    });

    it('trailing data after the last record', () => {
      const wire = good();
      const longer = new Uint8Array(wire.length + 1);
      longer.set(wire);
      expect(code(() => decodeMessage(longer))).to.equal('trailing-data');
    });

    it('counts that promise more records than the octets allow, without reading them one by one', () => {
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([0, 0xffff, 0xffff, 0xffff]))))).to.equal('truncated');
    });

    it('a pointer loop in an owner name', () => {
      // question name at offset 12 is a pointer to itself
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([1, 0, 0, 0]) + 'c00c 0001 0001')))).to.equal('pointer-loop');
    });

    it('a forward pointer', () => {
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([1, 0, 0, 0]) + 'c00e 0001 0001 00')))).to.equal('pointer-loop');
    });

    it('an RDLENGTH longer than the message', () => {
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([0, 1, 0, 0]) + '00 0001 0001 00000000 0005 c0000201')))).to.equal('truncated');
    });

    it('an RDLENGTH that disagrees with the type (A with 5 octets, A with 3)', () => {
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([0, 1, 0, 0]) + '00 0001 0001 00000000 0005 c000020100')))).to.equal('rdata-length');
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([0, 1, 0, 0]) + '00 0001 0001 00000000 0003 c00002')))).to.equal('rdata-length');
    });

    it('an MX whose exchange name runs past RDLENGTH', () => {
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([0, 1, 0, 0]) + '00 000f 0001 00000000 0004 000a 0161 00')))).to.equal('rdata-length');
    });

    it('an OPT in the answer section, a second OPT, and an OPT not owned by the root', () => {
      const opt = '00 0029 1000 00000000 0000';
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([0, 1, 0, 0]) + opt)))).to.equal('bad-field');
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([0, 0, 0, 2]) + opt + opt)))).to.equal('bad-field');
      expect(code(() => decodeMessage(hex(HEADER_RESPONSE([0, 0, 0, 1]) + '016100 0029 1000 00000000 0000')))).to.equal('bad-field');
      expect(decodeMessage(hex(HEADER_RESPONSE([0, 0, 0, 1]) + opt)).edns!.udpSize).to.equal(4096);
    });

    it('an oversized name built from pointers', () => {
      const w = new WireWriter();
      w.bytes(hex(HEADER_RESPONSE([4, 0, 0, 0])));
      let prev = -1;
      for (let i = 0; i < 4; i++) {
        const at = w.length;
        w.u8(63); w.bytes(new Uint8Array(63).fill(0x61 + i));
        if (prev < 0) w.u8(0); else w.u16(0xc000 | prev);
        w.u16(1); w.u16(1);
        prev = at;
      }
      expect(code(() => decodeMessage(w.finish()))).to.equal('name-too-long');
    });
  });

  describe('exactness that dns-packet lacks (why the codec is our own; dns-packet is used nowhere)', () => {
    // dns-packet 5.6.1 decodes names to unescaped strings (so the label "a.b" becomes two labels),
    // rewrites bytes >= 0x80 through UTF-8, re-encodes classes with the top bit set wrongly,
    // throws on a single DNSKEY with protocol != 3 and hides raw RDATA.
    const rrWire = (owner: string, type: string, cls: string, rdata: string) =>
      hex(HEADER_RESPONSE([0, 1, 0, 0]) + owner + type + cls + '0000012c' + (hex(rdata).length).toString(16).padStart(4, '0') + rdata);

    it('keeps a label "a.b" whole and a byte 0xC8 exact, and re-encodes the same bytes', () => {
      const wire = rrWire('03612e62 01c8 00', '0001', '0001', 'c0000201');
      const m = decodeMessage(wire);
      const owner = m.answers[0]!.name;
      expect(owner.labelCount).to.equal(2);
      expect([...owner.labels[0]!]).to.deep.equal([0x61, 0x2e, 0x62]);
      expect([...owner.labels[1]!]).to.deep.equal([0xc8]);
      expect(owner.toString()).to.equal('a\\.b.\\200.');
      expect(toHex(encodeMessage(m))).to.equal(toHex(wire));
    });

    it('keeps a class with the top bit set (mDNS cache-flush) as sent', () => {
      const wire = rrWire('00', '0001', '8001', 'c0000201');
      const m = decodeMessage(wire);
      expect(m.answers[0]!.class).to.equal(0x8001);
      expect(toHex(encodeMessage(m))).to.equal(toHex(wire));
    });

    it('decodes a DNSKEY with protocol 2 instead of failing the message, keeping its RDATA', () => {
      const wire = rrWire('00', '0030', '0001', '0101 02 0d ' + '11'.repeat(64));
      const m = decodeMessage(wire);
      expect(m.answers[0]!.data).to.include({ flags: 257, protocol: 2, algorithm: 13 });
      expect(toHex(m.answers[0]!.rdata)).to.equal('0101020d' + '11'.repeat(64));
    });

    it('keeps the case of names inside RDATA as received', () => {
      const wire = rrWire('00', '000f', '0001', '000a 024d58 0245 78 00'.replace(/ /g, ''));
      const m = decodeMessage(wire);
      expect(toHex(m.answers[0]!.rdata)).to.equal('000a024d5802457800');
      expect(m.answers[0]!.data).to.deep.equal({ preference: 10, exchange: n('MX.Ex.') });
    });
  });
});

describe('dns/message: scrubbing malformed records (DecodeOptions.scrub)', () => {
  const withPlaceholder = (): Message => {
    const m = response();
    m.answers.push(createRR({ name: n('example.com.'), type: RRType.A, ttl: 300, data: { address: PLACEHOLDER_ADDRESS } }));
    return m;
  };

  for (const how of ['long-a', 'short-rrsig'] as const) {
    it(`refuses a message with a ${how} record by default, and leaves only that record out with scrub`, () => {
      const bytes = withMalformedRecord(withPlaceholder(), how);
      expect(() => decodeMessage(bytes)).to.throw(DnsFormatError);
      const scrubbed: string[] = [];
      const m = decodeMessage(bytes, { scrub: true, onScrubbed: (w) => scrubbed.push(`${w.section} ${w.name} ${w.type}`) });
      expect(scrubbed).to.deep.equal([`answer example.com. ${how === 'long-a' ? RRType.A : RRType.RRSIG}`]);
      const want = response();
      expect(m.answers.map((rr) => toHex(rr.rdata))).to.deep.equal(want.answers.map((rr) => toHex(rr.rdata)));
      expect(m.authorities).to.have.length(1);
      expect(m.additionals).to.have.length(2);
      expect(m.edns?.dnssecOk).to.equal(true);
    });
  }

  it('still refuses what it cannot frame: a record cut short, or a malformed OPT', () => {
    const bytes = withMalformedRecord(withPlaceholder(), 'long-a');
    expect(() => decodeMessage(bytes.subarray(0, bytes.length - 3), { scrub: true })).to.throw(DnsFormatError);
    const badOpt = encodeMessage(response(), { compress: false });
    // The OPT record is last: its option's length field claims one octet more than is there.
    const o = badOpt.length - 8 - 2;
    badOpt[o + 1] = badOpt[o + 1]! + 1;
    expect(() => decodeMessage(badOpt, { scrub: true })).to.throw(DnsFormatError);
  });
});
