/**
 * TLS-RPT result types for errors other code threw (dane/tlsrpt-errors.ts, issue #14 item 6):
 * node/OpenSSL certificate codes, handshake failures, nodemailer's ETLS, our own errors; and no
 * type for what is not TLS negotiation. One case uses a real node:tls failure against a test server.
 */
import { expect } from 'chai';
import { connect, createServer } from 'node:tls';
import { tlsRptForError } from '../../src/dane/tlsrpt-errors.ts';
import { DaneVerificationError } from '../../src/dane/identity.ts';
import { DaneRequiredError } from '../../src/dane/connect-plan.ts';
import { createTestCertificate } from '../../src/testing/certs.ts';

const withCode = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(code), { code, ...extra });

describe('dane/tlsrpt-errors: RFC 8460 result types for foreign errors', () => {
  it('maps OpenSSL certificate codes by what they say', () => {
    expect(tlsRptForError(withCode('CERT_HAS_EXPIRED'))).to.equal('certificate-expired');
    expect(tlsRptForError(withCode('ERR_TLS_CERT_ALTNAME_INVALID'))).to.equal('certificate-host-mismatch');
    expect(tlsRptForError(withCode('DEPTH_ZERO_SELF_SIGNED_CERT'))).to.equal('certificate-not-trusted');
    expect(tlsRptForError(withCode('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).to.equal('certificate-not-trusted');
  });

  it('a failed handshake is validation-failure; nodemailer ETLS with a server reply is starttls-not-supported', () => {
    expect(tlsRptForError(withCode('ERR_SSL_WRONG_VERSION_NUMBER'))).to.equal('validation-failure');
    expect(tlsRptForError(withCode('EPROTO'))).to.equal('validation-failure');
    expect(tlsRptForError(withCode('ETLS', { command: 'STARTTLS', response: '502 5.5.2 Command not implemented' }))).to.equal('starttls-not-supported');
    expect(tlsRptForError(withCode('ETLS', { command: 'STARTTLS', response: false }))).to.equal('validation-failure');
  });

  it('reads the type our own errors carry, and looks through `cause`', () => {
    const m = new DaneVerificationError({ ok: false, code: 'no-match', tlsrpt: 'tlsa-invalid', reason: 'x', records: [] });
    expect(tlsRptForError(m)).to.equal('tlsa-invalid');
    expect(tlsRptForError(new DaneRequiredError('x'))).to.equal('tlsa-invalid');
    expect(tlsRptForError(new Error('wrapped', { cause: withCode('CERT_HAS_EXPIRED') }))).to.equal('certificate-expired');
  });

  it('no type for what is not TLS negotiation (no connection, a timeout, nothing at all)', () => {
    for (const e of [withCode('ECONNREFUSED'), withCode('ETIMEDOUT'), withCode('ESOCKET'), new Error('plain'), undefined, 'text', 42]) {
      expect(tlsRptForError(e), String(e)).to.equal(undefined);
    }
  });

  it("a real node:tls error: PKIX verification of a self-signed server is certificate-not-trusted", async () => {
    const cert = createTestCertificate({ subjectCN: 'mx.example', dnsNames: ['mx.example'] });
    const server = createServer({ cert: cert.pem, key: cert.keyPem }, (s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const err = await new Promise<unknown>((resolve) => {
        const s = connect({ host: '127.0.0.1', port, servername: 'mx.example' }, () => resolve(undefined));
        s.once('error', resolve);
      });
      expect(tlsRptForError(err)).to.equal('certificate-not-trusted');
    } finally {
      server.close();
    }
  });
});
