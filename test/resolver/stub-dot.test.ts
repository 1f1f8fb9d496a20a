import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { createTestChain, createTestCertificate, pemBundle, type TestChain } from '../../src/testing/certs.ts';
import { startDnsServer, type DnsServer } from '../../src/testing/dns-server.ts';
import { toyHandler } from './fixtures.ts';
import { ok, failed } from './expect-result.ts';

const A_NAME = Name.parse('a.example.');

describe('resolver/stub: DNS over TLS (RFC 7858)', () => {
  let chain: TestChain;
  let server: DnsServer;
  const resolvers: StubResolver[] = [];
  const dot = (name = 'dns.test'): string => `tls://127.0.0.1:${server.tlsPort}#${name}`;
  const resolver = (servers: string[], ca: string | undefined = chain.root.pem): StubResolver => {
    const r = new StubResolver({ servers, attempts: 1, ...(ca !== undefined ? { tlsCa: ca } : {}) });
    resolvers.push(r);
    return r;
  };

  before(() => {
    chain = createTestChain({ leafCN: 'dns.test', leafDnsNames: ['dns.test'] });
  });
  beforeEach(async () => {
    server = await startDnsServer({ handler: toyHandler, tls: { cert: pemBundle([chain.leaf, chain.intermediate]), key: chain.leaf.keyPem } });
  });
  afterEach(async () => {
    for (const r of resolvers.splice(0)) r.close();
    await server.close();
  });

  it('asks a DoT upstream over TLS only, with EDNS0, DO and CD', async () => {
    const r = ok(await resolver([dot()]).query(A_NAME, RRType.A));
    expect(r).to.include({ transport: 'tls', server: dot() });
    expect(r.message.answers.map((rr) => rr.type)).to.deep.equal([RRType.A, RRType.RRSIG]);
    expect(server.stats).to.include({ udp: 0, tcp: 0, tls: 1, tlsConnections: 1 });
    expect(server.log[0]!.message!.edns).to.include({ dnssecOk: true });
    expect(server.log[0]!.message!.flags.cd).to.equal(true);
  });

  it('gets a large answer whole, and carries several queries on one TLS connection', async () => {
    const res = resolver([dot()]);
    const big = ok(await res.query(Name.parse('big.example.'), RRType.TXT));
    expect(big.message.answers).to.have.length(25);
    ok(await res.query(A_NAME, RRType.A));
    await Promise.all([Name.parse('unsigned.example.'), Name.parse('nodata.example.')].map(async (n) => ok(await res.query(n, RRType.A))));
    expect(server.stats).to.include({ tls: 4, tlsConnections: 1 });
  });

  it('refuses an upstream whose certificate is not valid for the configured name', async () => {
    const f = failed(await resolver([dot('other.test')]).query(A_NAME, RRType.A));
    expect(f.code).to.equal('network');
    expect(f.reason).to.contain(`TLS connect to ${dot('other.test')}`);
    expect(f.reason).to.match(/other\.test/);
    expect(server.stats.tls).to.equal(0);
  });

  it('refuses an upstream whose certificate does not chain to a trusted CA', async () => {
    const stranger = createTestCertificate({ subjectCN: 'Some Other CA', ca: true });
    const f = failed(await resolver([dot()], stranger.pem).query(A_NAME, RRType.A));
    expect(f.code).to.equal('network');
    expect(f.reason).to.match(/TLS connect .*(certificate|issuer)/i);
    expect(server.stats.tls).to.equal(0);
  });

  it('applies faults to the TLS transport and moves on to the next upstream', async () => {
    server.addFault({ fault: { kind: 'servfail' }, transport: 'tls' });
    const r = ok(await resolver([dot(), server.address]).query(A_NAME, RRType.A));
    expect(r.attempts.map((a) => `${a.transport}:${a.code}`)).to.deep.equal(['tls:servfail', 'udp:ok']);
  });
});
