import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Name } from '../../src/dns/name.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { base32HexLower, nsec3Hash, nsec3HashBytes } from '../../src/dnssec/nsec3-hash.ts';
import { getBackend } from '../../src/dnssec/algorithms.ts';

const vectors = JSON.parse(readFileSync(new URL('../../vectors/crypto/rfc5155-appendix-a-hashes.json', import.meta.url), 'utf8')) as {
  saltHex: string;
  iterations: number;
  hashes: [string, string][];
};

describe('dnssec/nsec3-hash', () => {
  for (const backendName of ['native', 'pure'] as const) {
    const backend = getBackend(backendName);
    describe(`${backendName} backend`, () => {
      for (const [name, hash] of vectors.hashes) {
        it(`hashes ${name} to ${hash} (RFC 5155 Appendix A)`, () => {
          expect(nsec3Hash(name, vectors.saltHex, vectors.iterations, backend)).to.equal(hash);
        });
      }
      it('gives a different hash for one iteration less (the count is honoured)', () => {
        expect(nsec3Hash('example.', 'aabbccdd', 11, backend)).not.to.equal('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
      });
      it('gives a different hash for a different salt', () => {
        expect(nsec3Hash('example.', 'aabbccde', 12, backend)).not.to.equal('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
      });
    });
  }

  it('hashes the canonical (lower-cased) wire form, so case does not matter', () => {
    expect(nsec3Hash('EXAMPLE.', 'AABBCCDD', 12)).to.equal('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
    expect(nsec3Hash(Name.parse('X.W.Example.'), 'aabbccdd', 12)).to.equal('b4um86eghhds6nea196smvmlo4ors995');
  });

  it("treats '-' and '' as no salt, and both agree", () => {
    // Known answer from ldns-nsec3-hash -t 0 example.  (no salt, 0 extra iterations)
    const noSalt = nsec3Hash('example.', '-', 0);
    expect(nsec3Hash('example.', '', 0)).to.equal(noSalt);
    expect(noSalt).to.equal('3msev9usmd4br9s97v51r2tdvmr9iqo1');
    expect(noSalt).not.to.equal(nsec3Hash('example.', '00', 0));
  });

  it('returns 20 raw octets from the bytes variant, matching the text form', () => {
    const raw = nsec3HashBytes(Name.parse('example.').toCanonicalWire(), Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd), 12);
    expect(raw).to.have.length(20);
    expect(base32HexLower(raw)).to.equal('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
  });

  it('encodes base32hex without padding (RFC 4648 §10 test vectors, lower-cased)', () => {
    const enc = (s: string) => base32HexLower(new TextEncoder().encode(s));
    expect(enc('')).to.equal('');
    expect(enc('f')).to.equal('co');
    expect(enc('fo')).to.equal('cpng');
    expect(enc('foo')).to.equal('cpnmu');
    expect(enc('foob')).to.equal('cpnmuog');
    expect(enc('fooba')).to.equal('cpnmuoj1');
    expect(enc('foobar')).to.equal('cpnmuoj1e8');
  });

  it('rejects iteration counts outside the 16-bit field and malformed salts', () => {
    expect(() => nsec3Hash('example.', '-', -1)).to.throw(RangeError);
    expect(() => nsec3Hash('example.', '-', 65536)).to.throw(RangeError);
    expect(() => nsec3Hash('example.', '-', 1.5)).to.throw(RangeError);
    expect(() => nsec3Hash('example.', 'abc', 0)).to.throw(RangeError);
    expect(() => nsec3Hash('example.', 'zz', 0)).to.throw(RangeError);
    expect(() => nsec3HashBytes(Uint8Array.of(0), new Uint8Array(256), 0)).to.throw(RangeError);
    expect(() => nsec3Hash('a..example.', '-', 0)).to.throw(DnsFormatError);
  });
});
