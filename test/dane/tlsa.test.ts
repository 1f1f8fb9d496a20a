import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import {
  tlsaAssociation,
  classifyTlsa,
  asUsableTlsa,
  certificateParts,
  pemToDerCertificates,
} from '../../src/dane/tlsa.ts';
import { createTestCertificate, type TestCert, type TestKeyType } from '../../src/testing/certs.ts';

/** Runs the openssl CLI with stdin, returning stdout bytes. */
function openssl(args: string[], input: Uint8Array | string): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}
/** `openssl dgst -sha256 -binary` as hex. */
function dgst(alg: 'sha256' | 'sha512', data: Uint8Array): string {
  return openssl(['dgst', `-${alg}`, '-binary'], data).toString('hex');
}
/** SPKI DER as openssl computes it: `openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER`. */
function opensslSpki(pem: string): Buffer {
  const pub = openssl(['x509', '-pubkey', '-noout'], pem);
  return openssl(['pkey', '-pubin', '-outform', 'DER'], pub);
}
function opensslCertDer(pem: string): Buffer {
  return openssl(['x509', '-outform', 'DER'], pem);
}

const tlsa = (certUsage: number, selector: number, matchingType: number, len: number) => ({
  certUsage,
  selector,
  matchingType,
  certificateAssociationData: new Uint8Array(len),
});

