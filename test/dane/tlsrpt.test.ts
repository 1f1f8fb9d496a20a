import { expect } from 'chai';
import { isTlsRptResultType, tlsRptForSessionFailure } from '../../src/dane/tlsrpt.ts';

describe('dane/tlsrpt (RFC 8460 §4.3)', () => {
  it('knows the RFC 8460 result types and nothing else', () => {
    for (const t of ['starttls-not-supported', 'certificate-host-mismatch', 'certificate-expired', 'certificate-not-trusted', 'validation-failure', 'tlsa-invalid', 'dnssec-invalid', 'dane-required']) {
      expect(isTlsRptResultType(t), t).to.equal(true);
    }
    expect(isTlsRptResultType('certificate-mismatch')).to.equal(false);
  });
  it('maps session failures: STARTTLS absence, TLS failures, and non-TLS failures', () => {
    expect(tlsRptForSessionFailure('starttls-not-supported', 'ehlo')).to.equal('starttls-not-supported');
    expect(tlsRptForSessionFailure('starttls-refused', 'starttls')).to.equal('starttls-not-supported');
    expect(tlsRptForSessionFailure('tls-version', 'tls')).to.equal('validation-failure');
    expect(tlsRptForSessionFailure('timeout', 'tls')).to.equal('validation-failure');
    expect(tlsRptForSessionFailure('timeout', 'greeting')).to.equal(undefined);
    expect(tlsRptForSessionFailure('connect', 'connect')).to.equal(undefined);
  });
});
