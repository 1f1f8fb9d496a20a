import { expect } from 'chai';
import { startTlsSession } from '../../src/smtp/session.ts';
import { startTestSmtpServer } from '../../src/testing/smtp-server.ts';

describe('smtp/session total deadline', () => {
  it('cuts off a session at totalTimeoutMs even when every step timeout is longer', async () => {
    const server = await startTestSmtpServer({ mode: 'silent' });
    try {
      const r = await startTlsSession({ address: server.host, port: server.port, servername: 'mx.test.invalid', timeoutMs: 10_000, totalTimeoutMs: 200 });
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect([r.failure, r.step]).to.deep.equal(['timeout', 'greeting']);
      expect(r.reason).to.match(/total deadline of 200 ms/);
    } finally {
      await server.close();
    }
  });

  it('still reports a caller abort as aborted, not as the deadline', async () => {
    const server = await startTestSmtpServer({ mode: 'silent' });
    try {
      const ac = new AbortController();
      const p = startTlsSession({ address: server.host, port: server.port, servername: 'mx.test.invalid', timeoutMs: 10_000, totalTimeoutMs: 60_000, signal: ac.signal });
      setImmediate(() => ac.abort());
      const r = await p;
      expect(r.ok === false && r.failure).to.equal('aborted');
    } finally {
      await server.close();
    }
  });
});
