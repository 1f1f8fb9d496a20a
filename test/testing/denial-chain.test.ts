import { expect } from 'chai';
import { ZoneIndex } from '../../src/testing/world/zone-index.ts';
import { planNsec3Chain, planNsecChain } from '../../src/testing/world/denial-chain.ts';
import { hashedLabel } from '../../src/testing/world/nsec3-names.ts';
import { RRType, rrTypeToString } from '../../src/dns/iana/rr-types.ts';
import { fromHex } from '../../src/dns/encoding.ts';
import { exampleZone, n } from './fixtures.ts';

const typeNames = (types: number[]) => types.map(rrTypeToString).join(' ');

describe('testing/world/denial-chain', () => {
  const ix = new ZoneIndex(n('example.'), exampleZone());

  describe('NSEC (RFC 4035 §2.3)', () => {
    const chain = planNsecChain(ix);
    const at = (s: string) => chain.find((p) => p.owner.equals(n(s)))!;

    it('links every authoritative name in canonical order and wraps to the apex', () => {
      expect(chain.map((p) => p.owner.toString())).to.deep.equal(ix.authoritativeNames.map(String));
      for (let i = 0; i + 1 < chain.length; i++) expect(chain[i]!.next.equals(chain[i + 1]!.owner)).to.equal(true);
      expect(chain[chain.length - 1]!.next.toString()).to.equal('example.');
    });

    it('leaves out glue and empty non-terminals', () => {
      for (const s of ['ns.sub.example.', 'ns.sec.example.', 'c.example.', 'ent.example.']) {
        expect(chain.some((p) => p.owner.equals(n(s))), s).to.equal(false);
      }
    });

    it('lists NS, RRSIG, NSEC at an insecure delegation and adds DS at a secure one', () => {
      expect(typeNames(at('sub.example.').types)).to.equal('NS RRSIG NSEC');
      expect(typeNames(at('sec.example.').types)).to.equal('NS DS RRSIG NSEC');
      expect(typeNames(at('www.example.').types)).to.equal('A RRSIG NSEC');
      expect(typeNames(at('example.').types)).to.equal('NS SOA RRSIG NSEC');
    });
  });

  describe('NSEC3 (RFC 5155 §7.1)', () => {
    const params = { hashAlgorithm: 1, salt: fromHex('aabbccdd'), iterations: 12 };

    it('hashes names as RFC 5155 Appendix A does', () => {
      // RFC 5155 Appendix A: example. and a.example. with salt aabbccdd, 12 iterations.
      expect(hashedLabel(n('example.'), params)).to.equal('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom');
      expect(hashedLabel(n('a.example.'), params)).to.equal('35mthgpgcu1qg68fab165klnsnk3dpvl');
    });

    it('covers authoritative names and every empty non-terminal, sorted by hash, wrapping', () => {
      const chain = planNsec3Chain(ix, params, false);
      expect(chain).to.have.length(ix.authoritativeNames.length + ix.emptyNonTerminals.length);
      for (let i = 0; i + 1 < chain.length; i++) {
        expect(chain[i]!.hash < chain[i + 1]!.hash).to.equal(true);
        expect(chain[i]!.nextHash).to.equal(chain[i + 1]!.hash);
      }
      expect(chain[chain.length - 1]!.nextHash).to.equal(chain[0]!.hash);
      const byName = (s: string) => chain.find((p) => p.original.equals(n(s)))!;
      expect(byName('c.example.').types).to.deep.equal([]);
      expect(typeNames(byName('sub.example.').types)).to.equal('NS');
      expect(typeNames(byName('sec.example.').types)).to.equal('NS DS RRSIG');
      expect(chain.every((p) => !p.optOut)).to.equal(true);
    });

    it('with opt-out leaves out insecure delegations and the empty non-terminals only they create', () => {
      const chain = planNsec3Chain(ix, params, true);
      const names = chain.map((p) => p.original.toString());
      expect(names).not.to.include.members(['sub.example.']);
      expect(names).not.to.include('deleg.ent.example.');
      expect(names).not.to.include('ent.example.');
      expect(names).to.include.members(['sec.example.', 'c.example.', 'b.c.example.', 'w.example.']);
      expect(chain).to.have.length(ix.authoritativeNames.length + ix.emptyNonTerminals.length - 3);
      expect(chain.every((p) => p.optOut)).to.equal(true);
    });

    it('lists the apex types plus RRSIG, and nothing for the NSEC3 type itself', () => {
      const chain = planNsec3Chain(ix, params, false);
      const apex = chain.find((p) => p.original.equals(n('example.')))!;
      expect(typeNames(apex.types)).to.equal('NS SOA RRSIG');
      expect(apex.types).not.to.include(RRType.NSEC3);
    });
  });
});
