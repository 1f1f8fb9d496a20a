/**
 * One malformed input per DnsFormatError code, asserting the code. The table is a
 * Record over the code union, so adding a code without a test here fails to compile.
 */
import { expect } from 'chai';
import { DnsFormatError, type DnsFormatErrorCode } from '../../src/dns/errors.ts';
import { Name } from '../../src/dns/name.ts';
import { decodeMessage } from '../../src/dns/message.ts';
import { decodeRdata } from '../../src/dns/rdata/index.ts';
import { parseRR } from '../../src/dns/presentation.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { hex } from './helpers.ts';

const HEADER = (qd: number, an: number) => `0001 8180 ${qd.toString(16).padStart(4, '0')} ${an.toString(16).padStart(4, '0')} 0000 0000`;

const CASES: Record<DnsFormatErrorCode, [string, () => unknown]> = {
  'name-syntax': ['a name with an empty label', () => Name.parse('a..example.')],
  // On the wire a length octet of 64 is label type 0x40 (bad-label-type): only text can say 64.
  'label-too-long': ['a 64-octet label in an owner name', () => parseRR(`${'a'.repeat(64)}. 60 IN A 192.0.2.1`)],
  'name-too-long': ['a 256-octet name in text', () => Name.parse(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}.`)],
  'truncated': ['a message cut inside the header', () => decodeMessage(hex('0001 8180 0001'))],
  'pointer-loop': ['a question name pointing at itself', () => decodeMessage(hex(HEADER(1, 0) + 'c00c 0001 0001'))],
  'bad-pointer': ['a pointer inside RRSIG RDATA', () => decodeRdata(RRType.RRSIG, hex('0001 0d 02 00000e10 fffffff0 00000001 3039 c000'))],
  'bad-label-type': ['an extended label type 0x40', () => decodeMessage(hex(HEADER(1, 0) + '4100 0001 0001'))],
  'bad-base64': ['a DNSKEY key with a stray character', () => parseRR('x. 60 IN DNSKEY 257 3 13 AB!D')],
  'bad-hex': ['a DS digest with a non-hex digit', () => parseRR('x. 60 IN DS 1 13 2 0g')],
  'bad-base32': ['an NSEC3 hash with a letter past v', () => parseRR('x. 60 IN NSEC3 1 0 0 - zz')],
  'field-count': ['an MX without exchange', () => parseRR('x. 60 IN MX 10')],
  'bad-field': ['an NSEC type bitmap with a trailing zero octet', () => decodeRdata(RRType.NSEC, hex('00 0002 4000'))],
  'rdata-length': ['an RDLENGTH of 5 for an A record', () => decodeMessage(hex(HEADER(0, 1) + '00 0001 0001 00000000 0005 c000020101'))],
  'trailing-data': ['an octet after the last record', () => decodeMessage(hex(HEADER(0, 0) + '00'))],
};

describe('dns/errors: every DnsFormatError code', () => {
  for (const [code, [what, fn]] of Object.entries(CASES)) {
    it(`${code}: ${what}`, () => {
      expect(fn).to.throw(DnsFormatError).with.property('code', code);
    });
  }

  it('reports the field in the message and the property', () => {
    try {
      parseRR('x. 60 IN SRV 1 2 70000 t.');
      expect.fail('no error');
    } catch (e) {
      expect(e).to.be.instanceOf(DnsFormatError);
      expect((e as DnsFormatError).field).to.equal('SRV.port');
      expect((e as DnsFormatError).message).to.match(/^SRV\.port: /);
    }
  });
});
