import { expect } from 'chai';
import { matchChain, type MatchInput } from '../../src/dane/match.ts';
import { associationBytes, certificateParts } from '../../src/dane/tlsa.ts';
import type { TLSAData } from '../../src/dns/record.ts';
import {
  createTestCertificate,
  createTestChain,
  generateTestKey,
  type TestCert,
  type TestChain,
  type TestKey,
} from '../../src/testing/certs.ts';

const NOW = new Date('2026-11-28T10:00:00Z');
const DAY = 86_400_000;
const MX = 'mx.example.net';

function rec(cert: TestCert, usage: number, selector: 0 | 1, mtype: 0 | 1 | 2): TLSAData {
  return { certUsage: usage, selector, matchingType: mtype, certificateAssociationData: associationBytes(cert.der, selector, mtype)! };
}
function run(chain: TestCert[], records: TLSAData[], refs = [MX], now = NOW) {
  const input: MatchInput = { chain: chain.map((c) => c.der), records, referenceIdentifiers: refs, now };
  return matchChain(input);
}

describe('dane/match', () => {
  let keys: { root: TestKey; intermediate: TestKey; leaf: TestKey; other: TestKey };
  let pki: TestChain;
  before(() => {
    keys = { root: generateTestKey('ec'), intermediate: generateTestKey('ec'), leaf: generateTestKey('ec'), other: generateTestKey('ec') };
    pki = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW });
  });

  describe('DANE-EE (3 x x)', () => {
    for (const selector of [0, 1] as const) {
      for (const mtype of [0, 1, 2] as const) {
        it(`matches the leaf with 3 ${selector} ${mtype} and says so at depth 0`, async () => {
          const r = await run([pki.leaf, pki.intermediate], [rec(pki.leaf, 3, selector, mtype)]);
          expect(r.ok).to.equal(true);
          if (!r.ok) return;
          expect(r).to.include({ usage: 'DANE-EE', depth: 0, recordIndex: 0 });
          expect(r.records[0]).to.include({ matched: true, depth: 0 });
        });
      }
    }
    it('ignores names and expiry: an expired self-signed leaf for another name still matches', async () => {
      const leaf = createTestCertificate({
        subjectCN: 'wrong.example.org',
        dnsNames: ['wrong.example.org'],
        key: keys.leaf,
        notBefore: new Date(NOW.getTime() - 400 * DAY),
        notAfter: new Date(NOW.getTime() - 300 * DAY),
      });
      const r = await run([leaf], [rec(leaf, 3, 1, 1)]);
      expect(r.ok).to.equal(true);
    });
    it('fails with tlsa-invalid when the digest does not match, with the reason per record', async () => {
      const other = createTestCertificate({ subjectCN: MX, key: keys.other });
      const r = await run([pki.leaf, pki.intermediate], [rec(other, 3, 1, 1), rec(other, 3, 0, 2)]);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r).to.include({ code: 'no-match', tlsrpt: 'tlsa-invalid' });
      expect(r.records.map((o) => o.reason)).to.deep.equal(['does not match the leaf public key', 'does not match the leaf certificate']);
    });
    it('uses only the strongest digest per usage and selector (RFC 7671 §9 digest agility)', async () => {
      const other = createTestCertificate({ subjectCN: MX, key: keys.other });
      const weakRight = await run([pki.leaf], [rec(other, 3, 1, 2), rec(pki.leaf, 3, 1, 1)]);
      expect(weakRight.ok).to.equal(false);
      if (!weakRight.ok) expect(weakRight.records[1]!.reason).to.match(/stronger digest/);
      const strongRight = await run([pki.leaf], [rec(other, 3, 1, 1), rec(pki.leaf, 3, 1, 2)]);
      expect(strongRight.ok).to.equal(true);
      // Other selectors and Full(0) are not affected.
      expect((await run([pki.leaf], [rec(other, 3, 0, 2), rec(pki.leaf, 3, 1, 1)])).ok).to.equal(true);
      expect((await run([pki.leaf], [rec(other, 3, 1, 2), rec(pki.leaf, 3, 1, 0)])).ok).to.equal(true);
    });
    it('one matching record among mismatching ones is enough (rollover pair)', async () => {
      const next = createTestCertificate({ subjectCN: MX, key: keys.other });
      const r = await run([pki.leaf], [rec(next, 3, 1, 1), rec(pki.leaf, 3, 1, 1)]);
      expect(r.ok && r.recordIndex).to.equal(1);
    });
  });

  describe('DANE-TA (2 x x)', () => {
    it('matches the intermediate at depth 1 with 2 1 1 and checks the leaf name', async () => {
      const r = await run([pki.leaf, pki.intermediate], [rec(pki.intermediate, 2, 1, 1)]);
      expect(r.ok).to.equal(true);
      if (!r.ok) return;
      expect(r).to.include({ usage: 'DANE-TA', depth: 1 });
      expect(r.name).to.deep.equal({ reference: MX, presented: MX });
    });
    it('matches the intermediate with 2 0 1 and 2 0 2 and 2 1 2', async () => {
      for (const [s, m] of [[0, 1], [0, 2], [1, 2]] as const) {
        const r = await run([pki.leaf, pki.intermediate], [rec(pki.intermediate, 2, s, m)]);
        expect(r.ok, `2 ${s} ${m}`).to.equal(true);
      }
    });
    it('matches the root at depth 2 when the server sends it', async () => {
      const r = await run([pki.leaf, pki.intermediate, pki.root], [rec(pki.root, 2, 1, 1)]);
      expect(r.ok && r.depth).to.equal(2);
    });
    it('accepts the chain out of order (TLS 1.3 allows it)', async () => {
      const r = await run([pki.leaf, pki.root, pki.intermediate], [rec(pki.root, 2, 0, 1)]);
      expect(r.ok).to.equal(true);
    });
    it('uses a bare key (2 1 0) that the server does not send', async () => {
      const r = await run([pki.leaf, pki.intermediate], [rec(pki.root, 2, 1, 0)]);
      expect(r.ok).to.equal(true);
      // As OpenSSL reports it: the depth of the certificate the bare key signed.
      if (r.ok) expect(r.depth).to.equal(1);
    });
    it('uses a full CA certificate (2 0 0) that the server does not send', async () => {
      const r = await run([pki.leaf], [rec(pki.intermediate, 2, 0, 0)]);
      expect(r.ok).to.equal(true);
      if (r.ok) expect(r.depth).to.equal(1);
      const other = createTestCertificate({ subjectCN: 'Test Intermediate CA', ca: true, key: keys.other, now: NOW });
      const wrong = await run([pki.leaf], [rec(other, 2, 0, 0)]);
      expect(wrong.ok === false && wrong.code).to.equal('no-match');
      // The right CA certificate but a leaf it did not sign (the intermediate of another chain).
      const stranger = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys: { leaf: keys.leaf }, now: NOW });
      const broken = await run([stranger.leaf, pki.leaf], [rec(pki.intermediate, 2, 0, 0)]);
      expect(broken.ok === false && broken.code).to.equal('chain-not-trusted');
    });
    it('refuses a bare key (2 1 0) that issued nothing in the chain', async () => {
      const other = createTestCertificate({ subjectCN: 'Other CA', ca: true, key: keys.other });
      const r = await run([pki.leaf, pki.intermediate], [rec(other, 2, 1, 0)]);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r).to.include({ code: 'no-match', tlsrpt: 'tlsa-invalid' });
      if (!r.ok) expect(r.records[0]!.reason).to.match(/signed none of the certificates/);
    });
    it('fails with certificate-host-mismatch when the leaf names another host', async () => {
      const r = await run([pki.leaf, pki.intermediate], [rec(pki.intermediate, 2, 1, 1)], ['mx.example.org']);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r).to.include({ code: 'name-mismatch', tlsrpt: 'certificate-host-mismatch' });
      expect(r.reason).to.match(/subjectAltName mx\.example\.net/);
    });
    it('accepts any of several reference identifiers (TLSA base domain, MX host)', async () => {
      const r = await run([pki.leaf, pki.intermediate], [rec(pki.intermediate, 2, 1, 1)], ['base.example.org', 'MX.Example.NET.']);
      expect(r.ok && r.name?.reference).to.equal('MX.Example.NET.');
    });
    it('lets a wildcard cover exactly one left-most label', async () => {
      const wild = createTestChain({ leafCN: 'x', leafDnsNames: ['*.example.net'], keys, now: NOW });
      const ok = await run([wild.leaf, wild.intermediate], [rec(wild.intermediate, 2, 1, 1)], ['mx.example.net']);
      expect(ok.ok).to.equal(true);
      const deep = await run([wild.leaf, wild.intermediate], [rec(wild.intermediate, 2, 1, 1)], ['a.mx.example.net']);
      expect(deep.ok).to.equal(false);
      const apex = await run([wild.leaf, wild.intermediate], [rec(wild.intermediate, 2, 1, 1)], ['example.net']);
      expect(apex.ok).to.equal(false);
    });
    it('uses the CN only when there is no subjectAltName dNSName', async () => {
      const cnOnly = createTestChain({ leafCN: MX, keys, now: NOW });
      expect((await run([cnOnly.leaf, cnOnly.intermediate], [rec(cnOnly.intermediate, 2, 1, 1)])).ok).to.equal(true);
      const sanOther = createTestChain({ leafCN: MX, leafDnsNames: ['other.example.net'], keys, now: NOW });
      const r = await run([sanOther.leaf, sanOther.intermediate], [rec(sanOther.intermediate, 2, 1, 1)]);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.code).to.equal('name-mismatch');
    });
    it('fails with certificate-not-trusted when the intermediate is missing (broken chain)', async () => {
      const r = await run([pki.leaf, pki.root], [rec(pki.root, 2, 1, 1)]);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r).to.include({ code: 'chain-not-trusted', tlsrpt: 'certificate-not-trusted' });
      expect(r.reason).to.match(/chain to the trust anchor is broken/);
    });
    it('fails when the leaf was not signed by the anchor it claims (forged leaf)', async () => {
      const forgedIssuer = createTestCertificate({ subjectCN: 'Test Intermediate CA', ca: true, key: keys.other, now: NOW });
      const forged = createTestCertificate({ subjectCN: MX, dnsNames: [MX], issuer: forgedIssuer, key: keys.leaf, now: NOW });
      const r = await run([forged, pki.intermediate], [rec(pki.intermediate, 2, 1, 1)]);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.code).to.equal('chain-not-trusted');
    });
    it('fails when the issuing certificate is not a CA', async () => {
      const notCa = createTestCertificate({ subjectCN: 'Not A CA', key: keys.intermediate, now: NOW });
      const leaf = createTestCertificate({ subjectCN: MX, dnsNames: [MX], issuer: notCa, key: keys.leaf, now: NOW });
      const r = await run([leaf, notCa], [rec(notCa, 2, 1, 1)]);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.code).to.equal('chain-not-trusted');
    });
    it('checks expiry below the DANE-TA anchor: expired leaf, expired intermediate under a root anchor, not-yet-valid leaf', async () => {
      const past = { notBefore: new Date(NOW.getTime() - 60 * DAY), notAfter: new Date(NOW.getTime() - DAY) };
      const future = { notBefore: new Date(NOW.getTime() + DAY), notAfter: new Date(NOW.getTime() + 60 * DAY) };
      const cases = [
        { o: { leafValidity: past }, depth: 0, word: /expired/ },
        { o: { intermediateValidity: past }, depth: 1, word: /expired/ },
        { o: { leafValidity: future }, depth: 0, word: /not valid before/ },
      ];
      for (const { o, depth, word } of cases) {
        const c = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW, ...o });
        const r = await run([c.leaf, c.intermediate, c.root], [rec(c.root, 2, 1, 1)]);
        expect(r.ok).to.equal(false);
        if (r.ok) continue;
        expect(r).to.include({ code: 'certificate-expired', tlsrpt: 'certificate-expired' });
        expect(r.reason).to.include(`at depth ${depth}`).and.match(word);
      }
      // The same expired-leaf chain verifies with a clock inside every window (the clock is an input).
      const c = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW, leafValidity: { notBefore: new Date(NOW.getTime() - 2 * DAY), notAfter: new Date(NOW.getTime() - DAY / 2) } });
      expect((await run([c.leaf, c.intermediate], [rec(c.intermediate, 2, 1, 1)])).ok).to.equal(false);
      expect((await run([c.leaf, c.intermediate], [rec(c.intermediate, 2, 1, 1)], [MX], new Date(NOW.getTime() - DAY))).ok).to.equal(true);
    });
    it('ignores the dates of an anchor that is not self-issued, checks those of a self-issued one (as OpenSSL 3)', async () => {
      const past = { notBefore: new Date(NOW.getTime() - 60 * DAY), notAfter: new Date(NOW.getTime() - DAY) };
      const c = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW, intermediateValidity: past });
      const asAnchor = await run([c.leaf, c.intermediate], [rec(c.intermediate, 2, 1, 1)]);
      expect(asAnchor.ok && asAnchor.depth).to.equal(1);
      const root = createTestCertificate({ subjectCN: 'Old Root', ca: true, key: keys.root, ...past });
      const inter = createTestCertificate({ subjectCN: 'Fresh Intermediate', ca: true, issuer: root, key: keys.intermediate, now: NOW });
      const leaf = createTestCertificate({ subjectCN: MX, dnsNames: [MX], issuer: inter, key: keys.leaf, now: NOW });
      const expiredRoot = await run([leaf, inter, root], [rec(root, 2, 0, 1)]);
      expect(expiredRoot.ok).to.equal(false);
      if (!expiredRoot.ok) expect(expiredRoot.reason).to.match(/CN=Old Root at depth 2 expired/);
      // The same expired root as a bare key (2 1 0, not sent) has no dates.
      const bare = await run([leaf, inter], [rec(root, 2, 1, 0)]);
      expect(bare.ok).to.equal(true);
    });
    it('does not take a DANE-TA record matching the leaf itself as an anchor', async () => {
      const r = await run([pki.leaf, pki.intermediate], [rec(pki.leaf, 2, 1, 1)]);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.records[0]!.reason).to.match(/publish 3 x x/);
    });
    for (const t of ['rsa', 'ed25519'] as const) {
      it(`verifies a DANE-TA chain of ${t} keys`, async () => {
        const c = createTestChain({ leafCN: MX, leafDnsNames: [MX], keyType: t, now: NOW });
        const r = await run([c.leaf, c.intermediate], [rec(c.intermediate, 2, 1, 1)]);
        expect(r.ok).to.equal(true);
        const bad = await run([c.leaf, c.intermediate], [rec(c.intermediate, 2, 1, 1)], ['mx.example.org']);
        expect(bad.ok).to.equal(false);
      });
    }
  });

  describe('record sets', () => {
    it('fails with no-usable-records for an RRset of PKIX usages only', async () => {
      const r = await run([pki.leaf, pki.intermediate], [rec(pki.leaf, 1, 1, 1), rec(pki.intermediate, 0, 1, 1)]);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r).to.include({ code: 'no-usable-records', tlsrpt: 'tlsa-invalid' });
      expect(r.records.every((o) => !o.usable)).to.equal(true);
    });
    it('skips unusable records and matches a usable one beside them', async () => {
      const r = await run([pki.leaf, pki.intermediate], [rec(pki.leaf, 1, 1, 1), rec(pki.leaf, 3, 1, 1)]);
      expect(r.ok && r.recordIndex).to.equal(1);
      expect(r.records[0]).to.include({ usable: false });
    });
    it('fails on an empty chain and on a leaf that is not a certificate', async () => {
      const r1 = await matchChain({ chain: [], records: [rec(pki.leaf, 3, 1, 1)], referenceIdentifiers: [MX], now: NOW });
      expect(r1.ok === false && r1.code).to.equal('no-certificate');
      const r2 = await matchChain({ chain: [new Uint8Array([1, 2, 3])], records: [rec(pki.leaf, 3, 1, 1)], referenceIdentifiers: [MX], now: NOW });
      expect(r2.ok === false && r2.code).to.equal('bad-certificate');
    });
    it('throws when the caller gives no reference identifier', async () => {
      let err: unknown;
      try {
        await matchChain({ chain: [pki.leaf.der], records: [], referenceIdentifiers: [], now: NOW });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(RangeError);
    });
    it('skips an unparseable extra certificate in the chain on the way to a DANE-TA anchor', async () => {
      const junk = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]);
      const records = [rec(pki.intermediate, 2, 1, 1)];
      const r = await matchChain({ chain: [pki.leaf.der, junk, pki.intermediate.der], records, referenceIdentifiers: [MX], now: NOW });
      // Depth counts along the verified path (leaf 0, its issuer 1), not positions in what was sent.
      expect(r.ok && r.depth).to.equal(1);
      const noAnchor = await matchChain({ chain: [pki.leaf.der, junk], records, referenceIdentifiers: [MX], now: NOW });
      expect(noAnchor.ok).to.equal(false);
    });
    it('treats absurdly nested DER as not a certificate, without throwing', () => {
      // 2,000 nested SEQUENCEs with indefinite length: a stack-depth attack on a recursive parser.
      const depth = 2000;
      const der = new Uint8Array(depth * 4);
      for (let i = 0; i < depth; i++) der.set([0x30, 0x80], i * 2);
      expect(certificateParts(der)).to.equal(undefined);
    });
    it('certificateParts sees the same SPKI the key exported', () => {
      expect(Buffer.from(certificateParts(pki.leaf.der)!.spki).equals(Buffer.from(keys.leaf.spki))).to.equal(true);
    });
  });
});
