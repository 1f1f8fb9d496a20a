/**
 * No downgrade (issue #11): ways a lying resolver could turn a signed zone's answer into a secure
 * denial or an insecure answer, i.e. "no DANE". Each attack stands beside the honest case it forges.
 * The records are the world's own signed records, replayed, renamed, stripped or re-typed.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Name } from '../../src/dns/name.ts';
import { formatRR, parseRR } from '../../src/dns/presentation.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { AttackKit, renamed, runNow } from './attack-kit.ts';
import { responseMessage } from './replay-upstream.ts';
import { DEFAULT_VALIDATOR_LIMITS } from '../../src/dnssec/validator-limits.ts';

const TLSA = '3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('dnssec: no downgrade by a lying resolver', function () {
  this.timeout(60_000);
  const now = runNow();
  let world: TestWorld;
  let kit: AttackKit;

  before(async () => {
    world = await createTestWorld({
      now,
      zones: {
        'example.': { records: ['mx A 127.0.0.1', `*._tcp.mx TLSA ${TLSA}`, '*.v A 127.0.0.9', '*.c CNAME mx'] },
        'kid.c.example.': { records: ['mx A 127.0.0.6'] },
        'plain.example.': { unsigned: true, records: ['mx A 127.0.0.2'] },
        'sec.v.example.': { records: ['mx A 127.0.0.3'] },
        'iter.example.': { denial: { nsec3: { iterations: 200 } }, records: ['mx A 127.0.0.4', `_25._tcp.mx TLSA ${TLSA}`] },
        'kid.iter.example.': { records: ['mx A 127.0.0.5'] },
      },
    });
    kit = new AttackKit(world, now);
  });
  after(async () => world?.close());

  describe('a wildcard-expanded NSEC proves nothing at the owner it is served under (CVE-2017-15105 class)', () => {
    const TLSA_NAME = Name.parse('_25._tcp.mx.example.');

    it('honest: the TLSA wildcard expands for _25._tcp.mx.example., secure', async () => {
      const r = await kit.validator(kit.honest).lookup(TLSA_NAME, RRType.TLSA);
      expect([r.status, r.kind], r.reason).to.deep.equal(['secure', 'answer']);
      expect(r.rrset).to.have.length(1);
    });

    it('honest: NXDOMAIN for a name beside the wildcard is secure', async () => {
      const r = await kit.validator(kit.honest).lookup('nope.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal(['secure', 'nxdomain']);
    });

    it('refuses NXDOMAIN made of the wildcard\'s NSEC renamed to !._tcp.mx.example. (it would cover the name and the wildcard)', async () => {
      const wildNsec = kit.signed('example.', '*._tcp.mx.example.', RRType.NSEC);
      expect(wildNsec, 'the wildcard NSEC and its RRSIG').to.have.length(2);
      const soa = kit.signed('example.', 'example.', RRType.SOA);
      const forged = () => responseMessage(TLSA_NAME, RRType.TLSA, Rcode.NXDOMAIN, [], [...soa, ...renamed(wildNsec, '!._tcp.mx.example.')]);
      const r = await kit.validator(kit.lying(TLSA_NAME, RRType.TLSA, forged)).lookup(TLSA_NAME, RRType.TLSA);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'denial-invalid']);
      expect(r.reason).to.match(/wildcard expansion/);
    });

    it('refuses NODATA made the same way', async () => {
      const wildNsec = kit.signed('example.', '*._tcp.mx.example.', RRType.NSEC);
      const soa = kit.signed('example.', 'example.', RRType.SOA);
      // Renamed onto the query name itself: its bitmap (TLSA RRSIG NSEC) has no A.
      const q = TLSA_NAME;
      const forged = () => responseMessage(q, RRType.A, Rcode.NOERROR, [], [...soa, ...renamed(wildNsec, q)]);
      const r = await kit.validator(kit.lying(q, RRType.A, forged)).lookup(q, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'denial-invalid']);
    });

    it('honest: the DS walk proves plain.example. an insecure delegation', async () => {
      const r = await kit.validator(kit.honest).lookup('mx.plain.example.', RRType.A);
      expect(r.status, r.reason).to.equal('insecure');
    });

    it('refuses a DS denial in the walk made of a wildcard-expanded NSEC (sec.v.example. is never taken for no zone cut)', async () => {
      const honestSec = await kit.validator(kit.honest).lookup('mx.sec.v.example.', RRType.A);
      expect(honestSec.status, honestSec.reason).to.equal('secure');
      // The wildcard *.v.example.'s NSEC under the owner sec.v.example.: its bitmap has neither NS nor DS.
      const wildNsec = kit.signed('example.', '*.v.example.', RRType.NSEC);
      const soa = kit.signed('example.', 'example.', RRType.SOA);
      const forged = () => responseMessage(Name.parse('sec.v.example.'), RRType.DS, Rcode.NOERROR, [], [...soa, ...renamed(wildNsec, 'sec.v.example.')]);
      const r = await kit.validator(kit.lying('sec.v.example.', RRType.DS, forged)).lookup('mx.sec.v.example.', RRType.A);
      expect(r.status, r.reason).to.equal('bogus');
      expect(r.reason).to.match(/wildcard expansion/);
    });
  });

  describe('a wildcard CNAME in the DS walk needs its no-closer-match proof (RFC 4035 §5.3.4)', () => {
    const KID = Name.parse('kid.c.example.');
    const MX_KID = Name.parse('mx.kid.c.example.');

    it('honest: the signed child kid.c.example. below the wildcard *.c.example. is secure', async () => {
      const r = await kit.validator(kit.honest).lookup(MX_KID, RRType.A);
      expect(r.status, r.reason).to.equal('secure');
    });

    it('honest: the wildcard CNAME answers other names, secure, its proof accepted', async () => {
      const r = await kit.validator(kit.honest).lookup('zzz.c.example.', RRType.A);
      expect([r.status, r.aliases.length], r.reason).to.deep.equal(['secure', 1]);
    });

    it('refuses a wildcard CNAME replayed as the answer to DS kid.c.example., and forgets that after badCacheTtl, not the CNAME\'s TTL', async () => {
      // The honest answer to DS at another name under the wildcard: its CNAME (RRSIG labels 2) and the
      // NSEC proving that other name absent, all renamed onto kid.c.example. except the proof.
      const other = kit.honest(Name.parse('zzz.c.example.'), RRType.DS);
      const cname = other.answers;
      expect(cname.some((rr) => rr.type === RRType.CNAME)).to.equal(true);
      let lies = 1;
      const forged = () => (lies-- > 0 ? responseMessage(KID, RRType.DS, Rcode.NOERROR, renamed(cname, KID), other.authorities) : kit.honest(KID, RRType.DS));
      let clock = now;
      const v = kit.validator(kit.lying(KID, RRType.DS, forged), { now: () => clock });
      const r = await v.lookup(MX_KID, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'wildcard-invalid']);
      clock = new Date(now.getTime() + (DEFAULT_VALIDATOR_LIMITS.badCacheTtl + 1) * 1000);
      const later = await v.lookup(MX_KID, RRType.A);
      expect(later.status, later.reason).to.equal('secure');
    });
  });

  describe('NSEC3 above 150 iterations: insecure only for a proof that holds (RFC 9276 §3.2)', () => {
    const TLSA_NAME = Name.parse('_25._tcp.mx.iter.example.');
    /** One validly signed NSEC3 of iter.example. (with its RRSIG) that proves nothing about the names asked. */
    const someNsec3 = () => {
      const all = kit.denialRecords('iter.example.');
      const owner = all.find((rr) => rr.type === RRType.NSEC3)!.name;
      return all.filter((rr) => rr.name.equals(owner));
    };

    it('honest: the TLSA answer is secure, NXDOMAIN in the zone is insecure (EDE 27)', async () => {
      const v = kit.validator(kit.honest);
      const t = await v.lookup(TLSA_NAME, RRType.TLSA);
      expect([t.status, t.kind], t.reason).to.deep.equal(['secure', 'answer']);
      const nx = await v.lookup('nope.iter.example.', RRType.A);
      expect([nx.status, nx.kind, nx.reasons[0]?.code, nx.reasons[0]?.ede], nx.reason).to.deep.equal(['insecure', 'nxdomain', 'nsec3-iterations', 27]);
    });

    it('refuses NODATA for the TLSA name made of one replayed NSEC3 of the zone: bogus, never insecure', async () => {
      const soa = kit.signed('iter.example.', 'iter.example.', RRType.SOA);
      for (const rcode of [Rcode.NOERROR, Rcode.NXDOMAIN]) {
        const forged = () => responseMessage(TLSA_NAME, RRType.TLSA, rcode, [], [...soa, ...someNsec3()]);
        const r = await kit.validator(kit.lying(TLSA_NAME, RRType.TLSA, forged)).lookup(TLSA_NAME, RRType.TLSA);
        expect([r.status, r.reasons[0]?.code], `${rcode}: ${r.reason}`).to.deep.equal(['bogus', 'denial-invalid']);
      }
    });

    it('honest: the signed child kid.iter.example. is secure', async () => {
      const r = await kit.validator(kit.honest).lookup('mx.kid.iter.example.', RRType.A);
      expect(r.status, r.reason).to.equal('secure');
    });

    it('refuses a DS denial for the signed child made of one replayed NSEC3 of the parent: bogus, never insecure', async () => {
      const soa = kit.signed('iter.example.', 'iter.example.', RRType.SOA);
      const kid = Name.parse('kid.iter.example.');
      const forged = () => responseMessage(kid, RRType.DS, Rcode.NOERROR, [], [...soa, ...someNsec3()]);
      const r = await kit.validator(kit.lying(kid, RRType.DS, forged)).lookup('mx.kid.iter.example.', RRType.A);
      expect(r.status, r.reason).to.equal('bogus');
    });
  });

  describe('a DNAME is judged from the trust anchor of the name it redirects (RFC 4033 §5)', () => {
    let dn: TestWorld;
    let dk: AttackKit;
    before(async () => {
      dn = await createTestWorld({
        now,
        zones: {
          'example.': { records: ['mx A 127.0.0.1', 'dn DNAME example.'] },
          'plain.': { unsigned: true, records: [] },
          'kid.plain.': { records: ['mx A 127.0.0.5'] },
          'evil.': { unsigned: true, records: ['mx.kid A 127.6.6.6'] },
          'x.': { records: ['mx.example A 127.6.6.7'] },
        },
      });
      dk = new AttackKit(dn, now);
    });
    after(async () => dn?.close());

    const kidAnchors = () => `${dn.trustAnchors.text}\n${dn.zones.get('kid.plain.')!.ds.map(formatRR).join('\n')}`;
    const exampleAnchors = () => `${dn.trustAnchors.text}\n${dn.zones.get('example.')!.ds.map(formatRR).join('\n')}`;
    const MX_KID = Name.parse('mx.kid.plain.');
    const MX_EX = Name.parse('mx.example.');

    it('honest: with anchors for . and the island kid.plain., mx.kid.plain. is secure', async () => {
      const r = await dk.validator(dk.honest, { trustAnchors: kidAnchors() }).lookup(MX_KID, RRType.A);
      expect([r.status, formatRR(r.rrset[0]!)], r.reason).to.deep.equal(['secure', formatRR(dk.signed('kid.plain.', MX_KID, RRType.A).find((rr) => rr.type === RRType.A)!)]);
    });

    it('refuses an unsigned plain. DNAME evil. that would redirect mx.kid.plain. (never insecure with the attacker\'s address)', async () => {
      const dname = parseRR('plain. 300 IN DNAME evil.');
      const forged = () => {
        const target = Name.parse('mx.kid.evil.');
        return responseMessage(MX_KID, RRType.A, Rcode.NOERROR, [dname, parseRR(`mx.kid.plain. 300 IN CNAME ${target}`), ...dk.honest(target, RRType.A).answers], []);
      };
      const r = await dk.validator(dk.lying(MX_KID, RRType.A, forged), { trustAnchors: kidAnchors() }).lookup(MX_KID, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'unexpected-signer']);
      expect(r.rrset).to.deep.equal([]);
    });

    it('honest: with anchors for . and example., mx.example. is secure', async () => {
      const r = await dk.validator(dk.honest, { trustAnchors: exampleAnchors() }).lookup(MX_EX, RRType.A);
      expect(r.status, r.reason).to.equal('secure');
    });

    it('refuses a root-signed . DNAME x. redirecting mx.example. (as it refuses the root signing mx.example. A itself)', async () => {
      const dname = [parseRR('. 300 IN DNAME x.')];
      const target = Name.parse('mx.example.x.');
      const forged = () => responseMessage(MX_EX, RRType.A, Rcode.NOERROR, [...dname, dk.signWith('.', dname), parseRR(`mx.example. 300 IN CNAME ${target}`), ...dk.honest(target, RRType.A).answers], []);
      const v = dk.validator(dk.lying(MX_EX, RRType.A, forged), { trustAnchors: exampleAnchors() });
      const r = await v.lookup(MX_EX, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'unexpected-signer']);
      // The control the issue names: the same root key signing mx.example. A directly is refused too.
      const direct = [parseRR('mx.example. 300 IN A 127.6.6.6')];
      const signedDirect = () => responseMessage(MX_EX, RRType.A, Rcode.NOERROR, [...direct, dk.signWith('.', direct)], []);
      const d = await dk.validator(dk.lying(MX_EX, RRType.A, signedDirect), { trustAnchors: exampleAnchors() }).lookup(MX_EX, RRType.A);
      expect([d.status, d.reasons[0]?.code], d.reason).to.deep.equal(['bogus', 'unexpected-signer']);
    });

    it('still follows a signed DNAME owned under the name\'s anchor (dn.example. DNAME example., anchored at example.)', async () => {
      const r = await dk.validator(dk.honest, { trustAnchors: exampleAnchors() }).lookup(Name.parse('mx.dn.example.'), RRType.A);
      expect([r.status, r.aliases.map((a) => a.type)], r.reason).to.deep.equal(['secure', [RRType.DNAME]]);
      expect(r.rrset.map((a) => formatRR(a))).to.deep.equal(dk.signed('example.', MX_EX, RRType.A).filter((a) => a.type === RRType.A).map((a) => formatRR(a)));
    });
  });
});
