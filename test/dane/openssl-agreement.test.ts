/**
 * Our verdicts beside OpenSSL's DANE implementation (the code Postfix relies on), on the same
 * servers: for each scenario our SMTP test server presents a chain on 127.0.0.1, and both
 * `openssl s_client -starttls smtp -dane_tlsa_rrdata ...` and our session + matcher judge it.
 * They must agree on authenticated or not, and on the depth of the match.
 *
 * `-dane_ee_no_namechecks` is what RFC 7672 §3.1.1 requires and Postfix sets; `-attime` makes
 * OpenSSL use the same fixed clock as our matcher.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { startTlsSession } from '../../src/smtp/session.ts';
import { matchChain } from '../../src/dane/match.ts';
import { associationBytes } from '../../src/dane/tlsa.ts';
import type { TLSAData } from '../../src/dns/record.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/testing/smtp-server.ts';
import { createTestCertificate, createTestChain, generateTestKey, pemBundle, type TestCert, type TestChain, type TestKey } from '../../src/testing/certs.ts';

const NOW = new Date('2026-11-28T10:00:00Z');
const DAY = 86_400_000;
const MX = 'mx.example.net';

interface Verdict {
  ok: boolean;
  depth?: number;
  detail: string;
}

function rec(cert: TestCert, usage: number, selector: 0 | 1, mtype: 0 | 1 | 2): TLSAData {
  return { certUsage: usage, selector, matchingType: mtype, certificateAssociationData: associationBytes(cert.der, selector, mtype)! };
}
const rrdata = (r: TLSAData) => `${r.certUsage} ${r.selector} ${r.matchingType} ${Buffer.from(r.certificateAssociationData).toString('hex')}`;

/** OpenSSL's verdict, from `s_client -brief` output. */
function opensslVerdict(server: TestSmtpServer, records: TLSAData[], domain: string): Promise<Verdict> {
  const args = ['s_client', '-connect', `${server.host}:${server.port}`, '-starttls', 'smtp', '-servername', domain, '-brief'];
  args.push('-dane_tlsa_domain', domain, '-dane_ee_no_namechecks', '-attime', String(Math.floor(NOW.getTime() / 1000)));
  for (const r of records) args.push('-dane_tlsa_rrdata', rrdata(r));
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      const m = /DANE TLSA \d \d \d \S+ (?:matched (?:EE|TA) certificate|signed the certificate) at depth (\d+)/.exec(out);
      const ok = /^Verification: OK$/m.test(out) && m !== null;
      resolve({ ok, ...(m ? { depth: Number(m[1]) } : {}), detail: out.split('\n').filter((l) => /Verif|DANE|error/.test(l)).join(' | ') });
    });
    child.stdin.end();
  });
}

async function ourVerdict(server: TestSmtpServer, records: TLSAData[], domain: string): Promise<Verdict> {
  const s = await startTlsSession({ address: server.host, port: server.port, servername: domain, timeoutMs: 5_000 });
  if (!s.ok) return { ok: false, detail: s.reason };
  const m = await matchChain({ chain: s.chain, records, referenceIdentifiers: [domain], now: NOW });
  return m.ok ? { ok: true, depth: m.depth, detail: m.reason } : { ok: false, detail: m.reason };
}

