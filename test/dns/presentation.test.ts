import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { formatRR, parseRR, parseZone } from '../../src/dns/presentation.ts';
import { toHex } from '../../src/dns/encoding.ts';
import { decodeRdata, encodeRdata } from '../../src/dns/rdata/index.ts';
import { code } from './helpers.ts';

/** [input, the one-line form formatRR must print]. */
const ROUND_TRIPS: [string, string][] = [
  ['example. 3600 IN A 192.0.2.1', 'example. 3600 IN A 192.0.2.1'],
  ['example. IN 3600 AAAA 2001:DB8:0:0:0:0:0:1', 'example. 3600 IN AAAA 2001:db8::1'],
  ['example. 60 IN AAAA ::ffff:192.0.2.1', 'example. 60 IN AAAA ::ffff:c000:201'],
  ['example. 60 IN AAAA 1:0:0:2:0:0:0:3', 'example. 60 IN AAAA 1:0:0:2::3'],
  ['example. 60 IN NS ns1', 'example. 60 IN NS ns1.'],
  ['example. 60 IN CNAME a.B.', 'example. 60 IN CNAME a.B.'],
  ['example. 60 IN DNAME \\(x\\).', 'example. 60 IN DNAME \\(x\\).'],
  ['example. 60 IN PTR x.', 'example. 60 IN PTR x.'],
  ['example. 300 IN SOA ns hostmaster 2026112801 1h 30m 1w 300', 'example. 300 IN SOA ns. hostmaster. 2026112801 3600 1800 604800 300'],
  ['example. 300 IN MX 10 mx.example.', 'example. 300 IN MX 10 mx.example.'],
  ['example. 300 IN TXT "hello world" plain "\\200\\\\\\""', 'example. 300 IN TXT "hello world" "plain" "\\200\\\\\\""'],
  ['example. 300 IN TXT ""', 'example. 300 IN TXT ""'],
  ['_sip._tcp.example. 300 IN SRV 1 2 5060 sip.example.', '_sip._tcp.example. 300 IN SRV 1 2 5060 sip.example.'],
  // RFC 4034 §5.4
  ['dskey.example.com. 86400 IN DS 60485 5 1 ( 2BB183AF5F22588179A53B0A 98631FAD1A292118 )', 'dskey.example.com. 86400 IN DS 60485 5 1 2bb183af5f22588179a53b0a98631fad1a292118'],
  // RFC 4034 §2.3
  ['example.com. 86400 IN DNSKEY 256 3 5 ( AQPSKmynfzW4kyBv015MUG2DeIQ3 Cbl+BBZH4b/0PY1kxkmvHjcZc8no kfzj31GajIQKY+5CptLr3buXA10h WqTkF7H6RfoRqXQeogmMHfpftf6z Mv1LyBUgia7za6ZEzOJBOztyvhjL 742iU/TpPSEDhm2SNKLijfUppn1U aNvv4w== )',
    'example.com. 86400 IN DNSKEY 256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w=='],
  // RFC 4034 §3.3
  ['host.example.com. 86400 IN RRSIG A 5 3 86400 20030322173103 ( 20030220173103 2642 example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr PYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6o B9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3t GNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkG J5D6fwFm8nN+6pBzeDQfsS3Ap3o= )',
    'host.example.com. 86400 IN RRSIG A 5 3 86400 20030322173103 20030220173103 2642 example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o='],
  // RFC 4034 §4.3
  ['alfa.example.com. 86400 IN NSEC host.example.com. ( A MX RRSIG NSEC TYPE1234 )', 'alfa.example.com. 86400 IN NSEC host.example.com. A MX RRSIG NSEC TYPE1234'],
  ['a.example. 60 IN NSEC B.example.', 'a.example. 60 IN NSEC B.example.'],
  // RFC 5155 Appendix A
  ['0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 IN NSEC3 1 1 12 aabbccdd ( 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG )',
    '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 IN NSEC3 1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX RRSIG DNSKEY NSEC3PARAM'],
  ['x.example. 3600 IN NSEC3 1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR', 'x.example. 3600 IN NSEC3 1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr'],
  ['example. 3600 IN NSEC3PARAM 1 0 12 aabbccdd', 'example. 3600 IN NSEC3PARAM 1 0 12 aabbccdd'],
  ['example. 3600 IN NSEC3PARAM 1 0 0 -', 'example. 3600 IN NSEC3PARAM 1 0 0 -'],
  ['_25._tcp.mx.example. 300 IN TLSA 3 1 1 ( 0011 2233 )', '_25._tcp.mx.example. 300 IN TLSA 3 1 1 00112233'],
  ['example. 300 IN CAA 0 issue "ca.example.net; account=\\"x\\""', 'example. 300 IN CAA 0 issue "ca.example.net; account=\\"x\\""'],
  ['example. 300 IN CAA 128 tbs ""', 'example. 300 IN CAA 128 tbs ""'],
  ['example. 300 IN TYPE65534 \\# 4 0a000001', 'example. 300 IN TYPE65534 \\# 4 0a000001'],
  ['example. 300 IN TYPE65534 \\# 0', 'example. 300 IN TYPE65534 \\# 0'],
  ['example. 300 IN HINFO \\# 4 01410142', 'example. 300 IN HINFO "A" "B"'],
  ['example. 300 IN HINFO "Intel x86" Linux', 'example. 300 IN HINFO "Intel x86" "Linux"'],
  ['example. 300 IN CDS 0 0 0 00', 'example. 300 IN CDS 0 0 0 00'],
  ['example. 300 IN CDNSKEY 0 3 0 AA==', 'example. 300 IN CDNSKEY 0 3 0 AA=='],
  ['example. 300 IN SSHFP \\# 3 010200', 'example. 300 IN SSHFP \\# 3 010200'],
  ['example. 300 IN A \\# 4 0a000001', 'example. 300 IN A 10.0.0.1'],
  ['example. 300 CLASS32769 TYPE1 10.0.0.1', 'example. 300 CLASS32769 A 10.0.0.1'],
  ['example. 300 CH TXT x', 'example. 300 CH TXT "x"'],
  ['a\\.b.\\200. 300 IN DNAME x.', 'a\\.b.\\200. 300 IN DNAME x.'],
];

