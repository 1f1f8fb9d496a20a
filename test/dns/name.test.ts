import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';

describe('dns/name', () => {
  it('keeps a label that contains an escaped dot as one label', () => {
    const n = Name.parse('a\\.b.example.');
    expect(n.labelCount).to.equal(2);
    expect(n.toString()).to.equal('a\\.b.example.');
  });

  it('keeps bytes >= 0x80 exactly, printing them as \\DDD', () => {
    const n = Name.parse('\\200\\255x.example.');
    expect([...n.labels[0]!]).to.deep.equal([200, 255, 0x78]);
    expect(n.toString()).to.equal('\\200\\255x.example.');
  });

  it('rejects a 64-octet label and accepts 63', () => {
    expect(() => Name.parse('a'.repeat(63) + '.')).not.to.throw();
    expect(() => Name.parse('a'.repeat(64) + '.')).to.throw(DnsFormatError).with.property('code', 'label-too-long');
  });

  it('rejects a name over 255 octets in wire form and accepts 255', () => {
    const l63 = 'a'.repeat(63);
    const ok = `${l63}.${l63}.${l63}.${'a'.repeat(61)}.`; // 4*64 - 2 + 1 = 255 octets
    expect(Name.parse(ok).wireLength).to.equal(255);
    expect(() => Name.parse(`${l63}.${l63}.${l63}.${'a'.repeat(62)}.`)).to.throw(DnsFormatError).with.property('code', 'name-too-long');
  });

  it('rejects empty labels, bad escapes and raw non-ASCII', () => {
    for (const bad of ['a..b.', '.a.', 'a\\25.', 'a\\256.', 'a\\', 'caf\u00e9.']) {
      expect(() => Name.parse(bad), bad).to.throw(DnsFormatError).with.property('code', 'name-syntax');
    }
  });

  it('compares case-insensitively for ASCII only', () => {
    expect(Name.parse('WWW.Example.COM.').equals(Name.parse('www.example.com.'))).to.equal(true);
    expect(Name.parse('\\200.').equals(Name.parse('\\232.'))).to.equal(false);
  });

  it('folds only A-Z when comparing: @ and `, [ and { differ although they differ by 0x20 too', () => {
    expect(Name.fromLabels(['a@b']).equals(Name.fromLabels(['A`b']))).to.equal(false);
    expect(Name.fromLabels(['x[']).equals(Name.fromLabels(['X{']))).to.equal(false);
    expect(Name.fromLabels(['xZ']).equals(Name.fromLabels(['Xz']))).to.equal(true);
    expect(Name.parse('a.b.Example.').isSubdomainOf(Name.parse('B.EXAMPLE.'))).to.equal(true);
    expect(Name.fromLabels(['a@', 'ex']).isSubdomainOf(Name.fromLabels(['A`', 'ex']))).to.equal(false);
  });

  it('orders names canonically as in RFC 4034 §6.1', () => {
    const ordered = ['example.', 'a.example.', 'yljkjljk.a.example.', 'Z.a.example.', 'zABC.a.EXAMPLE.',
      'z.example.', '\\001.z.example.', '*.z.example.', '\\200.z.example.'];
    const shuffled = [...ordered].reverse().map((t) => Name.parse(t));
    shuffled.sort((a, b) => a.compare(b));
    expect(shuffled.map(String)).to.deep.equal(ordered);
  });

  it('walks parents and ancestors and counts RRSIG labels without a leading *', () => {
    const n = Name.parse('*.b.example.');
    expect(n.rrsigLabelCount).to.equal(2);
    expect([...n.ancestors()].map(String)).to.deep.equal(['*.b.example.', 'b.example.', 'example.', '.']);
    expect(n.parent().toString()).to.equal('b.example.');
    expect(() => Name.ROOT.parent()).to.throw(RangeError);
    expect(Name.parse('x.b.example.').isSubdomainOf(Name.parse('EXAMPLE.'))).to.equal(true);
  });

  it('makes the canonical wire form lower-case', () => {
    expect(Buffer.from(Name.parse('A.Ex.').toCanonicalWire()).toString('hex')).to.equal('0161026578' + '00');
  });

  it('writes wire form at an offset, lower-cased only on request', () => {
    const out = new Uint8Array(12).fill(0xee);
    const end = Name.parse('Ab.C.').writeWire(out, 2);
    expect(end).to.equal(8);
    expect(Buffer.from(out).toString('hex')).to.equal('eeee' + '024162' + '0143' + '00' + 'eeeeeeee');
    expect(Name.parse('Ab.C.').writeWire(out, 2, true)).to.equal(8);
    expect(Buffer.from(out).toString('hex')).to.equal('eeee' + '026162' + '0163' + '00' + 'eeeeeeee');
    expect(Buffer.from(Name.parse('Ab.C.').toWire()).toString('hex')).to.equal('024162014300');
  });
});
