/**
 * fetchMtaStsPolicy against real HTTPS servers on loopback (src/testing/mta-sts-server.ts), each
 * with a certificate from a private CA made for this run: the honest server, and beside it each
 * way a server can be wrong (RFC 8461 §3.3): another name, expired, untrusted, a redirect, another
 * Content-Type, another status, a body over 64 KiB (streamed or announced), too slow.
 */
import { expect } from 'chai';
import { createServer, type AddressInfo } from 'node:net';
import { createMtaStsCa, defaultTestPolicy, startTestMtaStsServer, type MtaStsServerBreak, type TestMtaStsServer } from '../../src/testing/mta-sts-server.ts';
import { fetchMtaStsPolicy, MAX_MTA_STS_ADDRESSES, MTA_STS_POLICY_PATH } from '../../src/mail-policy/mta-sts-fetch.ts';
import { parseMtaStsPolicy } from '../../src/mail-policy/mta-sts-policy.ts';
import type { TestCert } from '../../src/testing/certs.ts';

describe('mail-policy/mta-sts-fetch: the policy over HTTPS (RFC 8461 §3.3)', function () {
  this.timeout(30_000);
  let ca: TestCert;
  const servers: TestMtaStsServer[] = [];
  const start = async (b?: MtaStsServerBreak, extra: { slowMs?: number; policy?: string } = {}) => {
    const s = await startTestMtaStsServer({ domain: 'example.', ca, ...(b ? { break: b } : {}), ...extra });
    servers.push(s);
    return s;
  };
  const fetchFrom = (s: TestMtaStsServer, o: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
    fetchMtaStsPolicy({ domain: 'example', addresses: [s.address], port: s.port, ca: ca.pem, ...o });

  before(() => {
    ca = createMtaStsCa();
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('the honest server: the body, fetched at the given address with SNI and Host mta-sts.<domain>', async () => {
    const s = await start();
    const r = await fetchFrom(s);
    expect(r.ok, r.ok ? '' : r.reason).to.equal(true);
    if (!r.ok) return;
    expect(Buffer.from(r.body).toString('utf8')).to.equal(defaultTestPolicy('example'));
    expect(parseMtaStsPolicy(r.body).ok).to.equal(true);
    expect(r.address).to.equal('127.0.0.1');
    expect(r.contentType).to.equal('text/plain; charset=utf-8');
    expect(s.requests).to.deep.equal([{ path: MTA_STS_POLICY_PATH, host: `mta-sts.example:${s.port}`, servername: 'mta-sts.example' }]);
  });

  it('without the CA: the private CA is not trusted (sts-webpki-invalid)', async () => {
    const s = await start();
    const r = await fetchMtaStsPolicy({ domain: 'example.', addresses: [s.address], port: s.port });
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect([r.code, r.tlsrpt]).to.deep.equal(['certificate', 'sts-webpki-invalid']);
  });

  const webpki: readonly [MtaStsServerBreak, string][] = [
    ['wrong-name', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['expired', 'CERT_HAS_EXPIRED'],
    ['untrusted', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ];
  for (const [b, code] of webpki) {
    it(`a certificate that is ${b}: refused (${code}, sts-webpki-invalid), no request sent`, async () => {
      const s = await start(b);
      const r = await fetchFrom(s);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect([r.code, r.tlsrpt]).to.deep.equal(['certificate', 'sts-webpki-invalid']);
      expect(r.reason).to.contain(code).and.contain('mta-sts.example');
      expect(s.requests).to.have.length(0);
    });
  }

  const fetchErrors: readonly [MtaStsServerBreak, string, string][] = [
    ['redirect', 'redirect', 'HTTP 301 redirect to "https://elsewhere.invalid/'],
    ['content-type', 'content-type', 'Content-Type "text/html; charset=utf-8" is not text/plain'],
    ['not-found', 'status', 'HTTP 404'],
    ['too-large', 'too-large', 'the body exceeds 65536 octets'],
    ['too-large-declared', 'too-large', 'Content-Length 70000 exceeds 65536'],
    ['huge-headers', 'http', 'response headers exceed 8192 octets'],
  ];
  for (const [b, code, words] of fetchErrors) {
    it(`a server that answers ${b}: ${code} (sts-policy-fetch-error)`, async () => {
      const s = await start(b);
      const r = await fetchFrom(s);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect([r.code, r.tlsrpt], r.reason).to.deep.equal([code, 'sts-policy-fetch-error']);
      expect(r.reason).to.contain(words);
    });
  }

  it('a slow server: timeout after timeoutMs, not after the server answers', async () => {
    const s = await start('slow', { slowMs: 20_000 });
    const t0 = Date.now();
    const r = await fetchFrom(s, { timeoutMs: 300 });
    expect(Date.now() - t0).to.be.below(10_000);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect([r.code, r.tlsrpt]).to.deep.equal(['timeout', 'sts-policy-fetch-error']);
  });

  it('the same server with time enough: the policy', async () => {
    const s = await start('slow', { slowMs: 50 });
    expect((await fetchFrom(s, { timeoutMs: 10_000 })).ok).to.equal(true);
  });

  it('an address that refuses the connection: the next address is tried', async () => {
    const s = await start();
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(s.port, '127.0.0.2', () => r()));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    expect(closedPort).to.equal(s.port);
    const r = await fetchMtaStsPolicy({ domain: 'example', addresses: ['127.0.0.2', s.address], port: s.port, ca: ca.pem });
    expect(r.ok, r.ok ? '' : r.reason).to.equal(true);
    if (r.ok) expect(r.address).to.equal(s.address);
  });

  it(`unreachable addresses: at most MAX_MTA_STS_ADDRESSES (${MAX_MTA_STS_ADDRESSES}) tried, and said so`, async () => {
    const s = await start();
    const dead = ['127.0.0.3', '127.0.0.4', '127.0.0.5', s.address];
    const r = await fetchMtaStsPolicy({ domain: 'example', addresses: dead, port: s.port, ca: ca.pem });
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.code).to.equal('connect');
      expect(r.reason).to.contain(`${MAX_MTA_STS_ADDRESSES} of 4 addresses tried`);
    }
    expect(s.requests).to.have.length(0);
  });

  it('no address: no-address, without a connection', async () => {
    const r = await fetchMtaStsPolicy({ domain: 'example', addresses: [], port: 1 });
    expect(r.ok ? 'ok' : r.code).to.equal('no-address');
  });

  it("an abort by the caller ends the fetch at once", async () => {
    const s = await start('slow', { slowMs: 20_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const r = await fetchFrom(s, { signal: ac.signal });
    expect(r.ok ? 'ok' : r.code).to.equal('aborted');
  });

  it('a signal aborted before the fetch: aborted, no request reaches the server', async () => {
    const s = await start();
    const r = await fetchFrom(s, { signal: AbortSignal.abort() });
    expect(r.ok ? 'ok' : r.code).to.equal('aborted');
    await new Promise((done) => setTimeout(done, 50));
    expect(s.requests).to.have.length(0);
  });

  it('misuse throws: a port out of range', async () => {
    let err: unknown;
    try {
      await fetchMtaStsPolicy({ domain: 'example', addresses: ['127.0.0.1'], port: 70000 });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(RangeError);
  });
});
