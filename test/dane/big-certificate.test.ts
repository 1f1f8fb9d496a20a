/**
 * Certificates that would cost a lot to read (issue #12, item 2): a DANE-TA name check reads at most
 * MAX_PRESENTED_NAMES names, and a leaf with more is refused (counted by node's X509 before any
 * pkijs parse) with a reason naming the bound; a call reads each certificate once (parseCache).
 * The cost itself is measured in bench/big-certificate.ts, not here.
 */
import { expect } from 'chai';
import { matchChain, type CertificateParseCache } from '../../src/dane/match.ts';
import { MAX_PRESENTED_NAMES } from '../../src/dane/cert-names.ts';
import { tlsaAssociation } from '../../src/dane/tlsa.ts';
import { createTestChain } from '../../src/testing/certs.ts';

const HOST = 'mx.example';

function chainWithNames(count: number) {
  const c = createTestChain({ leafCN: HOST, leafDnsNames: [HOST, ...Array.from({ length: count - 1 }, (_, i) => `a${i}.example`)] });
  const ta = { certUsage: 2, selector: 1, matchingType: 1, certificateAssociationData: Buffer.from(tlsaAssociation(c.intermediate.der, 1, 1), 'hex') };
  const ee = { certUsage: 3, selector: 1, matchingType: 1, certificateAssociationData: Buffer.from(tlsaAssociation(c.leaf.der, 1, 1), 'hex') };
  return { chain: [c.leaf.der, c.intermediate.der], ta, ee };
}

describe('dane/match: certificates with many names', function () {
  this.timeout(30_000);

  it(`DANE-TA: a leaf with ${MAX_PRESENTED_NAMES} names is checked; one with more is refused, naming the bound`, async () => {
    const ok = chainWithNames(MAX_PRESENTED_NAMES);
    expect((await matchChain({ chain: ok.chain, records: [ok.ta], referenceIdentifiers: [HOST] })).ok).to.equal(true);
    const many = chainWithNames(MAX_PRESENTED_NAMES + 1);
    const r = await matchChain({ chain: many.chain, records: [many.ta], referenceIdentifiers: [HOST] });
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.code).to.equal('name-mismatch');
      expect(r.reason).to.contain(`${MAX_PRESENTED_NAMES + 1} subjectAltName entries, more than the ${MAX_PRESENTED_NAMES} read`);
    }
    // DANE-EE reads no names (RFC 7672 §3.1.1): the same leaf authenticates under 3 1 1.
    expect((await matchChain({ chain: many.chain, records: [many.ee], referenceIdentifiers: [HOST] })).ok).to.equal(true);
  });

  it('reads each certificate of a call once: the parse cache holds one entry per distinct certificate, and gives the same verdicts', async () => {
    const { chain, ta, ee } = chainWithNames(3);
    const cache: CertificateParseCache = new Map();
    const first = await matchChain({ chain, records: [ta], referenceIdentifiers: [HOST], parseCache: cache });
    expect(cache.size).to.equal(2);
    const cached = cache.get([...cache.keys()][0]!);
    for (let i = 0; i < 3; i++) {
      const again = await matchChain({ chain, records: [ta, ee], referenceIdentifiers: [HOST], parseCache: cache });
      expect(again.ok).to.equal(true);
    }
    expect(first.ok).to.equal(true);
    expect(cache.size).to.equal(2);
    expect(cache.get([...cache.keys()][0]!)).to.equal(cached);
  });
});