describe('dns/presentation', () => {
  for (const [input, printed] of ROUND_TRIPS) {
    it(`parses and prints ${printed.split(' ').slice(3, 4)} ${printed.slice(0, 60)}`, () => {
      const rr = parseRR(input);
      expect(formatRR(rr)).to.equal(printed);
      const again = parseRR(printed);
      expect(formatRR(again)).to.equal(printed);
      expect(toHex(again.rdata)).to.equal(toHex(rr.rdata));
      // the record's own RDATA decodes to its data and re-encodes to the same bytes
      if (!('unknown' in rr.data)) expect(toHex(encodeRdata(rr.type, decodeRdata(rr.type, rr.rdata)))).to.equal(toHex(rr.rdata));
    });
  }

  it('reads RRSIG times as YYYYMMDDHHmmSS or as seconds (RFC 4034 §3.2)', () => {
    const a = parseRR('x. 60 IN RRSIG A 8 1 60 20030322173103 20030220173103 1 x. AAAA');
    const b = parseRR('x. 60 IN RRSIG A 8 1 60 1048354263 1045762263 1 x. AAAA');
    expect(toHex(a.rdata)).to.equal(toHex(b.rdata));
    expect(a.data).to.include({ expiration: 1048354263, inception: 1045762263 });
    expect(formatRR(b)).to.contain('20030322173103 20030220173103');
  });

  it('prints RRSIG times past 2038 and up to 2106 as dates (unsigned 32 bits)', () => {
    const rr = parseRR('x. 60 IN RRSIG A 8 1 60 4294967295 2147483648 1 x. AAAA');
    expect(formatRR(rr)).to.contain('21060207062815 20380119031408');
    expect(toHex(parseRR(formatRR(rr)).rdata)).to.equal(toHex(rr.rdata));
  });

  it('rejects an impossible RRSIG date', () => {
    expect(code(() => parseRR('x. 60 IN RRSIG A 8 1 60 20030230173103 20030220173103 1 x. AAAA'))).to.equal('bad-field');
  });

  it('completes relative names with the origin and @', () => {
    const rr = parseRR('@ 60 IN MX 10 mail', { origin: Name.parse('example.org.') });
    expect(formatRR(rr)).to.equal('example.org. 60 IN MX 10 mail.example.org.');
  });

  it('uses defaultTtl and defaultClass when the record states none', () => {
    const rr = parseRR('x. A 192.0.2.1', { defaultTtl: 5, defaultClass: 3 });
    expect(rr.ttl).to.equal(5);
    expect(rr.class).to.equal(3);
    expect(parseRR('x. A 192.0.2.1').ttl).to.equal(3600);
  });

  describe('errors', () => {
    const cases: [string, string, string][] = [
      ['bad base64', 'x. 60 IN DNSKEY 257 3 8 AwE*AQ==', 'bad-base64'],
      ['base64 with a bad length', 'x. 60 IN DNSKEY 257 3 8 AwEAA', 'bad-base64'],
      ['base64 with non-zero pad bits', 'x. 60 IN DNSKEY 257 3 8 AB==', 'bad-base64'],
      ['bad hex', 'x. 60 IN DS 1 8 2 abcg', 'bad-hex'],
      ['odd hex', 'x. 60 IN TLSA 3 1 1 abc', 'bad-hex'],
      ['bad base32hex', 'x. 60 IN NSEC3 1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojw', 'bad-base32'],
      ['too few fields', 'x. 60 IN MX 10', 'field-count'],
      ['too many fields', 'x. 60 IN A 192.0.2.1 192.0.2.2', 'field-count'],
      ['no type', 'x. 60 IN', 'field-count'],
      ['two records', 'x. 60 IN A 1.2.3.4\ny. 60 IN A 1.2.3.4', 'field-count'],
      ['an unknown type', 'x. 60 IN FOO 1', 'bad-field'],
      ['a \\# length that disagrees', 'x. 60 IN TYPE65534 \\# 3 0a000001', 'rdata-length'],
      ['a \\# that is not valid for the known type', 'x. 60 IN A \\# 3 0a0000', 'rdata-length'],
      ['a type without a text form used without \\#', 'x. 60 IN TYPE65534 0a000001', 'bad-field'],
      ['OPT in text', '. 512 CLASS512 OPT 0', 'bad-field'],
      ['an out-of-range number', 'x. 60 IN MX 65536 y.', 'bad-field'],
      ['a negative number', 'x. 60 IN MX -1 y.', 'bad-field'],
      ['a bad IPv4 address', 'x. 60 IN A 192.0.2.01', 'bad-field'],
      ['a bad IPv6 address', 'x. 60 IN AAAA 1::2::3', 'bad-field'],
      ['an unterminated quote', 'x. 60 IN TXT "abc', 'bad-field'],
      ['an unclosed parenthesis', 'x. 60 IN TXT ( "abc"', 'bad-field'],
      ['a TXT string over 255 octets', `x. 60 IN TXT "${'a'.repeat(256)}"`, 'bad-field'],
      ['a label over 63 octets', `${'a'.repeat(64)}. 60 IN A 1.2.3.4`, 'label-too-long'],
      ['an empty label', 'a..b. 60 IN A 1.2.3.4', 'name-syntax'],
      ['a bad CAA tag', 'x. 60 IN CAA 0 is-sue "x"', 'bad-field'],
      ['an unknown type in a bitmap', 'x. 60 IN NSEC y. A BOGUS', 'bad-field'],
      ['a salt that is not hex', 'x. 60 IN NSEC3PARAM 1 0 0 zz', 'bad-hex'],
    ];
    for (const [what, text, c] of cases) {
      it(`rejects ${what} with ${c}`, () => {
        expect(code(() => parseRR(text))).to.equal(c);
      });
    }

    it('names the field in the message', () => {
      expect(() => parseRR('x. 60 IN MX 70000 y.')).to.throw(DnsFormatError, 'MX.preference');
    });
  });

  describe('parseZone', () => {
    it('handles $ORIGIN, $TTL, @, relative names, omitted owners, parentheses and comments', () => {
      const zone = [
        '$ORIGIN example.',
        '$TTL 1h',
        '@ IN SOA ns hostmaster ( 1 ; serial',
        '   2 3 4 5 ) ; timers',
        '  IN NS ns ; same owner',
        'ns 60 A 192.0.2.1',
        '   AAAA ::1',
        '; a comment line',
        '',
        'www CNAME @',
        '$ORIGIN sub',
        'a 10 TXT "semi;colon" "(paren)"',
      ].join('\n');
      expect(parseZone(zone).map(formatRR)).to.deep.equal([
        'example. 3600 IN SOA ns.example. hostmaster.example. 1 2 3 4 5',
        'example. 3600 IN NS ns.example.',
        'ns.example. 60 IN A 192.0.2.1',
        'ns.example. 3600 IN AAAA ::1',
        'www.example. 3600 IN CNAME example.',
        'a.sub.example. 10 IN TXT "semi;colon" "(paren)"',
      ]);
    });

    it('without $TTL, carries the last stated TTL forward (RFC 1035 §5.1)', () => {
      const rrs = parseZone('a. 60 IN A 1.2.3.4\nb. IN A 1.2.3.5\nc. 70 A 1.2.3.6\n  A 1.2.3.7', { defaultTtl: 5 });
      expect(rrs.map((r) => r.ttl)).to.deep.equal([60, 60, 70, 70]);
      expect(parseZone('a. A 1.2.3.4', { defaultTtl: 5 })[0]!.ttl).to.equal(5);
    });

    it('carries the class forward and uses the given origin', () => {
      const rrs = parseZone('a CH TXT x\nb TXT y', { origin: Name.parse('o.') });
      expect(rrs.map(formatRR)).to.deep.equal(['a.o. 3600 CH TXT "x"', 'b.o. 3600 CH TXT "y"']);
    });

    it('reads records laid out as RFC 5702 §6.1 prints them: "(" glued to a field, ");" then a comment', () => {
      const zone = [
        'example.net.     3600  IN  DNSKEY  (256 3 8 AwEAAcFcGsaxxdgiuuGmCkVI',
        '                    my4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8P',
        '                    kxUdp6p/DlUmObdk= );{id = 9033 (zsk), size = 512b}',
        '',
        'www.example.net. 3600  IN  A  192.0.2.91',
        '',
        'www.example.net. 3600  IN  RRSIG  (A 8 3 3600 20300101000000',
        '                    20000101000000 9033 example.net. kRCOH6u7l0QGy9qpC9',
        '                    l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEa',
        '                    cFYK/lPtPiVYP4bwg==);{id = 9033}',
      ].join('\n');
      const [key, a, sig] = parseZone(zone);
      expect(key!.data).to.include({ flags: 256, protocol: 3, algorithm: 8 });
      expect((key!.data as { publicKey: Uint8Array }).publicKey.length).to.equal(68) // 1 + 3-octet exponent + 64-octet modulus (RFC 3110);
      expect(a!.data).to.deep.equal({ address: '192.0.2.91' });
      expect(sig!.data).to.include({ typeCovered: RRType.A, algorithm: 8, labels: 3, originalTtl: 3600, expiration: 1893456000, inception: 946684800, keyTag: 9033 });
      expect((sig!.data as { signature: Uint8Array }).signature.length).to.equal(64);
    });

    it('reports the line of the first fault', () => {
      expect(() => parseZone('a. 60 A 1.2.3.4\n\nb. 60 A 1.2.3')).to.throw(DnsFormatError, 'line 3');
    });

    it('refuses $INCLUDE and a leading record without owner', () => {
      expect(code(() => parseZone('$INCLUDE /etc/passwd'))).to.equal('bad-field');
      expect(code(() => parseZone('  60 IN A 1.2.3.4'))).to.equal('field-count');
    });

    it('returns types as numbers and keeps RDATA names as written', () => {
      const [rr] = parseZone('x. 60 IN NSEC Next.X. A RRSIG');
      expect(rr!.type).to.equal(RRType.NSEC);
      expect(toHex(rr!.rdata)).to.equal('044e6578740158000006400000000002');
    });
  });
});
