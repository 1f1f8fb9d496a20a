import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { RecordOf } from '../../src/dns/record.ts';
import { computeDS, dsMatchesDnskey, isSupportedDigestType } from '../../src/dnssec/ds.ts';
import { getBackend } from '../../src/dnssec/algorithms.ts';

// RFC 4034 §5.4: the DNSKEY of dskey.example.com. and its DS (key tag 60485, SHA-1).
const KEY_B64 =
  'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==';
const dnskey = createRR({
  name: Name.parse('dskey.example.com.'),
  type: RRType.DNSKEY,
  ttl: 86400,
  data: { flags: 256, protocol: 3, algorithm: 5, publicKey: Uint8Array.from(Buffer.from(KEY_B64, 'base64')) },
});
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('dnssec/ds', () => {
  for (const b of ['native', 'pure'] as const) {
    it(`computes the RFC 4034 §5.4 DS (60485 5 1 2BB183AF...) on the ${b} backend`, () => {
      const ds = computeDS(dnskey, 1, getBackend(b));
      expect(ds.type).to.equal(RRType.DS);
      expect(ds.name.toString()).to.equal('dskey.example.com.');
      expect(ds.ttl).to.equal(86400);
      expect(ds.data).to.deep.include({ keyTag: 60485, algorithm: 5, digestType: 1 });
      expect(hex(ds.data.digest)).to.equal('2bb183af5f22588179a53b0a98631fad1a292118');
      expect(hex(ds.rdata)).to.equal('ec4505012bb183af5f22588179a53b0a98631fad1a292118');
    });
  }

  it('hashes the owner in canonical (lower-case) form', () => {
    const upper = { ...dnskey, name: Name.parse('DSKEY.Example.COM.') };
    expect(hex(computeDS(upper, 1).data.digest)).to.equal('2bb183af5f22588179a53b0a98631fad1a292118');
  });

  it('gives digests of 20, 32 and 48 octets for types 1, 2, 4', () => {
    expect(computeDS(dnskey, 1).data.digest).to.have.length(20);
    expect(computeDS(dnskey, 2).data.digest).to.have.length(32);
    expect(computeDS(dnskey, 4).data.digest).to.have.length(48);
  });

  it('matches a DS to its DNSKEY and nothing else', () => {
    const ds = computeDS(dnskey, 2) as RecordOf<typeof RRType.DS>;
    expect(dsMatchesDnskey(ds, dnskey)).to.equal(true);
    expect(dsMatchesDnskey({ ...ds, name: Name.parse('other.example.com.') }, dnskey)).to.equal(false);
    const wrongAlg = createRR({ name: ds.name, type: RRType.DS, ttl: 1, data: { ...ds.data, algorithm: 8 } }) as RecordOf<typeof RRType.DS>;
    expect(dsMatchesDnskey(wrongAlg, dnskey)).to.equal(false);
    const wrongTag = createRR({ name: ds.name, type: RRType.DS, ttl: 1, data: { ...ds.data, keyTag: 60486 } }) as RecordOf<typeof RRType.DS>;
    expect(dsMatchesDnskey(wrongTag, dnskey)).to.equal(false);
    const digest = ds.data.digest.slice();
    digest[31] = digest[31]! ^ 1;
    const wrongDigest = createRR({ name: ds.name, type: RRType.DS, ttl: 1, data: { ...ds.data, digest } }) as RecordOf<typeof RRType.DS>;
    expect(dsMatchesDnskey(wrongDigest, dnskey)).to.equal(false);
    const gost = createRR({ name: ds.name, type: RRType.DS, ttl: 1, data: { ...ds.data, digestType: 3 } }) as RecordOf<typeof RRType.DS>;
    expect(dsMatchesDnskey(gost, dnskey)).to.equal(false);
  });

  it('supports digest types 1, 2 and 4 only', () => {
    expect([0, 1, 2, 3, 4, 5, 6].filter(isSupportedDigestType)).to.deep.equal([1, 2, 4]);
    expect(() => computeDS(dnskey, 3 as 1)).to.throw(RangeError);
  });

  it('throws for a record that is not a DNSKEY (caller misuse)', () => {
    expect(() => computeDS(computeDS(dnskey, 2), 2)).to.throw(TypeError);
  });
});
