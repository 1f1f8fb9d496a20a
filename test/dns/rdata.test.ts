import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { RData } from '../../src/dns/record.ts';
import {
  createRR, decodeRdata, encodeRdata, readRdata, recordFromRdata, CODECS,
} from '../../src/dns/rdata/index.ts';
import { toHex } from '../../src/dns/encoding.ts';
import { n, hex, code } from './helpers.ts';

/** One known answer per type: structured data and its RDATA, worked out by hand from the RFC layouts. */
const CASES: { type: number; data: RData; wire: string }[] = [
  { type: RRType.A, data: { address: '192.0.2.1' }, wire: 'c0000201' },
  { type: RRType.AAAA, data: { address: '2001:db8::1' }, wire: '20010db8000000000000000000000001' },
  { type: RRType.NS, data: { nsdname: n('ns1.Example.') }, wire: '036e7331 074578616d706c65 00' },
  { type: RRType.CNAME, data: { cname: n('a.') }, wire: '016100' },
  { type: RRType.DNAME, data: { target: n('b.') }, wire: '016200' },
  { type: RRType.PTR, data: { ptrdname: n('c.') }, wire: '016300' },
  { type: RRType.MB, data: { madname: n('d.') }, wire: '016400' },
  { type: RRType.MINFO, data: { rmailbx: n('a.'), emailbx: n('b.') }, wire: '016100 016200' },
  {
    type: RRType.SOA,
    data: { mname: n('ns.'), rname: n('h.'), serial: 2026112801, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300 },
    wire: '026e7300 016800 78c40721 00001c20 00000e10 00127500 0000012c',
  },
  { type: RRType.MX, data: { preference: 10, exchange: n('mx.') }, wire: '000a 026d7800' },
  { type: RRType.TXT, data: { strings: [Uint8Array.of(0x68, 0x69), new Uint8Array(0)] }, wire: '026869 00' },
  { type: RRType.SRV, data: { priority: 1, weight: 2, port: 25, target: n('t.') }, wire: '0001 0002 0019 017400' },
  { type: RRType.DS, data: { keyTag: 60485, algorithm: 5, digestType: 1, digest: hex('2BB183AF5F22588179A53B0A98631FAD1A292118') }, wire: 'ec45 05 01 2bb183af5f22588179a53b0a98631fad1a292118' },
  { type: RRType.DNSKEY, data: { flags: 257, protocol: 3, algorithm: 8, publicKey: hex('010203') }, wire: '0101 03 08 010203' },
  {
    type: RRType.RRSIG,
    data: { typeCovered: RRType.A, algorithm: 13, labels: 2, originalTtl: 3600, expiration: 0xfffffff0, inception: 1, keyTag: 12345, signerName: n('Ex.'), signature: hex('aabb') },
    wire: '0001 0d 02 00000e10 fffffff0 00000001 3039 024578 00 aabb',
  },
  { type: RRType.NSEC, data: { nextDomainName: n('B.ex.'), types: [1, 46, 47] }, wire: '014202657800 0006 40000000 0003' },
  {
    type: RRType.NSEC3,
    data: { hashAlgorithm: 1, flags: 1, iterations: 12, salt: hex('aabbccdd'), nextHashedOwnerName: hex('0102'), types: [1, 65535] },
    wire: '01 01 000c 04aabbccdd 020102 000140 ff20' + '00'.repeat(31) + '01',
  },
  { type: RRType.NSEC3PARAM, data: { hashAlgorithm: 1, flags: 0, iterations: 0, salt: new Uint8Array(0) }, wire: '01 00 0000 00' },
  { type: RRType.TLSA, data: { certUsage: 3, selector: 1, matchingType: 1, certificateAssociationData: hex('0011') }, wire: '03 01 01 0011' },
  { type: RRType.CAA, data: { flags: 128, tag: 'issue', value: Uint8Array.from('ca.example', (c) => c.charCodeAt(0)) }, wire: '80 05 6973737565 63612e6578616d706c65' },
  { type: RRType.OPT, data: { options: [{ code: 10, data: hex('0102030405060708') }, { code: 12, data: new Uint8Array(0) }] }, wire: '000a 0008 0102030405060708 000c 0000' },
];

