/**
 * No downgrade (issue #11): ways a lying resolver could turn a signed zone's answer into a secure
 * denial or an insecure answer, i.e. "no DANE". Each attack stands beside the honest case it forges.
 * The records are the world's own signed records, replayed, renamed, stripped or re-typed.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { AttackKit, renamed, runNow } from './attack-kit.ts';
import { responseMessage } from './replay-upstream.ts';

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
        'example.': { records: ['mx A 127.0.0.1', `*._tcp.mx TLSA ${TLSA}`, '*.v A 127.0.0.9'] },
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
});
