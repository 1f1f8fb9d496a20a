import { expect } from 'chai';
import fc from 'fast-check';
import { Name } from '../../src/dns/name.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../../src/dns/record.ts';
import { getBackend } from '../../src/dnssec/algorithms.ts';
import { buildSignedData, rrsigFixedOctets, rrsigSignedData, SIGNED_DATA_SCRATCH_OCTETS, signedOwner, verifyRRset, type VerifyRRsetInput } from '../../src/dnssec/rrsig.ts';
import { canonicalRdata, compareBytes } from '../../src/dns/canonical.ts';
import type { CryptoBackend } from '../../src/dnssec/crypto/types.ts';
import { generateKey, revoked, signRRset, SIGNING_ALGORITHMS, withFlags, type TestKey } from '../../src/testing/keys.ts';

const ZONE = Name.parse('example.');
const NOW = new Date('2026-11-28T08:00:00Z');
const INCEPTION = new Date('2026-11-01T00:00:00Z');
const EXPIRATION = new Date('2026-12-01T00:00:00Z');

const n = (s: string) => Name.parse(s);
function tlsa(owner: string, hex: string, ttl = 300): ResourceRecord {
  return createRR({ name: n(owner), type: RRType.TLSA, ttl, data: { certUsage: 3, selector: 1, matchingType: 1, certificateAssociationData: Uint8Array.from(Buffer.from(hex, 'hex')) } });
}
function mx(owner: string, pref: number, exchange: string, ttl = 300): ResourceRecord {
  return createRR({ name: n(owner), type: RRType.MX, ttl, data: { preference: pref, exchange: n(exchange) } });
}
function a(owner: string, addr: string, ttl = 300): ResourceRecord {
  return createRR({ name: n(owner), type: RRType.A, ttl, data: { address: addr } });
}
type RRSIG = RecordOf<typeof RRType.RRSIG>;
function patch(rrsig: RRSIG, p: Partial<RRSIG['data']>, header: Partial<Pick<ResourceRecord, 'name' | 'class'>> = {}): RRSIG {
  return createRR({ name: header.name ?? rrsig.name, type: RRType.RRSIG, class: header.class ?? rrsig.class, ttl: rrsig.ttl, data: { ...rrsig.data, ...p } }) as RRSIG;
}

const TLSA_SET = [tlsa('_25._tcp.mx.example.', 'aa'.repeat(32)), tlsa('_25._tcp.mx.example.', 'bb'.repeat(32))];

