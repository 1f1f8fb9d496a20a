/**
 * Caller misuse carries a `code` (issue #14, item 5): options out of range are RangeErrors with
 * `code: 'ERR_OUT_OF_RANGE'`, a destination that is not a name `ERR_DANE_INVALID_DOMAIN`; each
 * beside a call that is fine.
 */
import { expect } from 'chai';
import { verifyDane } from '../../src/dane/verify.ts';
import { tlsaAssociation } from '../../src/dane/tlsa.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { createTestCertificate } from '../../src/testing/certs.ts';

async function codeOf(f: () => unknown): Promise<{ code?: string; name?: string } | undefined> {
  try {
    await f();
  } catch (e) {
    return e as { code?: string; name?: string };
  }
  return undefined;
}

describe('caller misuse carries a code', () => {
  const opts = { resolvers: ['127.0.0.1:9'], connect: false, timeoutMs: 50 } as const;

  it('verifyDane: port, timeoutMs, maxHosts and budget out of range are RangeError ERR_OUT_OF_RANGE', async () => {
    for (const bad of [{ port: 0 }, { timeoutMs: -1 }, { maxHosts: 0 }, { budget: { maxQueries: 0 } }]) {
      const e = await codeOf(() => verifyDane('example.', { ...opts, ...bad }));
      expect(e, JSON.stringify(bad)).to.be.instanceOf(RangeError);
      expect(e?.code, JSON.stringify(bad)).to.equal('ERR_OUT_OF_RANGE');
    }
    expect((await codeOf(() => verifyDane('user@example.com', opts)))?.code).to.equal('ERR_DANE_INVALID_DOMAIN');
  });

  it('the same calls with values in range do not throw (they resolve, here with a temporary failure)', async () => {
    const r = await verifyDane('example.', { ...opts, port: 25, maxHosts: 1, budget: { maxQueries: 5 } });
    expect(r.exitCode).to.equal(3);
  });

  it('tlsaAssociation and StubResolver options', async () => {
    const cert = createTestCertificate({ subjectCN: 'mx.example', dnsNames: ['mx.example'] });
    expect((await codeOf(() => tlsaAssociation(cert.der, 2 as 0, 1)))?.code).to.equal('ERR_OUT_OF_RANGE');
    expect(tlsaAssociation(cert.der, 1, 1)).to.match(/^[0-9a-f]{64}$/);
    expect((await codeOf(() => new StubResolver({ servers: [] })))?.code).to.equal('ERR_OUT_OF_RANGE');
  });
});
