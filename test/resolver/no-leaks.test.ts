/**
 * Every socket the resolver and the test server open is closed again: after `close()`, the
 * process's socket handles return to what they were before (checked with
 * `process.getActiveResourcesInfo()`, waiting only for the event loop to run the closes).
 */
import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { startDnsServer } from '../../src/testing/dns-server.ts';
import { createTestChain, pemBundle } from '../../src/testing/certs.ts';
import { toyHandler } from './fixtures.ts';

const SOCKET_HANDLES = new Set(['UDPWrap', 'TCPWrap', 'TCPSocketWrap', 'TCPServerWrap', 'TLSWrap']);
/** Turns of the event loop allowed for closes to complete. */
const MAX_TICKS = 50;

function socketHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => SOCKET_HANDLES.has(r)).length;
}

async function settled(baseline: number): Promise<number> {
  let n = socketHandles();
  for (let i = 0; i < MAX_TICKS && n > baseline; i++) {
    await new Promise(setImmediate);
    n = socketHandles();
  }
  return n;
}

describe('resolver: no leaked sockets', () => {
  it('closes every UDP, TCP and TLS socket after answers, timeouts, aborts and close()', async () => {
    const baseline = socketHandles();
    const chain = createTestChain({ leafCN: 'dns.test', leafDnsNames: ['dns.test'] });
    const server = await startDnsServer({ handler: toyHandler, tls: { cert: pemBundle([chain.leaf, chain.intermediate]), key: chain.leaf.keyPem } });
    const res = new StubResolver({
      servers: [server.address, `tls://127.0.0.1:${server.tlsPort}#dns.test`],
      tlsCa: chain.root.pem,
      timeoutMs: 200,
      attempts: 1,
      cacheSize: 0,
    });
    server.addFault({ fault: { kind: 'wrong-source' } });
    expect((await res.query(Name.parse('a.example.'), RRType.A)).ok).to.equal(true);
    expect((await res.query(Name.parse('big.example.'), RRType.TXT)).ok).to.equal(true);
    server.addFault({ fault: { kind: 'drop' }, match: (m) => m.questions[0]!.name.key() === 'unsigned.example.' });
    expect((await res.query(Name.parse('unsigned.example.'), RRType.A)).ok).to.equal(false); // UDP and TLS both time out
    const ac = new AbortController();
    const pending = res.query(Name.parse('unsigned.example.'), RRType.A, { signal: ac.signal });
    await server.nextQuery();
    ac.abort();
    expect((await pending).ok).to.equal(false);
    expect(socketHandles()).to.be.greaterThan(baseline); // the server, the pooled TCP connection
    res.close();
    await server.close();
    expect(await settled(baseline)).to.equal(baseline);
  });
});
