import { expect } from 'chai';
import { fakeKey, fakeSign, DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE } from '../../src/testing/world/fake-keys.ts';
import { keyTag } from '../../src/dnssec/keytag.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { a, n } from './fixtures.ts';

describe('testing/world/fake-keys', () => {
  it('steers random keys to one chosen key tag (KeyTrap collisions)', () => {
    for (const tag of [0, 1, 12345, 0xfffe, 0xffff]) {
      for (let i = 0; i < 4; i++) {
        const k = fakeKey(n('example.'), 13, { keyTag: tag });
        expect(keyTag(k.dnskey.rdata)).to.equal(tag);
        expect(k.keyTag).to.equal(tag);
      }
    }
  });

  it('sets the ZONE flag always and SEP only for a KSK', () => {
    expect(fakeKey(n('example.'), 12).dnskey.data.flags).to.equal(DNSKEY_FLAG_ZONE);
    expect(fakeKey(n('example.'), 12, { ksk: true }).dnskey.data.flags).to.equal(DNSKEY_FLAG_ZONE | DNSKEY_FLAG_SEP);
  });

  it('refuses a chosen tag with an odd key length', () => {
    expect(() => fakeKey(n('example.'), 13, { keyTag: 1, publicKeyOctets: 63 })).to.throw(RangeError);
  });

  it('makes RRSIGs with the right fields and a random signature', () => {
    const k = fakeKey(n('example.'), 253, { signatureOctets: 40 });
    const sig = fakeSign([a('*.w.example.', '192.0.2.1')], k, { signer: n('example.'), inception: 10, expiration: 20 });
    expect(sig.data).to.include({ typeCovered: RRType.A, algorithm: 253, labels: 2, originalTtl: 3600, inception: 10, expiration: 20, keyTag: k.keyTag });
    expect(sig.data.signature).to.have.length(40);
    expect(sig.name.toString()).to.equal('*.w.example.');
  });
});