describe('dane/tlsa', () => {
  describe('tlsaAssociation against the openssl CLI', () => {
    const certs = new Map<TestKeyType, TestCert>();
    before(() => {
      for (const t of ['rsa', 'ec', 'ed25519'] as const) {
        certs.set(t, createTestCertificate({ subjectCN: `mx-${t}.example.net`, dnsNames: [`mx-${t}.example.net`], keyType: t }));
      }
    });
    for (const t of ['rsa', 'ec', 'ed25519'] as const) {
      it(`computes 3 1 1 / 3 1 2 / 3 1 0 for an ${t} key as openssl does`, () => {
        const c = certs.get(t)!;
        const spki = opensslSpki(c.pem);
        expect(tlsaAssociation(c.pem, 1, 1)).to.equal(dgst('sha256', spki));
        expect(tlsaAssociation(c.pem, 1, 2)).to.equal(dgst('sha512', spki));
        expect(tlsaAssociation(c.der, 1, 0)).to.equal(spki.toString('hex'));
      });
      it(`computes 3 0 1 / 3 0 2 / 3 0 0 for an ${t} certificate as openssl does`, () => {
        const c = certs.get(t)!;
        const der = opensslCertDer(c.pem);
        expect(tlsaAssociation(c.der, 0, 1)).to.equal(dgst('sha256', der));
        expect(tlsaAssociation(c.pem, 0, 2)).to.equal(dgst('sha512', der));
        expect(tlsaAssociation(c.pem, 0, 0)).to.equal(der.toString('hex'));
      });
    }
    it('gives different SPKI digests for different keys (the test can fail)', () => {
      expect(tlsaAssociation(certs.get('rsa')!.pem, 1, 1)).not.to.equal(tlsaAssociation(certs.get('ec')!.pem, 1, 1));
    });
    it('uses the first certificate of a PEM bundle', () => {
      const a = certs.get('ec')!;
      const b = certs.get('ed25519')!;
      expect(tlsaAssociation(a.pem + b.pem, 1, 1)).to.equal(tlsaAssociation(a.pem, 1, 1));
      expect(pemToDerCertificates(a.pem + b.pem)).to.have.length(2);
    });
    it('throws for caller misuse: no certificate, bad selector, bad matching type', () => {
      expect(() => tlsaAssociation('hello', 1, 1)).to.throw(TypeError, /PEM certificate/);
      expect(() => tlsaAssociation(new Uint8Array([0x30, 0x00]), 1, 1)).to.throw(TypeError, /X\.509/);
      expect(() => tlsaAssociation(certs.get('ec')!.pem, 2 as 0, 1)).to.throw(RangeError, /selector/);
      expect(() => tlsaAssociation(certs.get('ec')!.pem, 1, 3 as 0)).to.throw(RangeError, /matching type/);
    });
    it('returns undefined parts for DER with trailing bytes', () => {
      const c = certs.get('ec')!;
      expect(certificateParts(c.der)).to.not.equal(undefined);
      expect(certificateParts(new Uint8Array([...c.der, 0]))).to.equal(undefined);
    });
  });

  describe('classifyTlsa (RFC 7672 §3.1)', () => {
    it('accepts 3 1 1, 3 0 2, 2 1 1 with the right lengths', () => {
      expect(classifyTlsa(tlsa(3, 1, 1, 32)).usable).to.equal(true);
      expect(classifyTlsa(tlsa(3, 0, 2, 64)).usable).to.equal(true);
      expect(classifyTlsa(tlsa(2, 1, 1, 32)).usable).to.equal(true);
    });
    it('accepts full data (matching type 0) only when it is a certificate or a public key, as OpenSSL does', () => {
      const c = createTestCertificate({ subjectCN: 'full.example.net', keyType: 'ed25519' });
      const full = (u: number, sel: number, data: Uint8Array) => ({ certUsage: u, selector: sel, matchingType: 0, certificateAssociationData: data });
      expect(classifyTlsa(full(2, 0, c.der)).usable).to.equal(true);
      expect(classifyTlsa(full(3, 1, c.key.spki)).usable).to.equal(true);
      expect(classifyTlsa(full(2, 0, new Uint8Array(300)))).to.include({ usable: false, code: 'bad-full-data' });
      expect(classifyTlsa(full(3, 1, new Uint8Array(44)))).to.include({ usable: false, code: 'bad-full-data' });
      // A certificate where a key is expected, a key where a certificate is, trailing bytes.
      expect(classifyTlsa(full(3, 1, c.der))).to.include({ usable: false, code: 'bad-full-data' });
      expect(classifyTlsa(full(3, 0, c.key.spki))).to.include({ usable: false, code: 'bad-full-data' });
      expect(classifyTlsa(full(3, 1, new Uint8Array([...c.key.spki, 0])))).to.include({ usable: false, code: 'bad-full-data' });
    });
    it('marks PKIX-TA(0) and PKIX-EE(1) unusable for SMTP', () => {
      for (const u of [0, 1]) {
        const c = classifyTlsa(tlsa(u, 1, 1, 32));
        expect(c.usable).to.equal(false);
        expect(c).to.include({ code: 'pkix-usage' });
      }
    });
    it('marks unknown usage, selector and matching type unusable', () => {
      expect(classifyTlsa(tlsa(4, 1, 1, 32))).to.include({ usable: false, code: 'unknown-usage' });
      expect(classifyTlsa(tlsa(255, 1, 1, 32))).to.include({ usable: false, code: 'unknown-usage' });
      expect(classifyTlsa(tlsa(3, 2, 1, 32))).to.include({ usable: false, code: 'unknown-selector' });
      expect(classifyTlsa(tlsa(3, 1, 3, 32))).to.include({ usable: false, code: 'unknown-matching-type' });
    });
    it('marks a digest of the wrong length unusable, beside the right length', () => {
      expect(classifyTlsa(tlsa(3, 1, 1, 31))).to.include({ usable: false, code: 'digest-length' });
      expect(classifyTlsa(tlsa(3, 1, 1, 64))).to.include({ usable: false, code: 'digest-length' });
      expect(classifyTlsa(tlsa(3, 1, 2, 32))).to.include({ usable: false, code: 'digest-length' });
      expect(classifyTlsa(tlsa(3, 1, 2, 64)).usable).to.equal(true);
      expect(classifyTlsa(tlsa(3, 1, 0, 0))).to.include({ usable: false, code: 'digest-length' });
    });
    it('asUsableTlsa returns the record only when usable', () => {
      expect(asUsableTlsa(tlsa(3, 1, 1, 32))).to.include({ certUsage: 3, selector: 1, matchingType: 1 });
      expect(asUsableTlsa(tlsa(1, 1, 1, 32))).to.equal(undefined);
    });
  });
});