describe('agreement with OpenSSL DANE (openssl s_client -starttls smtp)', () => {
  let keys: { root: TestKey; intermediate: TestKey; leaf: TestKey };
  let pki: TestChain;
  const servers: TestSmtpServer[] = [];
  before(() => {
    keys = { root: generateTestKey('ec'), intermediate: generateTestKey('ec'), leaf: generateTestKey('ec') };
    pki = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW });
  });
  after(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  interface Scenario {
    name: string;
    expect: boolean;
    chain: () => TestCert[];
    records: () => TLSAData[];
    domain?: string;
  }
  const past = { notBefore: new Date(NOW.getTime() - 60 * DAY), notAfter: new Date(NOW.getTime() - DAY) };
  const scenarios: Scenario[] = [
    { name: 'DANE-EE 3 1 1', expect: true, chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.leaf, 3, 1, 1)] },
    { name: 'DANE-EE 3 0 2', expect: true, chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.leaf, 3, 0, 2)] },
    {
      name: 'a 3 1 2 for another key beside a matching 3 1 1 (digest agility)',
      expect: false,
      chain: () => [pki.leaf],
      records: () => [rec(createTestCertificate({ subjectCN: MX, key: keys.root }), 3, 1, 2), rec(pki.leaf, 3, 1, 1)],
    },
    {
      name: 'a 3 1 1 for another key beside a matching 3 1 2',
      expect: true,
      chain: () => [pki.leaf],
      records: () => [rec(createTestCertificate({ subjectCN: MX, key: keys.root }), 3, 1, 1), rec(pki.leaf, 3, 1, 2)],
    },
    {
      name: 'a 2 1 2 for another CA beside a matching 2 1 1 (digest agility)',
      expect: false,
      chain: () => [pki.leaf, pki.intermediate],
      records: () => [rec(pki.root, 2, 1, 2), rec(pki.intermediate, 2, 1, 1)],
    },
    { name: 'DANE-EE mismatch', expect: false, chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.intermediate, 3, 1, 1)] },
    { name: 'DANE-EE with another name (names ignored)', expect: true, domain: 'other.example.org', chain: () => [pki.leaf], records: () => [rec(pki.leaf, 3, 1, 1)] },
    {
      name: 'DANE-EE on an expired self-signed leaf (expiry ignored)',
      expect: true,
      chain: () => [createTestCertificate({ subjectCN: MX, key: keys.leaf, ...past })],
      records: () => [createTestCertificate({ subjectCN: MX, key: keys.leaf })].map((c) => rec(c, 3, 1, 1)),
    },
    { name: 'DANE-TA 2 1 1 on the intermediate', expect: true, chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.intermediate, 2, 1, 1)] },
    { name: 'DANE-TA 2 0 1 on the root, sent', expect: true, chain: () => [pki.leaf, pki.intermediate, pki.root], records: () => [rec(pki.root, 2, 0, 1)] },
    { name: 'DANE-TA 2 1 0 bare root key, not sent', expect: true, chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.root, 2, 1, 0)] },
    { name: 'DANE-TA 2 0 0 full CA certificate, not sent', expect: true, chain: () => [pki.leaf], records: () => [rec(pki.intermediate, 2, 0, 0)] },
    {
      name: 'DANE-EE 3 1 0 whose data is no public key (unusable) beside nothing else',
      expect: false,
      chain: () => [pki.leaf],
      records: () => [{ certUsage: 3, selector: 1, matchingType: 0, certificateAssociationData: new Uint8Array(64).fill(7) }],
    },
    { name: 'DANE-TA with a name mismatch', expect: false, domain: 'mx.example.org', chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.intermediate, 2, 1, 1)] },
    {
      name: 'DANE-TA with an impostor intermediate (broken chain)',
      expect: false,
      chain: () => [pki.leaf, createTestCertificate({ subjectCN: 'Test Intermediate CA', ca: true, issuer: pki.root, now: NOW }), pki.root],
      records: () => [rec(pki.root, 2, 1, 1)],
    },
    {
      name: 'DANE-TA with an expired leaf',
      expect: false,
      chain: () => {
        const c = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW, leafValidity: past });
        return [c.leaf, c.intermediate];
      },
      records: () => [rec(pki.intermediate, 2, 1, 1)],
    },
    {
      name: 'DANE-TA on the root with an expired intermediate below it',
      expect: false,
      chain: () => {
        const c = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW, intermediateValidity: past });
        return [c.leaf, c.intermediate, c.root];
      },
      records: () => [rec(pki.root, 2, 1, 1)],
    },
    {
      name: 'DANE-TA on an expired intermediate (the anchor\'s own dates do not apply)',
      expect: true,
      chain: () => {
        const c = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW, intermediateValidity: past });
        return [c.leaf, c.intermediate];
      },
      records: () => [rec(pki.intermediate, 2, 1, 1)],
    },
    {
      name: 'DANE-TA on an expired root that is sent (self-issued anchors are checked)',
      expect: false,
      chain: () => {
        const root = createTestCertificate({ subjectCN: 'Test Root CA', ca: true, key: keys.root, ...past });
        const c = createTestChain({ leafCN: MX, leafDnsNames: [MX], keys, now: NOW });
        return [c.leaf, c.intermediate, root];
      },
      records: () => [rec(pki.root, 2, 1, 1)],
    },
    {
      name: 'DANE-TA 2 1 0 on an expired root key, not sent (a bare key has no dates)',
      expect: true,
      chain: () => [pki.leaf, pki.intermediate],
      records: () => [rec(createTestCertificate({ subjectCN: 'Test Root CA', ca: true, key: keys.root, ...past }), 2, 1, 0)],
    },
    { name: 'DANE-TA naming the leaf itself', expect: false, chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.leaf, 2, 1, 1)] },
    {
      name: 'DANE-TA with a wildcard leaf',
      expect: true,
      chain: () => {
        const c = createTestChain({ leafCN: 'w', leafDnsNames: ['*.example.net'], keys, now: NOW });
        return [c.leaf, c.intermediate];
      },
      records: () => [rec(pki.intermediate, 2, 1, 1)],
    },
    {
      name: 'DANE-TA with a wildcard leaf two labels up',
      expect: false,
      domain: 'a.mx.example.net',
      chain: () => {
        const c = createTestChain({ leafCN: 'w', leafDnsNames: ['*.example.net'], keys, now: NOW });
        return [c.leaf, c.intermediate];
      },
      records: () => [rec(pki.intermediate, 2, 1, 1)],
    },
    {
      name: 'DANE-TA on an issuer that is not a CA',
      expect: false,
      chain: () => {
        const notCa = createTestCertificate({ subjectCN: 'Not A CA', key: keys.intermediate, now: NOW });
        return [createTestCertificate({ subjectCN: MX, dnsNames: [MX], issuer: notCa, key: keys.leaf, now: NOW }), notCa];
      },
      records: () => [rec(pki.intermediate, 2, 1, 1)],
    },
    {
      name: 'DANE-TA with the host name in the CN only (no subjectAltName)',
      expect: true,
      chain: () => {
        const c = createTestChain({ leafCN: MX, keys, now: NOW });
        return [c.leaf, c.intermediate];
      },
      records: () => [rec(pki.intermediate, 2, 1, 1)],
    },
    {
      name: 'DANE-TA with the host name in the CN but another subjectAltName',
      expect: false,
      chain: () => {
        const c = createTestChain({ leafCN: MX, leafDnsNames: ['other.example.net'], keys, now: NOW });
        return [c.leaf, c.intermediate];
      },
      records: () => [rec(pki.intermediate, 2, 1, 1)],
    },
    { name: 'PKIX-EE only (unusable for SMTP)', expect: false, chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.leaf, 1, 1, 1)] },
    { name: 'an unusable record beside a matching 3 1 1', expect: true, chain: () => [pki.leaf, pki.intermediate], records: () => [rec(pki.leaf, 0, 1, 1), rec(pki.leaf, 3, 1, 1)] },
  ];

  for (const sc of scenarios) {
    it(`${sc.expect ? 'authenticates' : 'rejects'}: ${sc.name}`, async () => {
      const chain = sc.chain();
      const server = await startTestSmtpServer({ certPem: pemBundle(chain), keyPem: chain[0]!.keyPem });
      servers.push(server);
      const records = sc.records();
      const domain = sc.domain ?? MX;
      const [theirs, ours] = await Promise.all([opensslVerdict(server, records, domain), ourVerdict(server, records, domain)]);
      expect(theirs.ok, `openssl: ${theirs.detail}`).to.equal(sc.expect);
      expect(ours.ok, `ours: ${ours.detail}`).to.equal(sc.expect);
      if (ours.ok) expect(ours.depth, 'depth of the match').to.equal(theirs.depth);
    });
  }
});