describe('dns/rdata', () => {
  it('has a codec for every type the issue lists', () => {
    for (const t of ['A', 'AAAA', 'NS', 'CNAME', 'DNAME', 'SOA', 'MX', 'TXT', 'PTR', 'SRV', 'DS', 'DNSKEY', 'RRSIG', 'NSEC', 'NSEC3', 'NSEC3PARAM', 'TLSA', 'CAA', 'OPT'] as const) {
      expect(CODECS.has(RRType[t]), t).to.equal(true);
    }
  });

  for (const c of CASES) {
    it(`encodes and decodes ${c.type} against known RDATA`, () => {
      const wire = hex(c.wire);
      expect(toHex(encodeRdata(c.type, c.data))).to.equal(toHex(wire));
      const back = decodeRdata(c.type, wire);
      expect(toHex(encodeRdata(c.type, back))).to.equal(toHex(wire));
      expect(back).to.deep.equal(c.data);
    });

    it(`rejects RDATA of type ${c.type} one octet too long or (where fields are fixed) too short`, () => {
      const wire = hex(c.wire);
      const longer = new Uint8Array(wire.length + 1);
      longer.set(wire);
      // Types whose last field is "the rest" (DS digest, keys, signatures, CAA value) absorb an extra
      // octet; for them a trailing octet is data, for the others it is an RDLENGTH mismatch.
      const restTypes: number[] = [RRType.DS, RRType.DNSKEY, RRType.RRSIG, RRType.TLSA, RRType.CAA];
      if (!restTypes.includes(c.type) && c.type !== RRType.TXT) { // a TXT's extra 0 octet is one more empty string
        expect(() => decodeRdata(c.type, longer), 'longer').to.throw(DnsFormatError);
      }
      if (wire.length > 0 && c.type !== RRType.TXT && c.type !== RRType.OPT) {
        const shorter = wire.subarray(0, restTypes.includes(c.type) ? 1 : wire.length - 1);
        expect(code(() => decodeRdata(c.type, shorter)), 'shorter').to.be.oneOf(['rdata-length', 'bad-field']);
      }
    });
  }

  it('flags trailing octets after fixed fields as rdata-length', () => {
    expect(code(() => decodeRdata(RRType.A, hex('c000020100')))).to.equal('rdata-length');
    expect(code(() => decodeRdata(RRType.MX, hex('000a 026d7800 ff')))).to.equal('rdata-length');
    expect(code(() => decodeRdata(RRType.A, hex('c00002')))).to.equal('rdata-length');
  });

  it('keeps unknown types opaque and refuses to encode them from data', () => {
    const rr = recordFromRdata(n('x.'), 65534, 1, 60, hex('0a000001'));
    expect(rr.data).to.deep.equal({ unknown: true });
    expect(toHex(rr.rdata)).to.equal('0a000001');
    expect(code(() => encodeRdata(65534, { unknown: true }))).to.equal('bad-field');
  });

  it('createRR computes rdata and normalises type lists', () => {
    const rr = createRR({ name: n('a.'), type: RRType.NSEC, ttl: 5, data: { nextDomainName: n('b.'), types: [47, 1, 46, 1] } });
    expect(rr.class).to.equal(1);
    expect(rr.data).to.deep.equal({ nextDomainName: n('b.'), types: [1, 46, 47] });
    expect(toHex(rr.rdata)).to.equal('016200000640000000000003'.slice(0, 6) + '0006400000000003');
  });

  it('createRR rejects out-of-range fields with bad-field', () => {
    expect(code(() => createRR({ name: n('a.'), type: RRType.MX, ttl: 5, data: { preference: 65536, exchange: n('b.') } }))).to.equal('bad-field');
    expect(code(() => createRR({ name: n('a.'), type: RRType.A, ttl: -1, data: { address: '1.2.3.4' } }))).to.equal('bad-field');
    expect(code(() => createRR({ name: n('a.'), type: RRType.A, ttl: 1, data: { address: '1.2.3.256' } }))).to.equal('bad-field');
  });

  it('rejects a compression pointer inside RDATA of every type, even the compressible ones, outside a message', () => {
    expect(code(() => decodeRdata(RRType.NS, hex('c000')))).to.equal('bad-pointer');
    expect(code(() => decodeRdata(RRType.RRSIG, hex('0001 0d 02 00000e10 fffffff0 00000001 3039 c000')))).to.equal('bad-pointer');
  });

  describe('in a message (RFC 3597 §4)', () => {
    // 0: 2 'e' 'x' 0 (ex.)  4: RDATA
    const msg = (rdataHex: string) => {
      const r = hex(rdataHex);
      const buf = new Uint8Array(4 + r.length);
      buf.set(hex('02457800'));
      buf.set(r, 4);
      return buf;
    };
    it('expands pointers for MX and keeps the case as received', () => {
      const buf = msg('000a 026d78 c000');
      const { data, rdata } = readRdata(buf, 4, buf.length, RRType.MX);
      expect((data as { exchange: Name }).exchange.toString()).to.equal('mx.Ex.');
      expect(toHex(rdata)).to.equal('000a026d7802457800');
    });
    it('expands pointers for SOA, NS, CNAME, PTR, MINFO', () => {
      for (const t of [RRType.NS, RRType.CNAME, RRType.PTR]) {
        const buf = msg('01 61 c000');
        expect(toHex(readRdata(buf, 4, buf.length, t).rdata)).to.equal('016102457800');
      }
      const soa = msg('c000 c000 00000001 00000002 00000003 00000004 00000005');
      expect(toHex(readRdata(soa, 4, soa.length, RRType.SOA).rdata)).to.equal('02457800024578000000000100000002000000030000000400000005');
      const minfo = msg('c000 0161c000');
      expect(toHex(readRdata(minfo, 4, minfo.length, RRType.MINFO).rdata)).to.equal('024578000161024578' + '00');
    });
    it('rejects pointers in SRV, DNAME, RRSIG, NSEC as bad-pointer', () => {
      for (const [t, r] of [
        [RRType.SRV, '0001 0002 0003 c000'],
        [RRType.DNAME, 'c000'],
        [RRType.NSEC, 'c000 000100'],
        [RRType.RRSIG, '0001 0d 02 00000e10 fffffff0 00000001 3039 c000 aa'],
      ] as const) {
        const buf = msg(r);
        expect(code(() => readRdata(buf, 4, buf.length, t)), String(t)).to.equal('bad-pointer');
      }
    });
    it('keeps unknown-type RDATA byte for byte, pointers and all', () => {
      const buf = msg('c000 ff');
      expect(toHex(readRdata(buf, 4, buf.length, 65280).rdata)).to.equal('c000ff');
    });
  });

  describe('type bitmaps (RFC 4034 §4.1.2)', () => {
    const nsec = (bitmap: string) => hex('00' + bitmap);
    it('decodes types in several windows up to 65535', () => {
      const d = decodeRdata(RRType.NSEC, nsec('0001 40 0101 80 ff20 0000000000000000000000000000000000000000000000000000000000000001')) as { types: number[] };
      expect(d.types).to.deep.equal([1, 256, 65535]);
    });
    it('encodes RFC 4034 §4.3 "host.example.com. A MX RRSIG NSEC TYPE1234" to the RDATA the RFC prints', () => {
      const rdata = encodeRdata(RRType.NSEC, { nextDomainName: n('host.example.com.'), types: [1, 15, 46, 47, 1234] });
      expect(toHex(rdata)).to.equal('04686f7374076578616d706c6503636f6d00' + '0006400100000003' + '041b' + '00'.repeat(26) + '20');
    });
    it('accepts an empty bitmap', () => {
      expect((decodeRdata(RRType.NSEC, nsec('')) as { types: number[] }).types).to.deep.equal([]);
    });
    it('rejects windows out of order or repeated', () => {
      expect(code(() => decodeRdata(RRType.NSEC, nsec('0101 80 0001 40')))).to.equal('bad-field');
      expect(code(() => decodeRdata(RRType.NSEC, nsec('0001 40 0001 20')))).to.equal('bad-field');
    });
    it('rejects a zero-length window, a window over 32 octets, and a trailing zero octet', () => {
      expect(code(() => decodeRdata(RRType.NSEC, nsec('0000')))).to.equal('bad-field');
      expect(code(() => decodeRdata(RRType.NSEC, nsec('0021' + '01'.repeat(33))))).to.equal('bad-field');
      expect(code(() => decodeRdata(RRType.NSEC, nsec('0002 4000')))).to.equal('bad-field');
      expect(code(() => decodeRdata(RRType.NSEC, nsec('0001 00')))).to.equal('bad-field');
    });
    it('rejects a window whose octets run past RDATA', () => {
      expect(code(() => decodeRdata(RRType.NSEC, nsec('0003 4000')))).to.equal('rdata-length');
    });
  });
});
