import { expect } from 'chai';
import fc from 'fast-check';
import { WireReader, WireWriter, MAX_POINTERS_PER_NAME, type NameCache } from '../../src/dns/wire.ts';
import { Name } from '../../src/dns/name.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { code } from './helpers.ts';

const bytes = (...xs: number[]) => Uint8Array.from(xs);

describe('dns/wire', () => {
  it('reads big-endian integers and reports truncation with the field name', () => {
    const r = new WireReader(bytes(1, 2, 3, 4, 5, 6, 0xff));
    expect(r.u16('a')).to.equal(0x0102);
    expect(r.u32('b')).to.equal(0x03040506);
    expect(r.u8('c')).to.equal(0xff);
    expect(() => r.u8('d')).to.throw(DnsFormatError, 'd:').with.property('code', 'truncated');
  });

  it('reads u32 values with the top bit set as unsigned', () => {
    expect(new WireReader(bytes(0xff, 0xff, 0xff, 0xfe)).u32('x')).to.equal(0xfffffffe);
  });

  it('follows a backward compression pointer and continues after it', () => {
    // 0: 3 'c' 'o' 'm' 0 | 5: 1 'a' ptr->0 | 9: 0x7f
    const buf = bytes(3, 0x63, 0x6f, 0x6d, 0, 1, 0x61, 0xc0, 0x00, 0x7f);
    const r = new WireReader(buf, 5);
    expect(r.name('n', true).toString()).to.equal('a.com.');
    expect(r.offset).to.equal(9);
  });

  it('rejects a pointer where compression is not allowed (RFC 3597 §4)', () => {
    const buf = bytes(3, 0x63, 0x6f, 0x6d, 0, 1, 0x61, 0xc0, 0x00);
    expect(code(() => new WireReader(buf, 5).name('n', false))).to.equal('bad-pointer');
    expect(new WireReader(buf, 0).name('n', false).toString()).to.equal('com.');
  });

  it('rejects a pointer to itself and a forward pointer as pointer-loop', () => {
    expect(code(() => new WireReader(bytes(0xc0, 0x00)).name('n', true))).to.equal('pointer-loop');
    expect(code(() => new WireReader(bytes(0xc0, 0x02, 0x00)).name('n', true))).to.equal('pointer-loop');
    // two pointers pointing at each other: 0 -> 2 is forward already
    expect(code(() => new WireReader(bytes(0xc0, 0x02, 0xc0, 0x00), 2).name('n', true))).to.equal('pointer-loop');
  });

  it('bounds the number of pointers in one name', () => {
    // A chain of 2-octet pointers each pointing to the previous one, ending at a root label.
    const n = MAX_POINTERS_PER_NAME + 1;
    const buf = new Uint8Array(1 + 2 * n);
    buf[0] = 0;
    for (let i = 0; i < n; i++) {
      buf[1 + 2 * i] = 0xc0;
      buf[2 + 2 * i] = i === 0 ? 0 : 1 + 2 * (i - 1);
    }
    expect(code(() => new WireReader(buf, 1 + 2 * (n - 1)).name('n', true))).to.equal('pointer-loop');
    expect(new WireReader(buf, 1 + 2 * (n - 2)).name('n', true).isRoot).to.equal(true);
  });

  it('rejects a name over 255 octets built through pointers, accepts 255', () => {
    // 0: a{63} 0 | 65: b{63} ->0 | 131: c{63} ->65 | 197: d{63} ->131 (4*64 + 1 = 257 octets)
    const w = new WireWriter();
    w.u8(63); w.bytes(new Uint8Array(63).fill(0x61)); w.u8(0);
    const starts = [0];
    for (let i = 1; i < 4; i++) {
      starts.push(w.length);
      w.u8(63); w.bytes(new Uint8Array(63).fill(0x61 + i)); w.u16(0xc000 | starts[i - 1]!);
    }
    const buf = w.finish();
    expect(code(() => new WireReader(buf, starts[3]).name('n', true))).to.equal('name-too-long');
    expect(new WireReader(buf, starts[2]).name('n', true).wireLength).to.equal(193);
    // 61-octet first label: 62 + 3*64 + 1 = 255 octets exactly
    const ok = new WireWriter();
    ok.bytes(buf.subarray(0, starts[3]));
    const at = ok.length;
    ok.u8(61); ok.bytes(new Uint8Array(61).fill(0x65)); ok.u16(0xc000 | starts[2]!);
    expect(new WireReader(ok.finish(), at).name('n', true).wireLength).to.equal(255);
  });

  it('rejects extended (0x40) and reserved (0x80) label types', () => {
    expect(code(() => new WireReader(bytes(0x41, 0)).name('n', true))).to.equal('bad-label-type');
    expect(code(() => new WireReader(bytes(0x81, 0)).name('n', true))).to.equal('bad-label-type');
  });

  it('reports a name running past the window as the window overrun code', () => {
    expect(code(() => new WireReader(bytes(3, 0x61, 0x62)).name('n', true))).to.equal('truncated');
    expect(code(() => new WireReader(bytes(3, 0x61, 0x62, 0x63, 0), 0, 4, 'rdata-length').name('n', true))).to.equal('rdata-length');
  });

  it('rejects a pointer whose target runs into the pointer itself', () => {
    // 0: 1 'a' | 2: ptr -> 0 : the name at 0 has no terminator before the pointer
    expect(code(() => new WireReader(bytes(1, 0x61, 0xc0, 0x00), 2).name('n', true))).to.equal('bad-pointer');
  });

  it('keeps label bytes exactly, including "." and bytes >= 0x80', () => {
    const buf = bytes(3, 0x61, 0x2e, 0xc8, 0);
    const n = new WireReader(buf).name('n', false);
    expect(n.labelCount).to.equal(1);
    expect([...n.labels[0]!]).to.deep.equal([0x61, 0x2e, 0xc8]);
    expect(n.toString()).to.equal('a\\.\\200.');
  });

  it('compresses a repeated suffix byte-exactly, so each name keeps its case', () => {
    const w = new WireWriter(true);
    w.name(Name.parse('www.Example.com.'), true);
    w.name(Name.parse('mail.Example.com.'), true);
    w.name(Name.parse('mail.example.COM.'), true);
    const out = w.finish();
    // www.Example.com. = 17 octets; then 'mail' + pointer to offset 4 (Example.com.); then the
    // differently cased name is written whole (18 octets)
    expect(out.length).to.equal(17 + 5 + 2 + 18);
    expect([...out.subarray(22, 24)]).to.deep.equal([0xc0, 4]);
    const r = new WireReader(out, 17);
    expect(r.name('n', true).toString()).to.equal('mail.Example.com.');
    expect(r.name('n', true).toString()).to.equal('mail.example.COM.');
  });

  describe('suffix cache', () => {
    /** Reads names one after another from offset 0; the outcome of each read, until the first error. */
    function readAll(buf: Uint8Array, cache: NameCache | undefined): string[] {
      const r = new WireReader(buf, 0, buf.length, 'truncated', true);
      r.names = cache;
      const out: string[] = [];
      while (r.remaining > 0) {
        try {
          const n = r.name('n', true);
          out.push(`${[...n.labels].map((l) => [...l].join(',')).join('|')}@${r.offset}`);
        } catch (e) {
          if (!(e instanceof DnsFormatError)) throw e;
          out.push(`error ${e.code}`);
          break;
        }
      }
      return out;
    }

    const label = fc.constantFrom('a', 'A', 'mx', 'example', 'Example', 'com', 'x'.repeat(63));
    const name = fc.array(label, { maxLength: 6 })
      .filter((ls) => ls.reduce((sum, l) => sum + l.length + 1, 1) <= 255)
      .map((ls) => Name.fromLabels(ls));

    it('gives exactly what reading without it gives, on compressed and corrupted name sequences', () => {
      fc.assert(fc.property(fc.array(name, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (names, edits) => {
        const w = new WireWriter(true);
        for (const n of names) w.name(n, true);
        const buf = w.finish();
        for (const [at, v] of edits) buf[at % buf.length] = v;
        expect(readAll(buf, new Map())).to.deep.equal(readAll(buf, undefined));
      }), { seed: 20261128, numRuns: 3000 });
    });

    it('returns the very same Name for a bare pointer to a name read before', () => {
      const w = new WireWriter(true);
      w.name(Name.parse('mail.example.com.'), true);
      w.name(Name.parse('mail.example.com.'), true);
      const r = new WireReader(w.finish(), 0, w.length, 'truncated', true);
      r.names = new Map();
      const first = r.name('n', true);
      expect(r.name('n', true)).to.equal(first);
    });

    it('still refuses a pointer into the middle of the name it belongs to', () => {
      // 0: 1 'a' 1 'b' 0 | the name at 0 is cached; 5: 1 'c' ptr->2 ('b.' is fine) ; then ptr at 3 is inside
      const buf = bytes(1, 0x61, 1, 0x62, 0, 1, 0x63, 0xc0, 0x02);
      expect(readAll(buf, new Map())).to.deep.equal(readAll(buf, undefined));
      expect(readAll(buf, new Map())[1]).to.equal('99|98@9');
    });
  });

  it('writes names uncompressed when compression is off', () => {
    const w = new WireWriter(false);
    w.name(Name.parse('a.b.'), true);
    w.name(Name.parse('a.b.'), true);
    expect(w.length).to.equal(10);
  });
});
