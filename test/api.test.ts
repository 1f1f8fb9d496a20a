/**
 * The public API contract of ARCHITECTURE.md, exercised through the package root only (tests
 * outside this repo use these names), with known answers from the RFCs in vectors/.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as api from '../src/index.ts';

const vector = (p: string) => readFileSync(new URL(`../vectors/${p}`, import.meta.url), 'utf8');

describe('public API (package root)', () => {
  it('exports every name of the contract', () => {
    for (const name of ['verifyDane', 'resolveDanePolicy', 'parseRR', 'formatRR', 'verifyRRset', 'computeDS', 'nsec3Hash', 'tlsaAssociation', 'Validator', 'StubResolver', 'Name']) {
      expect(typeof (api as Record<string, unknown>)[name], name).to.equal('function');
    }
  });

  it('computeDS(parseRR(...)) gives the RFC 4034 §5.4 DS, printed by formatRR', () => {
    const rrs = api.parseZone(vector('crypto/rfc4034-5.4-ds.zone'));
    const key = rrs.find((r) => r.type === api.RRType.DNSKEY)!;
    const ds = rrs.find((r) => r.type === api.RRType.DS)!;
    const mine = api.computeDS(key, 1);
    expect(api.formatRR(mine).split(' ').slice(3).join(' ')).to.equal(api.formatRR(ds).split(' ').slice(3).join(' '));
    expect(api.keyTag(key.rdata)).to.equal(60485);
  });

  it('nsec3Hash gives the RFC 5155 Appendix A hash of "example"', () => {
    expect(api.nsec3Hash('example.', 'aabbccdd', 12).toLowerCase()).to.equal('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
    expect(api.nsec3Hash('a.example.', 'aabbccdd', 12).toLowerCase()).to.equal('35mthgpgcu1qg68fab165klnsnk3dpvl');
  });

  it('verifyRRset accepts the RFC 8080 §6 Ed25519 example and rejects it with one bit flipped', () => {
    const rrs = api.parseZone(vector('crypto/rfc8080-6.zone'));
    const keys = rrs.filter((r) => r.type === api.RRType.DNSKEY);
    const sig = rrs.find((r) => r.type === api.RRType.RRSIG)!;
    const rrset = rrs.filter((r) => r.type === (sig.data as { typeCovered: number }).typeCovered && r.name.equals(sig.name));
    const now = new Date(((sig.data as { inception: number }).inception + 60) * 1000);
    expect(api.verifyRRset({ rrset, rrsig: sig, keys, now }).ok).to.equal(true);
    const bad = { ...sig.data as api.RRSIGData };
    bad.signature = bad.signature.slice();
    bad.signature[0]! ^= 1;
    const badSig = api.createRR({ name: sig.name, type: api.RRType.RRSIG, ttl: sig.ttl, data: bad });
    const r = api.verifyRRset({ rrset, rrsig: badSig, keys, now });
    expect(r.ok).to.equal(false);
  });

  it('tlsaAssociation rejects input that is not a certificate with a clear error', () => {
    expect(() => api.tlsaAssociation('not a certificate', 1, 1)).to.throw(TypeError, /PEM/);
  });
});