describe('dnssec/rrsig', () => {
  let key: TestKey;
  let sig: RRSIG;
  let base: VerifyRRsetInput;
  before(() => {
    key = generateKey(13);
    sig = signRRset(TLSA_SET, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    base = { rrset: TLSA_SET, rrsig: sig, keys: [key.dnskey(ZONE)], now: NOW };
  });
  const expectFail = (input: Partial<VerifyRRsetInput>, code: string) => {
    const r = verifyRRset({ ...base, ...input });
    expect(r.ok, r.ok ? 'verified' : r.reason).to.equal(false);
    if (!r.ok) expect(r.code, r.reason).to.equal(code);
    return r;
  };

  describe('signs and verifies with every algorithm on both backends', () => {
    for (const alg of SIGNING_ALGORITHMS) {
      it(`algorithm ${alg}`, () => {
        const k = generateKey(alg, { bits: 1024 });
        const s = signRRset(TLSA_SET, k, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
        for (const b of ['native', 'pure'] as const) {
          const r = verifyRRset({ rrset: TLSA_SET, rrsig: s, keys: [k.dnskey(ZONE)], now: NOW, backend: getBackend(b) });
          expect(r.ok, `${b}: ${r.ok ? '' : r.reason}`).to.equal(true);
          const bad = verifyRRset({ rrset: [TLSA_SET[0]!], rrsig: s, keys: [k.dnskey(ZONE)], now: NOW, backend: getBackend(b) });
          expect(bad.ok, `${b} with a record removed`).to.equal(false);
        }
      });
    }
  });

  it('verifies, naming the key and bounding the TTL (RFC 4035 §5.3.3)', () => {
    const r = verifyRRset(base);
    expect(r.ok).to.equal(true);
    if (r.ok) {
      expect(r.keyTag).to.equal(key.keyTag);
      expect(r.ttl).to.equal(300);
      expect(r.expiresAt.toISOString()).to.equal(EXPIRATION.toISOString());
    }
    const late = verifyRRset({ ...base, now: new Date(EXPIRATION.getTime() - 60_000) });
    expect(late.ok && late.ttl).to.equal(60);
  });

  it('accepts the RRset in any order, with duplicates, and with owner case changed (RFC 4034 §6.2, §6.3)', () => {
    const shuffled = [TLSA_SET[1]!, TLSA_SET[0]!, TLSA_SET[1]!];
    expect(verifyRRset({ ...base, rrset: shuffled }).ok).to.equal(true);
    const upper = TLSA_SET.map((r) => ({ ...r, name: n('_25._TCP.MX.Example.') }));
    expect(verifyRRset({ ...base, rrset: upper, rrsig: patch(sig, {}, { name: n('_25._TCP.MX.Example.') }) }).ok).to.equal(true);
  });

  it('lower-cases names inside MX RDATA before verifying (RFC 4034 §6.2 item 3)', () => {
    const set = [mx('example.', 10, 'mail.example.')];
    const s = signRRset(set, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    const shouted = [mx('example.', 10, 'MAIL.Example.')];
    expect(verifyRRset({ ...base, rrset: shouted, rrsig: s }).ok).to.equal(true);
  });

  it('uses the original TTL from the RRSIG, not the TTL as received', () => {
    const decremented = TLSA_SET.map((r) => ({ ...r, ttl: 17 }));
    const r = verifyRRset({ ...base, rrset: decremented });
    expect(r.ok).to.equal(true);
    if (r.ok) expect(r.ttl).to.equal(17);
    expectFail({ rrsig: patch(sig, { originalTtl: 301 }) }, 'signature-invalid');
  });

  it('verifies a wildcard expansion from the labels field (RFC 4035 §5.3.2), and not with a wrong count', () => {
    const wild = [a('*.w.example.', '192.0.2.1')];
    const s = signRRset(wild, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    expect(s.data.labels).to.equal(2);
    const expanded = [a('x.y.w.example.', '192.0.2.1')];
    const r = verifyRRset({ ...base, rrset: expanded, rrsig: patch(s, {}, { name: n('x.y.w.example.') }) });
    expect(r.ok, r.ok ? '' : r.reason).to.equal(true);
    // a labels field of 3 would mean the wildcard *.y.w.example.: different signed data
    expectFail({ rrset: expanded, rrsig: patch(s, { labels: 3 }, { name: n('x.y.w.example.') }) }, 'signature-invalid');
    expect(signedOwner(n('x.y.w.example.'), 2).toString()).to.equal('*.w.example.');
    expect(signedOwner(n('*.w.example.'), 2).toString()).to.equal('*.w.example.');
  });

  it('restores the wildcard owner even when the expanded name has the same wire length (RFC 4035 §5.3.2)', () => {
    const wild = [a('*.w.example.', '192.0.2.1')];
    const s = signRRset(wild, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    // x.w.example. and *.w.example. both take 13 octets: only the labels field tells them apart
    expect(n('x.w.example.').wireLength).to.equal(n('*.w.example.').wireLength);
    const expanded = [a('X.w.example.', '192.0.2.1')];
    const r = verifyRRset({ ...base, rrset: expanded, rrsig: patch(s, {}, { name: n('X.w.example.') }) });
    expect(r.ok, r.ok ? '' : r.reason).to.equal(true);
    // the same record signed as itself (labels 3) is other signed data
    const own = signRRset([a('x.w.example.', '192.0.2.1')], key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    expectFail({ rrset: expanded, rrsig: patch(own, { labels: 2 }, { name: n('X.w.example.') }) }, 'signature-invalid');
  });

  it('rejects an RRSIG whose labels field exceeds the owner label count', () => {
    expectFail({ rrsig: patch(sig, { labels: 5 }) }, 'rrsig-labels-exceed-owner');
  });

  it('rejects an RRSIG whose owner or class differs from the RRset (RFC 4035 §5.3.1)', () => {
    expectFail({ rrsig: patch(sig, {}, { name: n('_443._tcp.mx.example.') }) }, 'rrsig-owner-mismatch');
    expectFail({ rrsig: patch(sig, {}, { class: 3 }) }, 'rrsig-class-mismatch');
  });

  it('rejects an RRSIG whose type covered is not the RRset type', () => {
    expectFail({ rrsig: patch(sig, { typeCovered: RRType.A }) }, 'rrsig-type-mismatch');
  });

  it('rejects a signer that is not the owner or an ancestor', () => {
    expectFail({ rrsig: patch(sig, { signerName: n('mx.example.net.') }) }, 'rrsig-signer-not-ancestor');
  });

  it('rejects an RRset whose records differ in owner or type, and malformed RDATA, as values', () => {
    expectFail({ rrset: [...TLSA_SET, tlsa('_25._tcp.other.example.', 'cc'.repeat(32))] }, 'rrset-inconsistent');
    expectFail({ rrset: [] }, 'empty-rrset');
    const m = mx('example.', 10, 'mail.example.');
    const broken = { ...m, rdata: m.rdata.subarray(0, m.rdata.length - 1) };
    const s = signRRset([m], key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    expectFail({ rrset: [broken], rrsig: s }, 'rrset-malformed');
  });

  it('honours serial arithmetic across the 2^32-second wrap (RFC 1982, RFC 4034 §3.1.5)', () => {
    // inception just before 2106-02-07T06:28:16Z (2^32 s), expiration just after it (a small number)
    const wrapNow = new Date(2 ** 32 * 1000 + 10_000);
    const s = signRRset(TLSA_SET, key, { signer: ZONE, inception: 2 ** 32 - 3600, expiration: 3600 });
    expect(s.data.expiration).to.equal(3600);
    expect(verifyRRset({ ...base, rrsig: s, now: wrapNow }).ok).to.equal(true);
    expectFail({ rrsig: s, now: new Date(2 ** 32 * 1000 + 7200_000) }, 'signature-expired');
  });

  it('rejects a window whose expiration precedes its inception', () => {
    const s = signRRset(TLSA_SET, key, { signer: ZONE, inception: EXPIRATION, expiration: INCEPTION });
    expectFail({ rrsig: s }, 'rrsig-window-inverted');
  });

  it('tolerates the configured clock skew at both ends, and no more', () => {
    const after = new Date(EXPIRATION.getTime() + 30_000);
    expectFail({ now: after }, 'signature-expired');
    expect(verifyRRset({ ...base, now: after, clockSkewSeconds: 60 }).ok).to.equal(true);
    const before = new Date(INCEPTION.getTime() - 30_000);
    expectFail({ now: before }, 'signature-not-yet-valid');
    expect(verifyRRset({ ...base, now: before, clockSkewSeconds: 60 }).ok).to.equal(true);
    expectFail({ now: before, clockSkewSeconds: 10 }, 'signature-not-yet-valid');
  });

  it('says which key and when in the expiry reason', () => {
    const r = expectFail({ now: new Date('2026-12-24T00:00:00Z') }, 'signature-expired');
    if (!r.ok) {
      expect(r.reason).to.equal(`RRSIG for _25._tcp.mx.example. TLSA by example. key ${key.keyTag} expired 2026-12-01T00:00:00Z, now 2026-12-24T00:00:00Z`);
      expect(r.ede).to.equal(7);
    }
  });

  it('requires the ZONE flag (RFC 4034 §2.1.1) and protocol 3 (§2.1.2)', () => {
    const noZone = withFlags(key, 0);
    const s = signRRset(TLSA_SET, noZone, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    const r = expectFail({ rrsig: s, keys: [noZone.dnskey(ZONE)] }, 'dnskey-not-zone-key');
    if (!r.ok) expect(r.ede).to.equal(11);
    const k = key.dnskey(ZONE);
    const proto2 = createRR({ name: ZONE, type: RRType.DNSKEY, ttl: 3600, data: { ...k.data, protocol: 2 } });
    const s2 = patch(sig, { keyTag: (key.keyTag - 0x100 + 0x10000) & 0xffff }); // protocol is summed at the odd octet 2: tag - 1<<8
    expectFail({ rrsig: s2, keys: [proto2] }, 'dnskey-bad-protocol');
  });

  it('never validates with a REVOKEd key (RFC 5011 §2.1), except its own self-signature on request', () => {
    const rev = revoked(key);
    const s = signRRset(TLSA_SET, rev, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    expectFail({ rrsig: s, keys: [rev.dnskey(ZONE)] }, 'dnskey-revoked');
    expectFail({ rrsig: s, keys: [rev.dnskey(ZONE)], allowRevokedSelfSignature: true }, 'dnskey-revoked');
    const keyset = [rev.dnskey(ZONE), generateKey(13).dnskey(ZONE)];
    const self = signRRset(keyset, rev, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    expectFail({ rrset: keyset, rrsig: self, keys: keyset }, 'dnskey-revoked');
    expect(verifyRRset({ ...base, rrset: keyset, rrsig: self, keys: keyset, allowRevokedSelfSignature: true }).ok).to.equal(true);
  });

  it('needs a DNSKEY with the signer name, algorithm and key tag', () => {
    const r = expectFail({ keys: [] }, 'dnskey-missing');
    if (!r.ok) expect(r.ede).to.equal(9);
    expectFail({ keys: [key.dnskey(n('other.example.'))] }, 'dnskey-missing');
    expectFail({ rrsig: patch(sig, { algorithm: 14 }) }, 'dnskey-missing');
  });

  it('reports unsupported algorithms and the SHA-1 policy as such, not as bogus signatures', () => {
    const r = expectFail({ rrsig: patch(sig, { algorithm: 12 }) }, 'algorithm-unsupported');
    if (!r.ok) expect(r.ede).to.equal(1);
    const k5 = generateKey(5, { bits: 1024 });
    const s5 = signRRset(TLSA_SET, k5, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
    expect(verifyRRset({ ...base, rrsig: s5, keys: [k5.dnskey(ZONE)] }).ok).to.equal(true);
    const off = expectFail({ rrsig: s5, keys: [k5.dnskey(ZONE)], policy: { allowSha1: false } }, 'algorithm-disabled');
    if (!off.ok) expect(off.reason).to.match(/SHA-1, disabled by policy/);
  });

  it('reports a signature of the wrong length as malformed', () => {
    expectFail({ rrsig: patch(sig, { signature: sig.data.signature.subarray(1) }) }, 'signature-malformed');
  });

  it('finds the right key among several sharing a tag, within the bound', () => {
    const other = generateKey(13);
    expect(verifyRRset({ ...base, keys: [other.dnskey(ZONE), key.dnskey(ZONE)] }).ok).to.equal(true);
  });

  it('builds signed data exactly as RFC 4034 §3.1.8.1 lays it out', () => {
    const rr = a('WWW.example.', '192.0.2.1', 123);
    const fixed = rrsigFixedOctets({ typeCovered: 1, algorithm: 13, labels: 2, originalTtl: 3600, expiration: 2, inception: 1, keyTag: 0x1234 });
    const data = buildSignedData([rr], fixed, n('Example.'), 2, 3600);
    const hex = Buffer.from(data).toString('hex');
    expect(hex).to.equal(
      '0001' + '0d' + '02' + '00000e10' + '00000002' + '00000001' + '1234' + // RRSIG fields
      '076578616d706c6500' + // signer, lower-cased
      '03777777076578616d706c6500' + '0001' + '0001' + '00000e10' + '0004' + 'c0000201', // www.example. A IN 3600 192.0.2.1
    );
  });

  it('throws only for caller misuse: a non-RRSIG record', () => {
    expect(() => verifyRRset({ ...base, rrsig: TLSA_SET[0]! })).to.throw(TypeError);
  });

  it('throws for a clock that is an Invalid Date or a skew that is not finite (they would pass any window)', () => {
    expect(verifyRRset({ ...base, clockSkewSeconds: 30 }).ok).to.equal(true);
    expect(() => verifyRRset({ ...base, now: new Date(Number.NaN) })).to.throw(TypeError, /Invalid Date/);
    expect(() => verifyRRset({ ...base, clockSkewSeconds: Number.NaN })).to.throw(TypeError, /clockSkewSeconds/);
    expect(() => verifyRRset({ ...base, clockSkewSeconds: Number.POSITIVE_INFINITY })).to.throw(TypeError, /clockSkewSeconds/);
  });

  describe('signed data fast path (reused buffer, names written in place)', () => {
    const txt = (owner: string, bytes: number, fill: number) =>
      createRR({ name: n(owner), type: RRType.TXT, ttl: 300, data: { strings: [new Uint8Array(Math.min(bytes, 255)).fill(fill)] } });

    it('verifies an RRset whose signed data exceeds the reused buffer, on both backends, and not with a record removed', () => {
      const big: ResourceRecord[] = [];
      for (let i = 0; big.length * 280 <= SIGNED_DATA_SCRATCH_OCTETS; i++) big.push(txt('big.example.', 255, i));
      const s = signRRset(big, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
      expect(rrsigSignedData(big, s).length).to.be.greaterThan(SIGNED_DATA_SCRATCH_OCTETS);
      for (const b of ['native', 'pure'] as const) {
        expect(verifyRRset({ ...base, rrset: big, rrsig: s, backend: getBackend(b) }).ok, b).to.equal(true);
        expectFail({ rrset: big.slice(1), rrsig: s, backend: getBackend(b) }, 'signature-invalid');
      }
    });

    it('returns signed data that later verifications do not overwrite', () => {
      const first = rrsigSignedData(TLSA_SET, sig);
      const copy = first.slice();
      const other = [txt('o.example.', 50, 0x55)];
      const s = signRRset(other, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
      expect(verifyRRset({ ...base, rrset: other, rrsig: s }).ok).to.equal(true);
      expect(Buffer.from(first).equals(Buffer.from(copy))).to.equal(true);
    });

    it('stays correct when a backend verifies another RRset from inside its verify (re-entrant use of the buffer)', () => {
      const native = getBackend('native');
      const other = [txt('o.example.', 60, 0x77)];
      const otherSig = signRRset(other, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
      let inner = 0;
      const nesting: CryptoBackend = {
        name: 'native',
        digest: (h, d) => native.digest(h, d),
        importKey: (k) => native.importKey(k),
        verify(k, data, signature) {
          if (inner++ === 0) expect(verifyRRset({ ...base, rrset: other, rrsig: otherSig, backend: nesting }).ok).to.equal(true);
          return native.verify(k, data, signature);
        },
      };
      expect(verifyRRset({ ...base, backend: nesting }).ok).to.equal(true);
      inner = 0;
      expectFail({ rrset: [TLSA_SET[0]!], backend: nesting }, 'signature-invalid');
    });

    it('propagates an exception from a backend, and verifies (and rejects) correctly afterwards', () => {
      const native = getBackend('native');
      const throwing: CryptoBackend = { ...native, name: 'native', verify: () => { throw new Error('backend broke'); } };
      expect(() => verifyRRset({ ...base, backend: throwing })).to.throw('backend broke');
      expect(verifyRRset(base).ok).to.equal(true);
      expectFail({ rrset: [TLSA_SET[1]!] }, 'signature-invalid');
    });

    // An independent, naive construction of RFC 4034 §3.1.8.1 to hold the fast writer against.
    const naiveSignedData = (rrset: readonly ResourceRecord[], rrsig: RRSIG): Uint8Array => {
      const d = rrsig.data;
      const owner = signedOwner(rrset[0]!.name, d.labels).toCanonicalWire();
      const rdatas = rrset.map((r) => canonicalRdata(r.type, r.rdata)).sort(compareBytes)
        .filter((r, i, all) => i === 0 || compareBytes(all[i - 1]!, r) !== 0);
      const parts: number[] = [...rrsig.rdata.subarray(0, 18), ...d.signerName.toCanonicalWire()];
      for (const r of rdatas) {
        const t = rrset[0]!;
        parts.push(...owner, t.type >> 8, t.type & 0xff, t.class >> 8, t.class & 0xff,
          d.originalTtl >>> 24, (d.originalTtl >>> 16) & 0xff, (d.originalTtl >>> 8) & 0xff, d.originalTtl & 0xff, r.length >> 8, r.length & 0xff, ...r);
      }
      return Uint8Array.from(parts);
    };

    it('builds the same octets as a naive RFC 4034 §3.1.8.1 construction for any owner case, wildcard depth and RDATA', () => {
      const mixedLabel = fc.stringMatching(/^[a-zA-Z0-9_-]{1,10}$/);
      fc.assert(fc.property(
        fc.array(mixedLabel, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(65535), fc.array(mixedLabel, { minLength: 0, maxLength: 3 })), { minLength: 1, maxLength: 20 }),
        (labels, depth, mxs) => {
          const owner = `${labels.join('.')}.Example.`;
          const rrset = mxs.map(([pref, ex]) => mx(owner, pref, ex.length ? `${ex.join('.')}.EXample.` : '.'));
          const signerLabels = 1;
          const ownerLabels = n(owner).rrsigLabelCount;
          const lbl = signerLabels + (depth % (ownerLabels - signerLabels + 1)); // from the zone apex to the full owner
          const s = signRRset(rrset, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
          const withLabels = patch(s, { labels: lbl });
          const want = Buffer.from(naiveSignedData(rrset, withLabels)).toString('hex');
          return Buffer.from(rrsigSignedData(rrset, withLabels)).toString('hex') === want;
        },
      ), { seed: 20261128, numRuns: 200 });
    });
  });

  describe('properties (fast-check, fixed seed)', () => {
    const SEED = 20261128;
    const RUNS = 60;
    const txt = (owner: Name, strings: Uint8Array[]) => createRR({ name: owner, type: RRType.TXT, ttl: 300, data: { strings } });
    const labelArb = fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/);
    const rrsetArb = fc.record({
      labels: fc.array(labelArb, { minLength: 1, maxLength: 3 }),
      datas: fc.array(fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
    });
    const build = (x: { labels: string[]; datas: Uint8Array[][] }) => {
      const owner = Name.parse(`${x.labels.join('.')}.example.`);
      return { owner, rrset: x.datas.map((d) => txt(owner, d)) };
    };
    const flipCase = (nm: Name) => new Name(nm.labels.map((l) => l.map((b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) ? b ^ 0x20 : b)));

    for (const b of ['native', 'pure'] as const) {
      it(`verifies any TXT RRset in any order, with duplicates and owner case flipped (${b})`, () => {
        fc.assert(fc.property(rrsetArb, fc.nat(), (x, rot) => {
          const { owner, rrset } = build(x);
          const s = signRRset(rrset, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
          const k = rot % rrset.length;
          const shuffled = [...rrset.slice(k), ...rrset.slice(0, k), rrset[0]!].map((r) => ({ ...r, name: flipCase(owner) }));
          const r = verifyRRset({ rrset: shuffled, rrsig: patch(s, {}, { name: flipCase(owner) }), keys: [key.dnskey(ZONE)], now: NOW, backend: getBackend(b) });
          return r.ok;
        }), { seed: SEED, numRuns: RUNS });
      });

      it(`fails on any single flipped bit in any record's RDATA (${b})`, () => {
        fc.assert(fc.property(rrsetArb, fc.nat(), fc.nat(), (x, which, bit) => {
          const { rrset } = build(x);
          const s = signRRset(rrset, key, { signer: ZONE, inception: INCEPTION, expiration: EXPIRATION });
          const i = which % rrset.length;
          const victim = rrset[i]!;
          const bitIndex = bit % (victim.rdata.length * 8);
          const rdata = victim.rdata.slice();
          rdata[bitIndex >> 3] = rdata[bitIndex >> 3]! ^ (1 << (bitIndex & 7));
          const bent = rrset.map((r, j) => (j === i ? { ...r, rdata } : r));
          // a flip that turns this record into another member of the set changes the set as well
          const r = verifyRRset({ rrset: bent, rrsig: s, keys: [key.dnskey(ZONE)], now: NOW, backend: getBackend(b) });
          return !r.ok && ['signature-invalid', 'rrset-malformed'].includes(r.code);
        }), { seed: SEED, numRuns: RUNS });
      });
    }
  });
});
