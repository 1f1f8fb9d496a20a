import { expect } from 'chai';
import { fakeKey, fakeSign } from '../../src/testing/world/fake-keys.ts';
import { keyTag } from '../../src/dnssec/keytag.ts';
import { DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE } from '../../src/dnssec/rrsig.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { a, n } from './fixtures.ts';

describe('testing/world/fake-keys', () => {
  it('makes a DNSKEY of any algorithm number with its key tag computed', () => {
    const k = fakeKey(n('example.'), 253, { publicKeyOctets: 32 });
    expect(k.dnskey.data.algorithm).to.equal(253);
    expect(k.dnskey.data.publicKey).to.have.length(32);
    expect(k.keyTag).to.equal(keyTag(k.dnskey.rdata));
  });

  it('sets the ZONE flag always and SEP only for a KSK', () => {
    expect(fakeKey(n('example.'), 12).dnskey.data.flags).to.equal(DNSKEY_FLAG_ZONE);
    expect(fakeKey(n('example.'), 12, { ksk: true }).dnskey.data.flags).to.equal(DNSKEY_FLAG_ZONE | DNSKEY_FLAG_SEP);
  });

  it('makes RRSIGs with the right fields and a random signature', () => {
    const k = fakeKey(n('example.'), 253, { signatureOctets: 40 });
    const sig = fakeSign([a('*.w.example.', '192.0.2.1')], k, { signer: n('example.'), inception: 10, expiration: 20 });
    expect(sig.data).to.include({ typeCovered: RRType.A, algorithm: 253, labels: 2, originalTtl: 3600, inception: 10, expiration: 20, keyTag: k.keyTag });
    expect(sig.data.signature).to.have.length(40);
    expect(sig.name.toString()).to.equal('*.w.example.');
    const again = fakeSign([a('*.w.example.', '192.0.2.1')], k, { signer: n('example.'), inception: 10, expiration: 20 });
    expect(again.data.signature).not.to.deep.equal(sig.data.signature);
  });
});
