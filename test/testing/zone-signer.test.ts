import { expect } from 'chai';
import { parseZone } from '../../src/dns/presentation.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../../src/dns/record.ts';
import { generateKey, SIGNING_ALGORITHMS, type TestKey } from '../../src/testing/keys.ts';
import { signZone, type DenialOption, type SignedZone, type ZoneBreak } from '../../src/testing/zone-signer.ts';
import { fakeKey } from '../../src/testing/world/fake-keys.ts';
import { keyTag } from '../../src/dnssec/keytag.ts';
import { toSerialTime } from '../../src/dnssec/serial.ts';
import { verifyRRset } from '../../src/dnssec/rrsig.ts';
import { bindVerifyZone, ldnsVerifyZone } from './verifiers.ts';

const origin = Name.parse('example.');
/** Every shape the signer must handle: apex data, ENTs, wildcard, CNAME, DNAME, glue, secure/insecure/opted-out delegations. */
const ZONE = `
@ 3600 IN SOA ns.example. hostmaster.example. 1 3600 900 604800 300
@ NS ns
ns A 192.0.2.53
www A 192.0.2.1
www AAAA 2001:db8::1
@ MX 10 mail
mail A 192.0.2.25
_25._tcp.mail TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
a.b.c TXT "deep"
*.w MX 10 mail
alias CNAME www
moved DNAME example.net.
sub NS ns.sub
ns.sub A 192.0.2.54
sec NS ns.sec
sec DS 12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
ns.sec A 192.0.2.55
deleg.ent NS ns.other.
`;
const records = (): ResourceRecord[] => parseZone(ZONE, { origin });

// The validity window is around the real clock: dnssec-verify has no option to set its time.
const NOW = new Date();
const DAY_MS = 86_400_000;
const window = { inception: new Date(NOW.getTime() - DAY_MS), expiration: new Date(NOW.getTime() + 30 * DAY_MS) };

const keyCache = new Map<string, TestKey>();
function key(algorithm: number, ksk: boolean): TestKey {
  const k = `${algorithm}/${ksk}`;
  let v = keyCache.get(k);
  if (!v) keyCache.set(k, (v = generateKey(algorithm, { ksk })));
  return v;
}

function sign(algorithm: number, denial: DenialOption, breaks: ZoneBreak[] = []): SignedZone {
  return signZone(records(), { origin, keys: { ksk: key(algorithm, true), zsk: key(algorithm, false) }, denial, ...window, break: breaks });
}

const NSEC3: DenialOption = { nsec3: { salt: 'aabbccdd', iterations: 1 } };
const NSEC3_OPTOUT: DenialOption = { nsec3: { salt: '', iterations: 0, optOut: true } };
const DENIALS: [string, DenialOption][] = [['NSEC', 'nsec'], ['NSEC3', NSEC3], ['NSEC3 opt-out', NSEC3_OPTOUT]];

const ofType = <T extends number>(z: SignedZone, type: T) => z.records.filter((rr) => rr.type === type) as RecordOf<T & keyof import('../../src/dns/record.ts').RDataByType>[];
const sigsOver = (z: SignedZone, owner: string, type: number) =>
  (z.records.filter((rr) => rr.type === RRType.RRSIG) as RecordOf<typeof RRType.RRSIG>[]).filter(
    (s) => s.name.equals(Name.parse(owner, origin)) && s.data.typeCovered === type,
  );

