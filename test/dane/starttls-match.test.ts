/**
 * The connection half of RFC 7672 end to end on 127.0.0.1: our SMTP server presents a chain over
 * STARTTLS, the session fetches it, the matcher judges it against TLSA records.
 */
import { expect } from 'chai';
import { startTlsSession } from '../../src/smtp/session.ts';
import { matchChain, type MatchResult } from '../../src/dane/match.ts';
import { associationBytes } from '../../src/dane/tlsa.ts';
import type { TLSAData } from '../../src/dns/record.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/testing/smtp-server.ts';
import {
  createTestCertificate,
  createTestChain,
  generateTestKey,
  pemBundle,
  type TestCert,
  type TestChain,
  type TestKeyType,
} from '../../src/testing/certs.ts';

const MX = 'mx.example.net';
const rec = (cert: TestCert, usage: number, selector: 0 | 1, mtype: 0 | 1 | 2): TLSAData => ({
  certUsage: usage,
  selector,
  matchingType: mtype,
  certificateAssociationData: associationBytes(cert.der, selector, mtype)!,
});

describe('dane over STARTTLS (127.0.0.1)', () => {
  const servers: TestSmtpServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** Serves `presented` (leaf first, key of the leaf) and matches what arrives against `records`. */
  async function check(presented: TestCert[], records: TLSAData[], refs = [MX]): Promise<MatchResult> {
    const s = await startTestSmtpServer({ certPem: pemBundle(presented), keyPem: presented[0]!.keyPem });
    servers.push(s);
    const session = await startTlsSession({ address: s.host, port: s.port, servername: refs[0]!, timeoutMs: 5_000 });
    expect(session.ok, session.ok ? '' : session.reason).to.equal(true);
    if (!session.ok) throw new Error('unreachable');
    return matchChain({ chain: session.chain, records, referenceIdentifiers: refs });
  }

  for (const keyType of ['rsa', 'ec', 'ed25519'] as TestKeyType[]) {
    describe(`${keyType} keys`, () => {
      let pki: TestChain;
      before(() => {
        const k = generateTestKey(keyType);
        pki = createTestChain({ leafCN: MX, leafDnsNames: [MX], keyType, keys: { root: k, intermediate: k } });
      });
      for (const [s, m] of [[1, 1], [1, 2], [0, 1], [0, 2], [1, 0], [0, 0]] as const) {
        it(`authenticates DANE-EE 3 ${s} ${m}`, async () => {
          const r = await check([pki.leaf, pki.intermediate], [rec(pki.leaf, 3, s, m)]);
          expect(r.ok && r.usage).to.equal('DANE-EE');
        });
      }
      it('fails DANE-EE when the record is for another key (tlsa-invalid)', async () => {
        const other = createTestCertificate({ subjectCN: MX, keyType });
        const r = await check([pki.leaf, pki.intermediate], [rec(other, 3, 1, 1)]);
        expect(r.ok === false && r.tlsrpt).to.equal('tlsa-invalid');
      });
      it('authenticates DANE-TA 2 1 1 at depth 1 with good names', async () => {
        const r = await check([pki.leaf, pki.intermediate], [rec(pki.intermediate, 2, 1, 1)]);
        expect(r.ok).to.equal(true);
        if (r.ok) expect(r).to.include({ usage: 'DANE-TA', depth: 1 });
      });
      it('fails DANE-TA when the leaf names another host (certificate-host-mismatch)', async () => {
        const r = await check([pki.leaf, pki.intermediate], [rec(pki.intermediate, 2, 1, 1)], ['mx.example.org']);
        expect(r.ok === false && r.tlsrpt).to.equal('certificate-host-mismatch');
      });
    });
  }

  describe('chains and record sets', () => {
    let pki: TestChain;
    before(() => {
      pki = createTestChain({ leafCN: MX, leafDnsNames: [MX] });
    });
    it('fails DANE-TA on a broken chain: an intermediate with the right name but the wrong key', async () => {
      const impostor = createTestCertificate({ subjectCN: 'Test Intermediate CA', ca: true, issuer: pki.root });
      const r = await check([pki.leaf, impostor, pki.root], [rec(pki.root, 2, 1, 1)]);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r).to.include({ code: 'chain-not-trusted', tlsrpt: 'certificate-not-trusted' });
      // The genuine chain with the same record authenticates.
      const good = await check([pki.leaf, pki.intermediate, pki.root], [rec(pki.root, 2, 1, 1)]);
      expect(good.ok && good.depth).to.equal(2);
    });
    it('fails DANE-TA when the server omits the intermediate (nothing to anchor)', async () => {
      const r = await check([pki.leaf], [rec(pki.intermediate, 2, 1, 1)]);
      expect(r.ok === false && r.code).to.equal('no-match');
    });
    it('reports an unusable-only RRset (PKIX usages) as no-usable-records', async () => {
      const r = await check([pki.leaf, pki.intermediate], [rec(pki.leaf, 1, 1, 1), rec(pki.intermediate, 0, 0, 1)]);
      expect(r.ok === false && r.code).to.equal('no-usable-records');
    });
    it('accepts a rollover pair when either key is live', async () => {
      const next = createTestCertificate({ subjectCN: MX, dnsNames: [MX] });
      const records = [rec(pki.leaf, 3, 1, 1), rec(next, 3, 1, 1)];
      const now = await check([pki.leaf, pki.intermediate], records);
      const later = await check([next], records);
      expect(now.ok && now.recordIndex).to.equal(0);
      expect(later.ok && later.recordIndex).to.equal(1);
    });
  });
});
