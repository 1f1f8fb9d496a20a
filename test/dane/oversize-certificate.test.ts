/**
 * A certificate over MAX_CERTIFICATE_DER_LENGTH is refused unread, and the reason says so (issue
 * #12, item 7): it was reported as "not a well-formed X.509 certificate", and tlsaAssociation threw
 * "could not parse the DER", sending a postmaster to look for corruption that is not there.
 */
import { expect } from 'chai';
import { matchChain } from '../../src/dane/match.ts';
import { MAX_CERTIFICATE_DER_LENGTH, tlsaAssociation } from '../../src/dane/tlsa.ts';
import { createTestCertificate } from '../../src/testing/certs.ts';

/** A DER SEQUENCE of `length` content octets (long form length): certificate-shaped, too large. */
function bigSequence(length: number): Uint8Array {
  const out = new Uint8Array(4 + length);
  out.set([0x30, 0x82, length >> 8, length & 0xff]);
  return out;
}

describe('dane: certificates over the size limit say so', () => {
  const big = bigSequence(MAX_CERTIFICATE_DER_LENGTH); // 4 octets over the limit in all
  const record = { certUsage: 3, selector: 1, matchingType: 1, certificateAssociationData: new Uint8Array(32) };

  it('matchChain: names the size and the limit for a leaf over it; a malformed small leaf is still "not well-formed"', async () => {
    const r = await matchChain({ chain: [big], records: [record], referenceIdentifiers: ['mx.example'] });
    expect(r.ok).to.equal(false);
    expect(r.reason).to.contain(`${big.length} octets, more than the ${MAX_CERTIFICATE_DER_LENGTH} read`);
    const small = await matchChain({ chain: [Uint8Array.of(0x30, 0x01, 0x00)], records: [record], referenceIdentifiers: ['mx.example'] });
    expect(small.reason).to.match(/not a well-formed X\.509 certificate/);
  });

  it('tlsaAssociation: a RangeError naming the limit for a certificate over it, a TypeError for a malformed one', () => {
    expect(() => tlsaAssociation(big, 1, 1)).to.throw(RangeError, new RegExp(`at most ${MAX_CERTIFICATE_DER_LENGTH} octets`));
    expect(() => tlsaAssociation(Uint8Array.of(0x30, 0x01, 0x00), 1, 1)).to.throw(TypeError, /could not parse/);
    expect(tlsaAssociation(createTestCertificate({ subjectCN: 'mx.example' }).der, 1, 1)).to.match(/^[0-9a-f]{64}$/);
  });
});
