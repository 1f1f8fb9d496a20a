import { expect } from 'chai';
import { createServer, type AddressInfo } from 'node:net';
import { startTlsSession, type StartTlsOptions } from '../../src/smtp/session.ts';
import { startTestSmtpServer, type TestSmtpServer, type TestSmtpServerOptions } from '../../src/testing/smtp-server.ts';
import { createTestChain, pemBundle, type TestChain } from '../../src/testing/certs.ts';

const BASE = 'mx.example.net';

describe('smtp/session (RFC 3207 STARTTLS against a 127.0.0.1 server)', () => {
  let pki: TestChain;
  const servers: TestSmtpServer[] = [];
  async function server(o: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
    const s = await startTestSmtpServer({ certPem: pemBundle([pki.leaf, pki.intermediate]), keyPem: pki.leaf.keyPem, ...o });
    servers.push(s);
    return s;
  }
  const session = (s: TestSmtpServer, o: Partial<StartTlsOptions> = {}) =>
    startTlsSession({ address: s.host, port: s.port, servername: BASE + '.', timeoutMs: 5_000, ...o });

  before(() => {
    pki = createTestChain({ leafCN: BASE, leafDnsNames: [BASE] });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('completes greeting, EHLO, STARTTLS and TLS, returning the chain, version, cipher and SNI', async () => {
    const s = await server();
    const r = await session(s);
    expect(r.ok, r.ok ? '' : r.reason).to.equal(true);
    if (!r.ok) return;
    expect(r.chain.map((c) => Buffer.from(c).toString('hex'))).to.deep.equal(
      [pki.leaf.der, pki.intermediate.der].map((c) => Buffer.from(c).toString('hex')),
    );
    expect(r.tlsVersion).to.equal('TLSv1.3');
    expect(r.cipher).to.match(/^TLS_/);
    expect(r.servername).to.equal(BASE);
    expect(s.sniSeen).to.deep.equal([BASE]);
    expect(r.ehloKeywords).to.include('STARTTLS');
    const sent = r.transcript.filter((t) => t.from === 'client').map((t) => t.text);
    expect(sent).to.deep.equal(['EHLO [127.0.0.1]', 'STARTTLS', 'QUIT']);
    expect(r.transcript.some((t) => t.from === 'server' && t.text.startsWith('221'))).to.equal(true);
  });

  it('reads a multi-line greeting', async () => {
    const s = await server({ multilineGreeting: true });
    const r = await session(s, { ehloName: 'client.example.org' });
    expect(r.ok).to.equal(true);
    expect(s.commands[0]).to.equal('EHLO client.example.org');
  });

  it('fails with starttls-not-supported when STARTTLS is not offered, and never sends mail commands', async () => {
    const s = await server({ mode: 'no-starttls' });
    const r = await session(s);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r).to.include({ failure: 'starttls-not-supported', step: 'ehlo' });
    expect(s.commands.some((c) => /^STARTTLS|^MAIL/i.test(c))).to.equal(false);
    // The QUIT reaches the server (flushed before the close), not just the transcript.
    await s.waitForCommand('QUIT');
    expect(s.commands).to.deep.equal(['EHLO [127.0.0.1]', 'QUIT']);
  });

  it('fails with starttls-refused on a 454 reply', async () => {
    const s = await server({ mode: 'refuse-starttls' });
    const r = await session(s);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r).to.include({ failure: 'starttls-refused', step: 'starttls' });
    expect(r.reason).to.match(/454/);
  });

  it('refuses a TLS 1.1-only server at the default minimum, and connects when the minimum is lowered', async () => {
    const s = await server({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1' });
    const r = await session(s);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r).to.include({ failure: 'tls-version', step: 'tls' });
    const low = await session(s, { minVersion: 'TLSv1.1' });
    expect(low.ok, low.ok ? '' : low.reason).to.equal(true);
    if (low.ok) expect(low.tlsVersion).to.equal('TLSv1.1');
  });

  it('connects with TLS 1.2 when the server offers at most 1.2', async () => {
    const s = await server({ maxVersion: 'TLSv1.2' });
    const r = await session(s);
    expect(r.ok && r.tlsVersion).to.equal('TLSv1.2');
  });

  it('times out on a server that never answers (short greeting timeout)', async () => {
    const s = await server({ mode: 'silent' });
    const r = await session(s, { timeouts: { greeting: 150 } });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r).to.include({ failure: 'timeout', step: 'greeting' });
  });

  it('fails with greeting-rejected on a 554 greeting, and says QUIT', async () => {
    const s = await server({ mode: 'reject-greeting' });
    const r = await session(s);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r).to.include({ failure: 'greeting-rejected', step: 'greeting' });
    expect(r.transcript.filter((t) => t.from === 'client').map((t) => t.text)).to.deep.equal(['QUIT']);
  });

  it('fails with protocol when data follows the 220 to STARTTLS (response injection)', async () => {
    const s = await server({ mode: 'inject-after-starttls' });
    const r = await session(s);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r).to.include({ failure: 'protocol', step: 'starttls' });
  });

  it('fails with protocol, naming plaintext, when the server sends an SMTP reply instead of TLS after its 220 (later segment)', async () => {
    const s = await server({ mode: 'plaintext-after-starttls' });
    const r = await session(s);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r).to.include({ failure: 'protocol', step: 'tls' });
    expect(r.reason).to.match(/not TLS, e\.g\. plaintext after its 220 to STARTTLS/);
    expect(r.reason).to.not.match(/in common/);
  });

  it('fails with connect when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((res) => probe.listen(0, '127.0.0.1', () => res()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((res) => probe.close(() => res()));
    const r = await startTlsSession({ address: '127.0.0.1', port, servername: BASE, timeoutMs: 5_000 });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r).to.include({ failure: 'connect', step: 'connect' });
  });

  it('returns aborted for an already-aborted signal', async () => {
    const s = await server();
    const c = new AbortController();
    c.abort();
    const r = await session(s, { signal: c.signal });
    expect(r.ok === false && r.failure).to.equal('aborted');
  });

  it('returns aborted when the signal fires mid-session (server silent, long timeouts)', async () => {
    const s = await server({ mode: 'silent' });
    const c = new AbortController();
    const p = session(s, { signal: c.signal, timeoutMs: 10_000 });
    // Abort on the next turn of the event loop, whichever step is running then: no fixed sleep.
    setImmediate(() => c.abort());
    const r = await p;
    expect(r.ok === false && r.failure).to.equal('aborted');
  });

  it('throws for caller misuse (no servername)', async () => {
    let err: unknown;
    try {
      await startTlsSession({ address: '127.0.0.1', servername: '' });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(TypeError);
  });
});
