import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalRdata, canonicalRdataSet, canonicalRRset, compareBytes } from '../../src/dns/canonical.ts';
import { Name } from '../../src/dns/name.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';

const wire = (n: string) => Name.parse(n).toWire();
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const rr = (type: number, rdata: Uint8Array): ResourceRecord =>
  ({ name: Name.parse('example.'), type, class: 1, ttl: 3600, data: { unknown: true }, rdata });

describe('dns/canonical', () => {
  it('lower-cases the exchange of an MX record (RFC 4034 §6.2 item 3)', () => {
    const mx = cat([0, 10], wire('Mail.EXAMPLE.'));
    expect(hex(canonicalRdata(15, mx))).to.equal(hex(cat([0, 10], wire('mail.example.'))));
    expect(hex(mx)).to.equal(hex(cat([0, 10], wire('Mail.EXAMPLE.'))), 'input untouched');
  });

  it("keeps the case of NSEC's next domain name (RFC 6840 §5.1)", () => {
    const nsec = cat(wire('Next.Example.'), [0, 1, 0x40]);
    expect(canonicalRdata(47, nsec)).to.equal(nsec);
  });

  it('lower-cases both SOA names and leaves the 20 octets of numbers alone', () => {
    const nums = [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51, 0x52, 0x53, 0x54];
    const soa = cat(wire('NS1.Ex.'), wire('HostMaster.Ex.'), nums);
    expect(hex(canonicalRdata(6, soa))).to.equal(hex(cat(wire('ns1.ex.'), wire('hostmaster.ex.'), nums)));
  });

  it("lower-cases an RRSIG's signer name but never its signature bytes", () => {
    const fixed = Array.from({ length: 18 }, () => 0x41);
    const sig = [0x41, 0x5a, 0x4d];
    const rrsig = cat(fixed, wire('EXAMPLE.'), sig);
    expect(hex(canonicalRdata(46, rrsig))).to.equal(hex(cat(fixed, wire('example.'), sig)));
  });

  it('lower-cases the NAPTR replacement but not its character-strings', () => {
    const s = (t: string) => [t.length, ...Buffer.from(t)];
    const naptr = cat([0, 1, 0, 2], s('U'), s('E2U+SIP'), s('!^.*$!SIP:X@Y!'), wire('Repl.EX.'));
    expect(hex(canonicalRdata(35, naptr))).to.equal(hex(cat([0, 1, 0, 2], s('U'), s('E2U+SIP'), s('!^.*$!SIP:X@Y!'), wire('repl.ex.'))));
  });

  it('leaves types outside the list unchanged, including unknown ones (RFC 3597 §7)', () => {
    const txt = Uint8Array.from([3, 0x41, 0x42, 0x43]);
    expect(canonicalRdata(16, txt)).to.equal(txt);
    expect(canonicalRdata(65534, txt)).to.equal(txt);
  });

  it('rejects RDATA that does not fit the layout with a DnsFormatError', () => {
    expect(() => canonicalRdata(15, Uint8Array.from([0, 10, 3, 0x61]))).to.throw(DnsFormatError).with.property('code', 'truncated');
    expect(() => canonicalRdata(2, cat(wire('a.'), [1]))).to.throw(DnsFormatError).with.property('code', 'trailing-data');
    expect(() => canonicalRdata(2, Uint8Array.from([0xc0, 0x0c]))).to.throw(DnsFormatError).with.property('code', 'bad-field');
  });

  it('returns the input itself when its names are already lower-case, a lower-cased copy otherwise', () => {
    const lowerMx = cat([0, 10], wire('mail.example.'));
    expect(canonicalRdata(15, lowerMx)).to.equal(lowerMx);
    const lowerSoa = cat(wire('ns1.ex.'), wire('hostmaster.ex.'), new Array(20).fill(0x41));
    expect(canonicalRdata(6, lowerSoa)).to.equal(lowerSoa, 'capitals in the SOA numbers are not names');
    const upperMx = cat([0, 10], wire('mail.EXAMPLE.'));
    const out = canonicalRdata(15, upperMx);
    expect(out).not.to.equal(upperMx);
    expect(hex(out)).to.equal(hex(lowerMx));
    // A6 with a prefix name: same rules
    const a6 = cat([120, 0x01], wire('p.example.'));
    expect(canonicalRdata(38, a6)).to.equal(a6);
    expect(hex(canonicalRdata(38, cat([120, 0x01], wire('P.example.'))))).to.equal(hex(a6));
  });

  it('checks the layout of lower-case RDATA as strictly as of RDATA it copies', () => {
    expect(() => canonicalRdata(15, Uint8Array.from([0, 10, 3, 0x41]))).to.throw(DnsFormatError).with.property('code', 'truncated');
    expect(() => canonicalRdata(15, cat([0, 10], wire('mail.example.'), [0]))).to.throw(DnsFormatError).with.property('code', 'trailing-data');
    expect(() => canonicalRdata(15, cat([0, 10], wire('MAIL.example.'), [0]))).to.throw(DnsFormatError).with.property('code', 'trailing-data');
    expect(() => canonicalRdata(38, cat([120, 0x01], wire('p.example.'), [1]))).to.throw(DnsFormatError).with.property('code', 'trailing-data');
  });

  it('sorts and de-duplicates sets of any size as a plain sort would (insertion sort for small sets)', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ minLength: 0, maxLength: 4 }), { minLength: 0, maxLength: 60 }), (datas) => {
      const want = [...new Set(datas.map(hex))].sort((x, y) => compareBytes(Buffer.from(x, 'hex'), Buffer.from(y, 'hex')));
      return JSON.stringify(canonicalRdataSet(datas.map((d) => rr(65534, d))).map(hex)) === JSON.stringify(want);
    }), { seed: 20261128, numRuns: 300 });
  });

  it('orders RDATA as left-justified octet strings, shorter first, and drops exact duplicates (RFC 4034 §6.3)', () => {
    const set = [Uint8Array.from([2, 1]), Uint8Array.from([1, 2, 3]), Uint8Array.from([1, 2]), Uint8Array.from([2, 1])];
    expect(canonicalRdataSet(set.map((r) => rr(65534, r))).map(hex)).to.deep.equal(['0102', '010203', '0201']);
    expect(compareBytes(Uint8Array.from([1]), Uint8Array.from([1, 0]))).to.be.lessThan(0);
  });

  it('treats records that differ only in the case of a name as duplicates in canonical form', () => {
    const a = rr(2, wire('NS.example.'));
    const b = rr(2, wire('ns.EXAMPLE.'));
    const c = rr(2, wire('a.example.'));
    const out = canonicalRRset([a, b, c]);
    expect(out).to.have.length(2);
    expect(out[0]).to.equal(c);
  });
});
