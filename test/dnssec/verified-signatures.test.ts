/**
 * Signature check outcomes are remembered (issue #13): a check is a pure function of backend,
 * algorithm, key, data and signature, so the same inputs are not verified twice; any other input
 * (one bit of data, signature or key) is verified afresh; failures are remembered as failures; a
 * stand-in backend never shares outcomes with a real one; the memory is bounded.
 */
import { expect } from 'chai';
import { getBackend, SUPPORTED_ALGORITHMS, verifySignature } from '../../src/dnssec/algorithms.ts';
import type { CryptoBackend } from '../../src/dnssec/crypto/types.ts';
import { VERIFIED_SIGNATURE_ENTRIES } from '../../src/dnssec/limits.ts';
import { generateKey, signData } from '../../src/testing/keys.ts';

const P256 = SUPPORTED_ALGORITHMS.get(13)!;

/** The native backend, as a new object that counts its verifications. */
function counting(verdict?: boolean): CryptoBackend & { calls: number } {
  const native = getBackend('native');
  const b = {
    ...native,
    calls: 0,
    verify(key: Parameters<CryptoBackend['verify']>[0], data: Uint8Array, sig: Uint8Array) {
      b.calls++;
      return verdict ?? native.verify(key, data, sig);
    },
  };
  return b;
}

const flip = (b: Uint8Array, at = 0) => {
  const c = Uint8Array.from(b);
  c[at]! ^= 1;
  return c;
};

describe('dnssec/algorithms: remembered signature checks', () => {
  const key = generateKey(13);
  const other = generateKey(13);
  const data = new TextEncoder().encode('the canonical RRset and RRSIG fields');
  const sig = signData(key, data);

  it('verifies the same key, data and signature once; the answer is the same', () => {
    const b = counting();
    expect(verifySignature(P256, key.publicKey, data, sig, b).ok).to.equal(true);
    expect(verifySignature(P256, key.publicKey, data, sig, b).ok).to.equal(true);
    expect(b.calls).to.equal(1);
  });

  it('one bit of data, signature or key is another check, made afresh (and fails); a failure is remembered as one', () => {
    const b = counting();
    expect(verifySignature(P256, key.publicKey, data, sig, b).ok).to.equal(true);
    for (const [what, k, d, s] of [
      ['data', key.publicKey, flip(data, 3), sig],
      ['signature', key.publicKey, data, flip(sig, 40)],
      ['key', other.publicKey, data, sig],
    ] as const) {
      const before = b.calls;
      expect(verifySignature(P256, k, d, s, b).ok, what).to.equal(false);
      expect(b.calls, what).to.equal(before + 1);
      expect(verifySignature(P256, k, d, s, b).ok, `${what} again`).to.equal(false);
      expect(b.calls, `${what} again`).to.equal(before + 1);
    }
  });

  it('a stand-in backend that accepts everything shares nothing with the real one', () => {
    const liar = counting(true);
    const bad = flip(data, 5);
    expect(verifySignature(P256, key.publicKey, bad, sig, liar).ok).to.equal(true);
    expect(verifySignature(P256, key.publicKey, bad, sig, getBackend('native')).ok).to.equal(false);
  });

  it(`keeps at most ${VERIFIED_SIGNATURE_ENTRIES} outcomes per backend, dropping the oldest`, () => {
    const b = counting(false);
    const datum = (i: number) => Uint8Array.of(i >> 16, (i >> 8) & 0xff, i & 0xff);
    for (let i = 0; i <= VERIFIED_SIGNATURE_ENTRIES; i++) verifySignature(P256, key.publicKey, datum(i), sig, b);
    expect(b.calls).to.equal(VERIFIED_SIGNATURE_ENTRIES + 1);
    verifySignature(P256, key.publicKey, datum(VERIFIED_SIGNATURE_ENTRIES), sig, b); // newest: remembered
    expect(b.calls).to.equal(VERIFIED_SIGNATURE_ENTRIES + 1);
    verifySignature(P256, key.publicKey, datum(0), sig, b); // oldest: dropped, checked again
    expect(b.calls).to.equal(VERIFIED_SIGNATURE_ENTRIES + 2);
  });
});
