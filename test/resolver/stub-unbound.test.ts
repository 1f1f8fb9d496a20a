/**
 * The stub resolver against an independent server: NLnet Labs Unbound, serving local data on
 * 127.0.0.1 (no network beyond the loopback). It checks what our own test server cannot, since it
 * could share our mistakes: that Unbound takes our EDNS0/DO/CD queries, echoes DO, truncates a
 * large answer that we then fetch over TCP with Unbound's framing, serves DNS over TLS that we
 * authenticate by name, and that its REFUSED moves us on. Skipped when `unbound` is not installed (CI installs it only for the interop tier).
 */
import { expect } from 'chai';
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { createTestChain, pemBundle, type TestChain } from '../../src/testing/certs.ts';
import { ok } from './expect-result.ts';
import { freePort } from '../support/free-port.ts';
import { startUnbound, stopUnbound, unboundServerLines } from '../support/unbound.ts';

const TXT_RECORDS = 30;

function config(dir: string, port: number, tlsPort: number): string {
  const txt = Array.from({ length: TXT_RECORDS }, (_, i) => `  local-data: 'big.example. 300 IN TXT "${String(i).padStart(3, '0')}${'x'.repeat(96)}"'`);
  return [
    'server:',
    `  interface: 127.0.0.1@${port}`,
    `  interface: 127.0.0.1@${tlsPort}`,
    `  tls-port: ${tlsPort}`,
    `  tls-service-key: "${join(dir, 'key.pem')}"`,
    `  tls-service-pem: "${join(dir, 'cert.pem')}"`,
    ...unboundServerLines(dir),
    '  module-config: "iterator"',
    '  local-zone: "example." static',
    '  local-data: "a.example. 300 IN A 192.0.2.1"',
    '  local-data: "example. 3600 IN SOA ns.example. hostmaster.example. 1 7200 3600 1209600 60"',
    ...txt,
    '  local-zone: "refused.example." refuse',
    '',
  ].join('\n');
}

describe('resolver/stub against Unbound', () => {
  let dir = '';
  let child: ChildProcess | undefined;
  let address = '';
  let dotAddress = '';
  let chain: TestChain;
  const resolvers: StubResolver[] = [];
  const resolver = (servers: string[] = [address]): StubResolver => {
    const r = new StubResolver({ servers, attempts: 1, timeoutMs: 2_000, cacheSize: 0, tlsCa: chain.root.pem });
    resolvers.push(r);
    return r;
  };

  before(async function () {
    try {
      await promisify(execFile)('unbound', ['-V']);
    } catch {
      this.skip();
    }
    dir = await mkdtemp(join(tmpdir(), 'dane-verify-unbound-'));
    const port = await freePort();
    const tlsPort = await freePort();
    address = `127.0.0.1:${port}`;
    dotAddress = `tls://127.0.0.1:${tlsPort}#dns.test`;
    chain = createTestChain({ leafCN: 'dns.test', leafDnsNames: ['dns.test'] });
    await writeFile(join(dir, 'cert.pem'), pemBundle([chain.leaf, chain.intermediate]));
    await writeFile(join(dir, 'key.pem'), chain.leaf.keyPem);
    await writeFile(join(dir, 'unbound.conf'), config(dir, port, tlsPort));
    child = await startUnbound(join(dir, 'unbound.conf'));
  });

  after(async () => {
    for (const r of resolvers.splice(0)) r.close();
    await stopUnbound(child);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gets an answer to its EDNS0/DO/CD query, with DO echoed (no stripping reported)', async () => {
    const r = ok(await resolver().query(Name.parse('a.example.'), RRType.A));
    expect(r.transport).to.equal('udp');
    expect(r.message.edns).to.include({ dnssecOk: true });
    expect(r.message.answers.map((rr) => rr.type)).to.deep.equal([RRType.A]);
  });

  it('fetches an answer Unbound truncates over UDP again over TCP', async () => {
    const r = ok(await resolver().query(Name.parse('big.example.'), RRType.TXT));
    expect(r.transport).to.equal('tcp');
    expect(r.attempts.map((a) => a.code)).to.deep.equal(['retry-tcp', 'ok']);
    expect(r.message.answers).to.have.length(TXT_RECORDS);
  });

  it('shares one query among identical questions, and pipelines different ones over TCP', async () => {
    const res = resolver();
    const answers = await Promise.all([0, 1, 2].map(() => res.query(Name.parse('big.example.'), RRType.TXT)));
    answers.forEach((a) => expect(ok(a).message.answers).to.have.length(TXT_RECORDS));
    expect(res.stats).to.include({ udpQueries: 1, tcpQueries: 1, deduplicated: 2 });
    // Two questions in flight at once (the second one requires signatures), both retried over TCP.
    const both = await Promise.all([false, true].map((requireSignatures) => res.query(Name.parse('big.example.'), RRType.TXT, { requireSignatures })));
    expect(ok(both[0]!).transport).to.equal('tcp');
    expect(both[1]).to.include({ ok: false, code: 'dnssec-stripped' }); // Unbound's local data is unsigned
    expect(res.stats).to.include({ udpQueries: 3, tcpQueries: 3 });
  });

  it('asks Unbound over DNS over TLS, authenticating it by name', async () => {
    const r = ok(await resolver([dotAddress]).query(Name.parse('big.example.'), RRType.TXT));
    expect(r.transport).to.equal('tls');
    expect(r.message.answers).to.have.length(TXT_RECORDS);
    const wrongName = await resolver([dotAddress.replace('#dns.test', '#other.test')]).query(Name.parse('a.example.'), RRType.A);
    expect(wrongName).to.include({ ok: false, code: 'network' });
  });

  it('returns NXDOMAIN as an answer and moves on from REFUSED', async () => {
    const nx = ok(await resolver().query(Name.parse('nope.example.'), RRType.A));
    expect(nx.message.rcode).to.equal(Rcode.NXDOMAIN);
    const f = await resolver().query(Name.parse('x.refused.example.'), RRType.A);
    expect(f).to.include({ ok: false, code: 'refused' });
  });
});
