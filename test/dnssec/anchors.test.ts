import { expect } from 'chai';
import { closestAnchors, ianaRootAnchors, MAX_TRUST_ANCHOR_TEXT_LENGTH, parseTrustAnchors, parseTrustAnchorXml, TrustAnchorError } from '../../src/dnssec/anchors.ts';
import { IANA_ROOT_ANCHORS_XML } from '../../src/dnssec/root-anchors.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import type { Resolver, QueryResult } from '../../src/resolver/result.ts';
import type { Message } from '../../src/dns/message.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { formatRR } from '../../src/dns/presentation.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { computeDS } from '../../src/dnssec/ds.ts';
import { generateKey, revoked, signRRset, type TestKey } from '../../src/testing/keys.ts';

describe('dnssec/anchors', () => {
  describe('the bundled IANA root anchors', () => {
    it('hold KSK-2017 (20326) and KSK-2024 (38696) with the digests IANA publishes, and the expired KSK-2010', () => {
      const a = ianaRootAnchors();
      // The digests as ../shared/SPEC-NOTES.md states them (and IANA publishes them).
      expect(a.map((x) => formatRR(x.record).replace(/\s+/g, ' ').toUpperCase())).to.deep.equal([
        '. 0 IN DS 19036 8 2 49AAC11D7B6F6446702E54A1607371607A1A41855200FD2CE1CDDE32F24E8FB5',
        '. 0 IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D',
        '. 0 IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16',
      ]);
    });

    it('honour validity windows: KSK-2010 before 2019-01-11 only, KSK-2024 from 2024-07-18', () => {
      const tags = (d: string) => closestAnchors(ianaRootAnchors(), Name.parse('example.'), new Date(d))!.anchors.map((a) => (a.record.data as { keyTag: number }).keyTag);
      expect(tags('2018-06-01T00:00:00Z')).to.deep.equal([19036, 20326]);
      expect(tags('2024-01-01T00:00:00Z')).to.deep.equal([20326]);
      expect(tags('2026-11-28T00:00:00Z')).to.deep.equal([20326, 38696]);
      expect(closestAnchors(ianaRootAnchors(), Name.ROOT, new Date('2009-01-01T00:00:00Z'))).to.equal(undefined);
    });

    it('parse as RFC 9718 XML with PublicKey and Flags elements present', () => {
      expect(parseTrustAnchorXml(IANA_ROOT_ANCHORS_XML)).to.have.length(3);
    });
  });

  describe('user anchors', () => {
    it('accept DS and DNSKEY lines for any zone and pick the closest enclosing zone', () => {
      const a = parseTrustAnchors('example. IN DS 1 13 2 ' + 'ab'.repeat(32) + '\n. IN DS 2 8 2 ' + 'cd'.repeat(32) + '\nsub.example. IN DNSKEY 257 3 15 ' + Buffer.alloc(32, 1).toString('base64'));
      expect(a).to.have.length(3);
      const now = new Date();
      expect(closestAnchors(a, Name.parse('x.sub.example.'), now)!.zone.toString()).to.equal('sub.example.');
      expect(closestAnchors(a, Name.parse('x.example.'), now)!.zone.toString()).to.equal('example.');
      expect(closestAnchors(a, Name.parse('x.org.'), now)!.zone.toString()).to.equal('.');
    });

    it('reject other record types, empty input and malformed XML with a TrustAnchorError', () => {
      expect(() => parseTrustAnchors('example. IN A 192.0.2.1')).to.throw(TrustAnchorError, /DS or DNSKEY/);
      expect(() => parseTrustAnchors('; nothing\n')).to.throw(TrustAnchorError);
      expect(() => parseTrustAnchors('<TrustAnchor><Zone>.</Zone></TrustAnchor>')).to.throw(TrustAnchorError, /KeyDigest/);
      expect(() => parseTrustAnchors('<TrustAnchor><Zone>.</Zone><KeyDigest><KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>zz</Digest></KeyDigest></TrustAnchor>')).to.throw(TrustAnchorError, /Digest/);
      expect(() => parseTrustAnchors(`<TrustAnchor><Zone>.</Zone><KeyDigest validFrom="soon"><KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>${'00'.repeat(32)}</Digest></KeyDigest></TrustAnchor>`)).to.throw(TrustAnchorError, /validFrom/);
    });

    it('reject a DS whose digest is not its digest type\'s length (text and XML), and text over the size limit', () => {
      for (const [type, length] of [[1, 20], [2, 32], [4, 48]] as const) {
        expect(parseTrustAnchors(`example. IN DS 1 8 ${type} ${'ab'.repeat(length)}`)).to.have.length(1);
        expect(() => parseTrustAnchors(`example. IN DS 1 8 ${type} ${'ab'.repeat(length + 1)}`)).to.throw(TrustAnchorError, new RegExp(`digest of ${length + 1} octets; digest type ${type} has ${length}`));
      }
      expect(() => parseTrustAnchors(`<TrustAnchor><Zone>.</Zone><KeyDigest><KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>${'00'.repeat(31)}</Digest></KeyDigest></TrustAnchor>`)).to.throw(TrustAnchorError, /digest type 2 has 32/);
      // An unknown digest type is left to the matcher (which ignores it).
      expect(parseTrustAnchors('example. IN DS 1 8 99 abcd')).to.have.length(1);
      expect(() => parseTrustAnchors(`; ${'x'.repeat(MAX_TRUST_ANCHOR_TEXT_LENGTH)}\nexample. IN DS 1 8 2 ${'ab'.repeat(32)}`)).to.throw(TrustAnchorError, /more than/);
    });
  });

  /**
   * The 2024-2027 root KSK rollover, replayed with our own keys in the roles of KSK-2017 and KSK-2024:
   * both DS anchors are configured, as the bundled file has them.
   */
  describe('root KSK rollover phases (RFC 5011)', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const window = { signer: Name.ROOT, inception: new Date('2026-11-01T00:00:00Z'), expiration: new Date('2026-12-31T00:00:00Z') };
    let k2017: TestKey, k2024: TestKey, zsk: TestKey;
    let anchors: string;

    before(() => {
      k2017 = generateKey(8, { ksk: true, bits: 1024 });
      k2024 = generateKey(8, { ksk: true, bits: 1024 });
      zsk = generateKey(8, { bits: 1024 });
      anchors = [k2017, k2024].map((k) => formatRR(computeDS(k.dnskey(Name.ROOT, 172800), 2))).join('\n');
    });

    /** A resolver that serves one root DNSKEY RRset signed by the given keys. */
    function rootServing(keys: TestKey[], signers: TestKey[]): Resolver {
      const rrset: ResourceRecord[] = keys.map((k) => k.dnskey(Name.ROOT, 172800));
      const sigs = signers.map((k) => signRRset(rrset, k, window));
      return {
        async query(name: Name, type: number): Promise<QueryResult> {
          const message: Message = {
            id: 1, opcode: 0, rcode: 0,
            flags: { qr: true, aa: false, tc: false, rd: true, ra: true, ad: false, cd: true },
            questions: [{ name, type, class: 1 }],
            answers: name.isRoot && type === RRType.DNSKEY ? [...rrset, ...sigs] : [],
            authorities: [], additionals: [],
          };
          return { ok: true, message, server: 'mock', transport: 'udp', fromCache: false, attempts: [] };
        },
      };
    }
    const status = async (r: Resolver) => (await new Validator({ upstream: r, trustAnchors: anchors, now: () => now }).lookup('.', RRType.DNSKEY));

    it('phase 1: KSK-2017 signs the DNSKEY RRset, KSK-2024 published: secure', async () => {
      expect((await status(rootServing([k2017, k2024, zsk], [k2017]))).status).to.equal('secure');
    });

    it('phase 2 (from 2026-10-11): KSK-2024 signs: secure', async () => {
      expect((await status(rootServing([k2017, k2024, zsk], [k2024]))).status).to.equal('secure');
    });

    it('phase 3 (from 2027-01-11): KSK-2017 revoked and self-signed, KSK-2024 signs: secure', async () => {
      const r = await status(rootServing([revoked(k2017), k2024, zsk], [revoked(k2017), k2024]));
      expect(r.status, r.reason).to.equal('secure');
    });

    it('a revoked key never validates, even one an anchor named before revocation', async () => {
      const r = await status(rootServing([revoked(k2017), k2024, zsk], [revoked(k2017)]));
      expect(r.status).to.equal('bogus');
    });

    it('refuses an invalid clock instead of accepting signatures of any time', async () => {
      const v = new Validator({ upstream: rootServing([k2024, zsk], [k2024]), trustAnchors: anchors, now: () => new Date(NaN) });
      let err: unknown;
      try { await v.lookup('.', RRType.DNSKEY); } catch (e) { err = e; }
      expect(err).to.be.instanceOf(TypeError);
    });

    it('an anchor outside its validity window authenticates nothing', async () => {
      const future = `<TrustAnchor><Zone>.</Zone><KeyDigest validFrom="2030-01-01T00:00:00+00:00"><KeyTag>${k2024.keyTag}</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>${Buffer.from(computeDS(k2024.dnskey(Name.ROOT, 1), 2).data.digest).toString('hex')}</Digest></KeyDigest></TrustAnchor>`;
      const v = new Validator({ upstream: rootServing([k2024, zsk], [k2024]), trustAnchors: future, now: () => now });
      const r = await v.lookup('.', RRType.DNSKEY);
      expect(r.status).to.equal('indeterminate');
      expect(r.reasons[0]!.code).to.equal('no-trust-anchor');
    });
  });
});