describe('testing/zone-signer', function () {
  this.timeout(120_000);

  describe('output accepted by independent validators (ldns-verify-zone, dnssec-verify)', () => {
    for (const algorithm of SIGNING_ALGORITHMS) {
      for (const [label, denial] of DENIALS) {
        // RFC 5155 §2: algorithm 5 (RSASHA1) predates NSEC3 and must not be used with it.
        if (algorithm === 5 && denial !== 'nsec') continue;
        it(`algorithm ${algorithm} with ${label}`, () => {
          const z = sign(algorithm, denial);
          const ldns = ldnsVerifyZone(z, NOW, z.ds);
          expect(ldns.ok, ldns.output).to.equal(true);
          const bind = bindVerifyZone(z);
          expect(bind.ok, bind.output).to.equal(true);
        });
      }
    }
  });

  describe('zone shape', () => {
    const z = sign(13, 'nsec');

    it('signs DNSKEY with the KSK only and other RRsets with the ZSK only', () => {
      expect(sigsOver(z, '@', RRType.DNSKEY).map((s) => s.data.keyTag)).to.deep.equal([key(13, true).keyTag]);
      expect(sigsOver(z, 'www', RRType.A).map((s) => s.data.keyTag)).to.deep.equal([key(13, false).keyTag]);
    });

    it('signs DS but not NS at a delegation, and leaves glue unsigned (RFC 4035 §2.2)', () => {
      expect(sigsOver(z, 'sec', RRType.DS)).to.have.length(1);
      expect(sigsOver(z, 'sec', RRType.NS)).to.have.length(0);
      expect(sigsOver(z, 'ns.sec', RRType.A)).to.have.length(0);
      expect(sigsOver(z, 'sub', RRType.NS)).to.have.length(0);
    });

    it('gives the wildcard RRSIG a labels field without the `*` (RFC 4034 §3.1.3)', () => {
      expect(sigsOver(z, '*.w', RRType.MX)[0]!.data.labels).to.equal(2);
    });

    it('uses min(SOA TTL, SOA MINIMUM) as the NSEC TTL (RFC 9077 §3)', () => {
      expect(ofType(z, RRType.NSEC).every((rr) => rr.ttl === 300)).to.equal(true);
    });

    it('makes a SHA-256 DS for the parent that names the KSK', () => {
      expect(z.ds).to.have.length(1);
      expect(z.ds[0]!.data).to.include({ keyTag: key(13, true).keyTag, algorithm: 13, digestType: 2 });
      expect(z.ds[0]!.name.equals(origin)).to.equal(true);
    });

    it('publishes NSEC3PARAM and opt-out flags when asked (RFC 5155 §4, §3.1.2.1)', () => {
      const o = sign(13, NSEC3_OPTOUT);
      const param = ofType(o, RRType.NSEC3PARAM);
      expect(param).to.have.length(1);
      expect(param[0]!.data).to.include({ hashAlgorithm: 1, flags: 0, iterations: 0 });
      expect(ofType(o, RRType.NSEC3).every((rr) => rr.data.flags === 1)).to.equal(true);
      expect(ofType(sign(13, NSEC3), RRType.NSEC3).every((rr) => rr.data.flags === 0)).to.equal(true);
    });

    it('refuses a zone without SOA, and signed input', () => {
      const noSoa = records().filter((rr) => rr.type !== RRType.SOA);
      expect(() => signZone(noSoa, { origin, keys: { ksk: key(13, true) }, ...window })).to.throw(RangeError, /SOA/);
      const signed = sign(13, 'nsec').records;
      expect(() => signZone(signed, { origin, keys: { ksk: key(13, true) }, ...window })).to.throw(RangeError, /unsigned/);
    });

    it('signs everything with the KSK when no ZSK is given (a combined signing key)', () => {
      const csk = signZone(records(), { origin, keys: { ksk: key(13, true) }, ...window });
      expect(sigsOver(csk, 'www', RRType.A).map((s) => s.data.keyTag)).to.deep.equal([key(13, true).keyTag]);
      expect(ldnsVerifyZone(csk, NOW, csk.ds).ok).to.equal(true);
    });
  });

  describe('break knobs, each caught by an independent validator where a zone alone can show it', () => {
    const cases: { name: string; breaks: ZoneBreak[]; ldns: boolean; bind: boolean; denial?: DenialOption }[] = [
      { name: 'corrupt-signature on www A', breaks: [{ kind: 'corrupt-signature', name: 'www', type: 'A' }], ldns: false, bind: false },
      { name: 'corrupt-signature on the DNSKEY RRset', breaks: [{ kind: 'corrupt-signature', type: 'DNSKEY' }], ldns: false, bind: false },
      { name: 'expired-signature on www AAAA', breaks: [{ kind: 'expired-signature', name: 'www', type: 'AAAA' }], ldns: false, bind: false },
      { name: 'future-signature on the TLSA RRset', breaks: [{ kind: 'future-signature', name: '_25._tcp.mail', type: 'TLSA' }], ldns: false, bind: false },
      { name: 'missing-rrsig on mail A', breaks: [{ kind: 'missing-rrsig', name: 'mail', type: 'A' }], ldns: false, bind: false },
      { name: 'wrong-nsec-coverage around nope (NSEC)', breaks: [{ kind: 'wrong-nsec-coverage', name: 'nope' }], ldns: false, bind: false },
      { name: 'wrong-nsec-coverage around nope (NSEC3)', breaks: [{ kind: 'wrong-nsec-coverage', name: 'nope' }], ldns: false, bind: false, denial: NSEC3 },
      // ldns-verify-zone does not compare bitmaps with the data; BIND does.
      { name: 'nsec-bitmap claiming MX at www', breaks: [{ kind: 'nsec-bitmap', name: 'www', add: ['MX'] }], ldns: true, bind: false },
      { name: 'revoke-ksk: the only KSK is REVOKEd (RFC 5011 §2.1)', breaks: [{ kind: 'revoke-ksk' }], ldns: true, bind: false },
      { name: 'rrsig-labels +1 on www A (more labels than the owner)', breaks: [{ kind: 'rrsig-labels', delta: 1, name: 'www', type: 'A' }], ldns: true, bind: false },
      { name: 'nsec-bitmap hiding AAAA at www (NSEC3)', breaks: [{ kind: 'nsec-bitmap', name: 'www', remove: ['AAAA'] }], ldns: true, bind: false, denial: NSEC3 },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const z = sign(13, c.denial ?? 'nsec', c.breaks);
        const ldns = ldnsVerifyZone(z, NOW);
        expect(ldns.ok, `ldns-verify-zone: ${ldns.output}`).to.equal(c.ldns);
        const bind = bindVerifyZone(z);
        expect(bind.ok, `dnssec-verify: ${bind.output}`).to.equal(c.bind);
        // The twin without the knob passes both.
        const good = sign(13, c.denial ?? 'nsec');
        expect(ldnsVerifyZone(good, NOW).ok && bindVerifyZone(good).ok).to.equal(true);
      });
    }

    it('expired and future windows are real signatures outside the regular window', () => {
      const z = sign(13, 'nsec', [{ kind: 'expired-signature', name: 'www', type: 'A' }, { kind: 'future-signature', name: 'mail', type: 'A' }]);
      const now = toSerialTime(NOW);
      const expired = sigsOver(z, 'www', RRType.A)[0]!.data;
      const future = sigsOver(z, 'mail', RRType.A)[0]!.data;
      expect(expired.expiration < now).to.equal(true);
      expect(future.inception > now).to.equal(true);
      // Inside its own window each signature verifies: only the time is wrong.
      const keys = ofType(z, RRType.DNSKEY);
      const rrsetOf = (owner: string) => z.records.filter((rr) => rr.type === RRType.A && rr.name.equals(Name.parse(owner, origin)));
      const at = (t: number) => new Date(t * 1000);
      expect(verifyRRset({ rrset: rrsetOf('www'), rrsig: sigsOver(z, 'www', RRType.A)[0]!, keys, now: at(expired.expiration - 10) }).ok).to.equal(true);
      expect(verifyRRset({ rrset: rrsetOf('mail'), rrsig: sigsOver(z, 'mail', RRType.A)[0]!, keys, now: at(future.inception + 10) }).ok).to.equal(true);
      expect(verifyRRset({ rrset: rrsetOf('www'), rrsig: sigsOver(z, 'www', RRType.A)[0]!, keys, now: NOW }).ok).to.equal(false);
    });

    it('ds-mismatch: the DS for the parent names the KSK but its digest does not match (ldns-verify-zone -k)', () => {
      const z = sign(13, 'nsec', [{ kind: 'ds-mismatch' }]);
      expect(z.ds[0]!.data.keyTag).to.equal(key(13, true).keyTag);
      expect(ldnsVerifyZone(z, NOW, z.ds).ok).to.equal(false);
      expect(ldnsVerifyZone(z, NOW, sign(13, 'nsec').ds).ok).to.equal(true);
    });

    it('ds-digest-type: the DS claims another digest type over the same digest (ldns-verify-zone -k finds no key)', () => {
      const z = sign(13, 'nsec', [{ kind: 'ds-digest-type', digestType: 200 }]);
      expect(z.ds[0]!.data.digestType).to.equal(200);
      expect(z.ds[0]!.data.digest).to.deep.equal(sign(13, 'nsec').ds[0]!.data.digest);
      expect(ldnsVerifyZone(z, NOW, z.ds).ok).to.equal(false);
    });

    it('no-zone-flag: every key lacks the ZONE flag, and the DS names that key (no zone verifier checks it; delv does, in world.test)', () => {
      const z = sign(13, 'nsec', [{ kind: 'no-zone-flag' }]);
      const flags = ofType(z, RRType.DNSKEY).map((k) => k.data.flags).sort();
      expect(flags).to.deep.equal([0, 1]);
      expect(z.ds[0]!.data.keyTag).to.equal(keyTag(ofType(z, RRType.DNSKEY).find((k) => k.data.flags === 1)!.rdata));
    });

    it('revoke-ksk: the DNSKEY RRset and the DS carry the revoked key', () => {
      const z = sign(13, 'nsec', [{ kind: 'revoke-ksk' }]);
      const ksk = ofType(z, RRType.DNSKEY).find((k) => k.data.flags === (257 | 0x80))!;
      expect(z.ds[0]!.data.keyTag).to.equal(keyTag(ksk.rdata));
      expect(sigsOver(z, '@', RRType.DNSKEY)[0]!.data.keyTag).to.equal(keyTag(ksk.rdata));
    });

    it('rrsig-labels -1: a validly signed RRSIG that claims www A was expanded from *.example.', () => {
      const z = sign(13, 'nsec', [{ kind: 'rrsig-labels', delta: -1, name: 'www', type: 'A' }]);
      const sig = sigsOver(z, 'www', RRType.A)[0]!;
      expect(sig.data.labels).to.equal(1);
      const keys = ofType(z, RRType.DNSKEY);
      const rrset = z.records.filter((rr) => rr.type === RRType.A && rr.name.equals(Name.parse('www', origin)));
      expect(verifyRRset({ rrset, rrsig: sig, keys, now: NOW }).ok).to.equal(true);
    });

    it('no-ds: the zone is signed but hands no DS to its parent', () => {
      const z = sign(13, 'nsec', [{ kind: 'no-ds' }]);
      expect(z.ds).to.deep.equal([]);
      expect(ldnsVerifyZone(z, NOW).ok).to.equal(true);
    });

    it('nsec3-iterations: every NSEC3 and the NSEC3PARAM carry the excessive count', () => {
      const z = sign(13, NSEC3, [{ kind: 'nsec3-iterations', iterations: 200 }]);
      expect(ofType(z, RRType.NSEC3).every((rr) => rr.data.iterations === 200)).to.equal(true);
      expect(ofType(z, RRType.NSEC3PARAM)[0]!.data.iterations).to.equal(200);
      expect(ldnsVerifyZone(z, NOW).ok).to.equal(true);
    });

    it('keytrap: many DNSKEYs share the ZSK tag, each addressed RRset carries failing RRSIGs before the valid one', () => {
      const z = sign(13, 'nsec', [{ kind: 'keytrap', keys: 8, name: 'www', type: 'A' }]);
      const zskTag = key(13, false).keyTag;
      const colliding = ofType(z, RRType.DNSKEY).filter((k) => keyTag(k.rdata) === zskTag);
      expect(colliding).to.have.length(9);
      const sigs = sigsOver(z, 'www', RRType.A);
      expect(sigs).to.have.length(9);
      expect(sigs.every((s) => s.data.keyTag === zskTag)).to.equal(true);
      expect(sigsOver(z, 'mail', RRType.A)).to.have.length(1);
      // One valid signature remains, so a zone verifier (which needs only one) still accepts it.
      expect(ldnsVerifyZone(z, NOW).ok).to.equal(true);
    });

    it('unsupported-algorithm knob: the real keys are swapped for fake ones of the algorithm asked for', () => {
      const z = sign(13, NSEC3, [{ kind: 'unsupported-algorithm', algorithm: 12 }]);
      expect(z.ds[0]!.data.algorithm).to.equal(12);
      expect(ofType(z, RRType.DNSKEY).map((k) => k.data.algorithm)).to.deep.equal([12, 12]);
      expect(sigsOver(z, 'www', RRType.A)[0]!.data.algorithm).to.equal(12);
      expect(sign(13, 'nsec', [{ kind: 'unsupported-algorithm' }]).ds[0]!.data.algorithm).to.equal(253);
    });

    it('unsupported algorithm: fake keys of algorithm 253 sign with random bytes, and the DS names them', () => {
      const ksk = fakeKey(origin, 253, { ksk: true });
      const zsk = fakeKey(origin, 253);
      const z = signZone(records(), { origin, keys: { ksk, zsk }, ...window });
      expect(z.ds[0]!.data).to.include({ algorithm: 253, keyTag: ksk.keyTag });
      expect(sigsOver(z, 'www', RRType.A)[0]!.data).to.include({ algorithm: 253, keyTag: zsk.keyTag });
      expect(ldnsVerifyZone(z, NOW).ok).to.equal(false);
    });
  });
});
