import { expect } from 'chai';
import { keyTag } from '../../src/dnssec/keytag.ts';

/** DNSKEY RDATA from flags, protocol, algorithm and a base64 key. */
function dnskeyRdata(flags: number, protocol: number, algorithm: number, keyB64: string): Uint8Array {
  const key = Buffer.from(keyB64, 'base64');
  const out = new Uint8Array(4 + key.length);
  out[0] = flags >> 8;
  out[1] = flags & 0xff;
  out[2] = protocol;
  out[3] = algorithm;
  out.set(key, 4);
  return out;
}

// Keys and tags from the RFC examples (see vectors/crypto/README.md for the sources).
const CASES: [string, number, number, string, number][] = [
  ['RFC 4034 §5.4 dskey.example.com.', 256, 5,
    'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==', 60485],
  ['RFC 5702 §6.1 RSASHA256', 256, 8,
    'AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=', 9033],
  ['RFC 5702 §6.2 RSASHA512', 256, 10,
    'AwEAAdHoNTOW+et86KuJOWRDp1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFDxj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8gpMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL', 3740],
  ['RFC 6605 §6.1 P-256', 257, 13, 'GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==', 55648],
  ['RFC 6605 §6.2 P-384', 257, 14, 'xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RCOpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40', 10771],
  ['RFC 8080 §6.1 Ed25519 #1', 257, 15, 'l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=', 3613],
  ['RFC 8080 §6.1 Ed25519 #2', 257, 15, 'zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=', 35217],
  ['RFC 8080 §6.2 Ed448 #1', 257, 16, '3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA', 9713],
  ['RFC 8080 §6.2 Ed448 #2', 257, 16, 'kkreGWoccSDmUBGAe7+zsbG6ZAFQp+syPmYUurBRQc3tDjeMCJcVMRDmgcNLp5HlHAMy12VoISsA', 38353],
  ['RFC 5155 App. A ZSK', 256, 7, 'AwEAAaetidLzsKWUt4swWR8yu0wPHPiUi8LUsAD0QPWU+wzt89epO6tHzkMBVDkC7qphQO2hTY4hHn9npWFRw5BYubE=', 40430],
  ['RFC 5155 App. A KSK', 257, 7, 'AwEAAcUlFV1vhmqx6NSOUOq2R/dsR7Xm3upJj7IommWSpJABVfW8Q0rOvXdM6kzt+TAu92L9AbsUdblMFin8CVF3n4s=', 12708],
  // IANA root KSK-2017 (root-anchors.xml: key tag 20326).
  ['root KSK-2017', 257, 8,
    'AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=', 20326],
];

describe('dnssec/keytag', () => {
  for (const [label, flags, alg, key, tag] of CASES) {
    it(`computes key tag ${tag} for ${label}`, () => {
      expect(keyTag(dnskeyRdata(flags, 3, alg, key))).to.equal(tag);
    });
  }

  it('changes the tag when the REVOKE bit is set (flags are summed, RFC 5011 §2.1)', () => {
    const [, , alg, key] = CASES[5]!;
    const plain = keyTag(dnskeyRdata(257, 3, alg, key));
    const revoked = keyTag(dnskeyRdata(257 | 0x80, 3, alg, key));
    expect(revoked).to.equal((plain + 0x80) & 0xffff);
  });

  it('uses the modulus octets for algorithm 1 (RFC 4034 Appendix B.1), not the checksum', () => {
    // RSA/MD5 key: exponent length 1, exponent 3, modulus ending ... 0x12 0x34 0x56.
    const rdata = Uint8Array.of(0x01, 0x00, 0x03, 0x01, 0x01, 0x03, 0xde, 0xad, 0x12, 0x34, 0x56);
    expect(keyTag(rdata)).to.equal(0x1234);
    const same = rdata.slice();
    same[3] = 5; // identical bytes under algorithm 5 use the checksum
    expect(keyTag(same)).not.to.equal(0x1234);
  });

  it('folds the carry of the checksum (sum above 0xffff)', () => {
    const rdata = new Uint8Array(4 + 600).fill(0xff);
    rdata[3] = 8;
    let ac = 0;
    for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i]! : rdata[i]! << 8;
    ac += (ac >> 16) & 0xffff;
    expect(keyTag(rdata)).to.equal(ac & 0xffff);
  });

  it('refuses RDATA shorter than the DNSKEY fixed fields', () => {
    expect(() => keyTag(Uint8Array.of(1, 0, 3))).to.throw(RangeError);
  });
});
