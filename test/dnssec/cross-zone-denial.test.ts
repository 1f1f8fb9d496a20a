/**
 * Denials at the end of a CNAME chain that crosses zones (issue #11, item 6): correctly signed
 * domains whose answers were refused, deferring their mail. Each honest case stands beside the
 * forgery that must stay bogus.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { AttackKit, runNow } from './attack-kit.ts';
import { responseMessage } from './replay-upstream.ts';

describe('dnssec: denials after a CNAME chain that crosses zones', function () {
  this.timeout(60_000);
  const now = runNow();
  let world: TestWorld;
  let kit: AttackKit;

  before(async () => {
    world = await createTestWorld({
      now,
      zones: {
        'example.': { records: ['a CNAME nope.plain.example.', 'b CNAME mx.plain.example.', 'n CNAME nope.n3.example.', 's CNAME nope.signed.example.'] },
        'plain.example.': { unsigned: true, records: ['mx A 127.0.0.3'] },
        'signed.example.': { records: ['mx A 127.0.0.4'] },
        'n3.example.': { denial: { nsec3: { optOut: true } }, records: ['mx A 127.0.0.5', 'o CNAME nope.ins.n3.example.', 'p CNAME mx.ins.n3.example.'] },
        'ins.n3.example.': { unsigned: true, records: ['mx A 127.0.0.6'] },
      },
    });
    kit = new AttackKit(world, now);
  });
  after(async () => world?.close());

  /** The honest response for `name`, with the authority section replaced. */
  const withAuthority = (name: string, type: number, rcode: number, authority: ResourceRecord[]) => () => {
    const h = kit.honest(Name.parse(name), type);
    return responseMessage(Name.parse(name), type, rcode, h.answers, authority);
  };

  describe('target in an unsigned child: the parent\'s "NS, no DS" record proves it insecure (RFC 4035 §5.2)', () => {
    it('NXDOMAIN for the target, with the parent\'s NSEC for plain.example. in the authority section: insecure', async () => {
      const parentNsec = kit.signed('example.', 'plain.example.', RRType.NSEC);
      expect(parentNsec.map((rr) => rr.type)).to.have.members([RRType.NSEC, RRType.RRSIG]);
      const lie = kit.lying('a.example.', RRType.A, withAuthority('a.example.', RRType.A, Rcode.NXDOMAIN, parentNsec));
      const r = await kit.validator(lie).lookup('a.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal(['insecure', 'nxdomain']);
    });

    it('NODATA the same way: insecure', async () => {
      const parentNsec = kit.signed('example.', 'plain.example.', RRType.NSEC);
      const lie = kit.lying('b.example.', RRType.AAAA, withAuthority('b.example.', RRType.AAAA, Rcode.NOERROR, parentNsec));
      const r = await kit.validator(lie).lookup('b.example.', RRType.AAAA);
      expect([r.status, r.kind], r.reason).to.deep.equal(['insecure', 'nodata']);
    });

    it('target in an NSEC3 opt-out span, with the parent\'s opt-out records: insecure', async () => {
      const nsec3 = kit.denialRecords('n3.example.');
      const lie = kit.lying('o.n3.example.', RRType.A, withAuthority('o.n3.example.', RRType.A, Rcode.NXDOMAIN, nsec3));
      const r = await kit.validator(lie).lookup('o.n3.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal(['insecure', 'nxdomain']);
    });

    it('NODATA for a target in an NSEC3 opt-out span, with the parent\'s opt-out records: insecure', async () => {
      const nsec3 = kit.denialRecords('n3.example.');
      const lie = kit.lying('p.n3.example.', RRType.AAAA, withAuthority('p.n3.example.', RRType.AAAA, Rcode.NOERROR, nsec3));
      const r = await kit.validator(lie).lookup('p.n3.example.', RRType.AAAA);
      expect([r.status, r.kind], r.reason).to.deep.equal(['insecure', 'nodata']);
    });

    it('forgery: the same parent record offered for a target in a signed child stays bogus', async () => {
      const parentNsec = kit.signed('example.', 'plain.example.', RRType.NSEC);
      const lie = kit.lying('s.example.', RRType.A, withAuthority('s.example.', RRType.A, Rcode.NXDOMAIN, parentNsec));
      const r = await kit.validator(lie).lookup('s.example.', RRType.A);
      expect(r.status, r.reason).to.equal('bogus');
    });
  });

  describe('denial records of two zones in one authority section: each zone\'s proof with its own records', () => {
    it('honest: the target nope.n3.example. does not exist, secure (opt-out off the path) or insecure', async () => {
      const r = await kit.validator(kit.honest).lookup('n.example.', RRType.A);
      expect(r.kind, r.reason).to.equal('nxdomain');
      expect(r.status).to.not.equal('bogus');
    });

    it('the target zone\'s proof beside an NSEC of the CNAME\'s zone: judged by the target zone alone, same status as without it', async () => {
      const honest = await kit.validator(kit.honest).lookup('n.example.', RRType.A);
      const h = kit.honest(Name.parse('n.example.'), RRType.A);
      const extra = kit.signed('example.', 'n.example.', RRType.NSEC);
      const both = () => responseMessage(Name.parse('n.example.'), RRType.A, Rcode.NXDOMAIN, h.answers, [...extra, ...h.authorities]);
      const r = await kit.validator(kit.lying('n.example.', RRType.A, both)).lookup('n.example.', RRType.A);
      expect([r.status, r.kind], r.reason).to.deep.equal([honest.status, 'nxdomain']);
    });

    it('forgery: only the CNAME zone\'s records, none of the target zone\'s: bogus', async () => {
      const h = kit.honest(Name.parse('s.example.'), RRType.A);
      const soa = h.authorities.filter((rr) => rr.type === RRType.SOA || rr.type === RRType.RRSIG && rr.name.equals(Name.parse('signed.example.')));
      const forged = () => responseMessage(Name.parse('s.example.'), RRType.A, Rcode.NXDOMAIN, h.answers, [...soa, ...kit.signed('example.', 's.example.', RRType.NSEC)]);
      const r = await kit.validator(kit.lying('s.example.', RRType.A, forged)).lookup('s.example.', RRType.A);
      expect(r.status, r.reason).to.equal('bogus');
    });
  });
});
