import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { parseRR } from '../../src/dns/presentation.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { wildcardClosestEncloser, type DenialResult } from '../../src/dnssec/denial.ts';
import { proveNoData, proveNoDs, proveNxDomain, proveWildcardAnswer, proveWildcardNoData } from '../../src/dnssec/nsec.ts';
import * as nsecProofs from '../../src/dnssec/nsec.ts';
import { describeVectors } from './denial-vectors.ts';

const VECTORS = join(import.meta.dirname, '../../vectors/denial/nsec');
const n = (s: string): Name => Name.parse(s);

const rr = (line: string): ResourceRecord => parseRR(line);

describe('NSEC denial proofs', () => {
  describe('vectors/denial/nsec (RFC 4035 Appendix B and mutations)', () => describeVectors(VECTORS, nsecProofs, 20));

  const apex = rr('example. 3600 IN NSEC a.example. NS SOA MX RRSIG NSEC DNSKEY');
  const bDelegation = rr('b.example. 3600 IN NSEC ns1.example. NS RRSIG NSEC');

  describe('proveNxDomain', () => {
    it('names the covering NSEC and the NSEC denying the wildcard (RFC 4035 B.2)', () => {
      const r = proveNxDomain(n('ml.example.'), [bDelegation, apex], n('example.'));
      expect(r.status).to.equal('secure');
      if (r.status !== 'secure') return;
      expect(r.proof.kind).to.equal('nxdomain');
      expect(r.proof.steps.map((s) => [s.role, s.name.toString(), s.record.name.toString()])).to.deep.equal([
        ['covers-qname', 'ml.example.', 'b.example.'],
        ['covers-wildcard', '*.example.', 'example.'],
      ]);
      expect(r.hashes).to.equal(0);
    });

    it('compares names case-insensitively (RFC 4343)', () => {
      expect(proveNxDomain(n('ML.Example.'), [bDelegation, apex], n('EXAMPLE.')).status).to.equal('secure');
    });

    it('accepts one NSEC that both covers the name and denies the wildcard', () => {
      // example. NSEC a.example. covers both 0.example. and *.example.
      const r = proveNxDomain(n('0.example.'), [apex], n('example.'));
      expect(r.status).to.equal('secure');
      if (r.status === 'secure') expect(r.proof.steps.map((s) => s.record)).to.deep.equal([apex, apex]);
    });

    it('denies every name below the apex of a zone whose only NSEC points at itself', () => {
      const only = rr('example. 3600 IN NSEC example. SOA NS RRSIG NSEC DNSKEY');
      expect(proveNxDomain(n('www.example.'), [only], n('example.')).status).to.equal('secure');
      expect(proveNxDomain(n('example.'), [only], n('example.')).status).to.equal('bogus');
    });

    it('ignores a chain end whose next name is not the apex', () => {
      const broken = rr('xx.example. 3600 IN NSEC a.example. A RRSIG NSEC');
      const r = proveNxDomain(n('zz.example.'), [broken, apex], n('example.'));
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('not-covered');
      const wraps = rr('xx.example. 3600 IN NSEC example. A RRSIG NSEC');
      expect(proveNxDomain(n('zz.example.'), [wraps, apex], n('example.')).status).to.equal('secure');
    });

    it('does not let a wrapping NSEC deny names outside its zone', () => {
      const wraps = rr('xx.example. 3600 IN NSEC example. A RRSIG NSEC');
      const r = proveNxDomain(n('zz.other.'), [wraps, apex], n('example.'));
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('out-of-zone');
    });

    it('ignores NSEC records of another zone and records of other types', () => {
      const foreign = rr('a.other. 3600 IN NSEC z.other. A RRSIG NSEC');
      const ns = rr('example. 3600 IN NS ns1.example.');
      const r = proveNxDomain(n('ml.example.'), [foreign, ns], n('example.'));
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('no-records');
      expect(proveNxDomain(n('ml.example.'), [foreign, ns, bDelegation, apex], n('example.')).status).to.equal('secure');
    });

    it('refuses a proof with more NSEC records than allowed, and accepts the same at the limit', () => {
      const many = Array.from({ length: 4 }, () => apex);
      const r = proveNxDomain(n('0.example.'), many, n('example.'), { maxDenialRecords: 3 });
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('too-many-records');
      expect(proveNxDomain(n('0.example.'), many, n('example.'), { maxDenialRecords: 4 }).status).to.equal('secure');
      expect(() => proveNxDomain(n('0.example.'), many, n('example.'), { maxDenialRecords: -1 })).to.throw(RangeError, 'maxDenialRecords');
    });

    it('reports the NSEC that shows the name exists', () => {
      const ns1 = rr('ns1.example. 3600 IN NSEC ns2.example. A RRSIG NSEC');
      const r = proveNxDomain(n('ns1.example.'), [ns1, apex], n('example.'));
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') {
        expect(r.code).to.equal('name-exists');
        expect(r.record).to.equal(ns1);
      }
    });
  });

  describe('proveNoData', () => {
    it('accepts the parent-side NSEC of a delegation for DS (RFC 4035 B.5) and rejects it for other types', () => {
      expect(proveNoData(n('b.example.'), RRType.DS, [bDelegation], n('example.')).status).to.equal('secure');
      const r = proveNoData(n('b.example.'), RRType.MX, [bDelegation], n('example.'));
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('parent-side-record');
    });

    it('accepts the apex NSEC for DS at the root only', () => {
      const root = rr('. 86400 IN NSEC aaa. NS SOA RRSIG NSEC DNSKEY');
      expect(proveNoData(Name.ROOT, RRType.DS, [root], Name.ROOT).status).to.equal('secure');
      const child = rr('example. 3600 IN NSEC a.example. NS SOA RRSIG NSEC DNSKEY');
      const r = proveNoData(n('example.'), RRType.DS, [child], Name.ROOT);
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('child-side-record');
    });

    it('accepts a NODATA at a DNAME owner for a type other than DNAME', () => {
      const dname = rr('d.example. 3600 IN NSEC e.example. DNAME RRSIG NSEC');
      expect(proveNoData(n('d.example.'), RRType.TXT, [dname], n('example.')).status).to.equal('secure');
      const r = proveNoData(n('d.example.'), RRType.DNAME, [dname], n('example.'));
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('type-present');
    });

    it('does not take an empty non-terminal proof from a delegation NSEC above the name', () => {
      // Names below b.example. are the child's; a parent-side NSEC says nothing about them.
      const odd = rr('b.example. 3600 IN NSEC x.y.b.example. NS RRSIG NSEC');
      const r = proveNoData(n('y.b.example.'), RRType.A, [odd], n('example.'));
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('parent-side-record');
    });

    it('proves an empty non-terminal only when the next name is strictly below the name', () => {
      const xw = rr('x.w.example. 3600 IN NSEC x.y.w.example. MX RRSIG NSEC');
      expect(proveNoData(n('y.w.example.'), RRType.A, [xw], n('example.')).status).to.equal('secure');
      // x.y.w.example. itself is the next name, not an empty non-terminal.
      const r = proveNoData(n('x.y.w.example.'), RRType.A, [xw], n('example.'));
      expect(r.status).to.equal('bogus');
    });

    it('refuses NXDOMAIN for an empty non-terminal that the NSEC itself proves exists (stricter than Unbound, on purpose)', () => {
      // Unbound's val_nsec_proves_name_error takes owner < qname < next as a name error even when
      // the next name is below qname; RFC 8020 §2: NXDOMAIN means nothing exists at or below it.
      const xw = rr('x.w.example. 3600 IN NSEC x.y.w.example. MX RRSIG NSEC');
      const wild = rr('w.example. 3600 IN NSEC x.w.example. RRSIG NSEC'); // would deny *.y.w.example. if needed
      const nx = proveNxDomain(n('y.w.example.'), [xw, wild], n('example.'));
      expect(nx.status).to.equal('bogus');
      if (nx.status === 'bogus') expect(nx.reason).to.match(/empty non-terminal/);
      // The honest answer for the same name, NODATA, is proven by the same record.
      expect(proveNoData(n('y.w.example.'), RRType.TLSA, [xw], n('example.')).status).to.equal('secure');
    });
  });

  describe('proveWildcardAnswer', () => {
    it('takes the closest encloser from the RRSIG labels of the expanded answer', () => {
      // RFC 4035 B.6: a.z.w.example. MX signed with labels 2 -> source *.w.example.
      const ce = wildcardClosestEncloser(n('a.z.w.example.'), 2);
      expect(ce.toString()).to.equal('w.example.');
      const xyw = rr('x.y.w.example. 3600 IN NSEC xx.example. MX RRSIG NSEC');
      expect(proveWildcardAnswer(n('a.z.w.example.'), ce, [xyw], n('example.')).status).to.equal('secure');
    });

    it('rejects RRSIG labels that leave nothing to expand', () => {
      expect(() => wildcardClosestEncloser(n('a.z.w.example.'), 4)).to.throw(RangeError, 'RRSIG labels');
      expect(() => wildcardClosestEncloser(n('a.z.w.example.'), -1)).to.throw(RangeError);
    });

    it('rejects a closest encloser that is not above the query name', () => {
      const xyw = rr('x.y.w.example. 3600 IN NSEC xx.example. MX RRSIG NSEC');
      const r = proveWildcardAnswer(n('a.z.w.example.'), n('a.z.w.example.'), [xyw], n('example.'));
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('wildcard-mismatch');
    });
  });

  describe('against an existence oracle (fast-check, fixed seed)', () => {
    // A random zone under example.: owners from a 4-letter alphabet including `*`. The oracle knows
    // which names exist (owners and their ancestors, the empty non-terminals); the proofs only see
    // the zone's complete NSEC chain, built here in canonical order.
    const zone = n('example.');
    const label = fc.constantFrom('a', 'b', 'c', '*');
    const relName = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.'));
    const zoneArb = fc.uniqueArray(relName, { minLength: 1, maxLength: 12 });

    function build(rel: string[]): { owners: Name[]; exists: (q: Name) => boolean; chain: ResourceRecord[] } {
      const owners = [zone, ...rel.map((r) => n(`${r}.example.`))].sort((x, y) => x.compare(y));
      const exists = (q: Name): boolean => owners.some((o) => o.isSubdomainOf(q));
      const chain = owners.map((o, i) => {
        const next = owners[(i + 1) % owners.length]!;
        const types = o.equals(zone) ? 'NS SOA RRSIG NSEC DNSKEY' : 'A RRSIG NSEC';
        return rr(`${o} 3600 IN NSEC ${next} ${types}`);
      });
      return { owners, exists, chain };
    }
    const closestEncloser = (q: Name, exists: (q: Name) => boolean): Name => {
      for (const a of q.ancestors()) if (exists(a)) return a;
      return zone;
    };
    const opts = { maxDenialRecords: 100 };

    it('proves NXDOMAIN exactly for names that neither exist nor match a wildcard', () => {
      fc.assert(
        fc.property(zoneArb, relName, (rel, qRel) => {
          const { exists, chain } = build(rel);
          const q = n(`${qRel}.example.`);
          const expected = !exists(q) && !exists(closestEncloser(q, exists).wildcard());
          const r = proveNxDomain(q, chain, zone, opts);
          expect(r.status === 'secure', `${q} in [${rel.join(' ')}]: ${r.status === 'secure' ? '' : r.reason}`).to.equal(expected);
        }),
        { seed: 4035, numRuns: 300 },
      );
    });

    it('proves NODATA exactly for names that exist, and empty non-terminals as such', () => {
      fc.assert(
        fc.property(zoneArb, relName, (rel, qRel) => {
          const { owners, exists, chain } = build(rel);
          const q = n(`${qRel}.example.`);
          const r = proveNoData(q, RRType.MX, chain, zone, opts);
          expect(r.status === 'secure', `${q} in [${rel.join(' ')}]`).to.equal(exists(q));
          if (r.status === 'secure') {
            expect(r.proof.kind).to.equal(owners.some((o) => o.equals(q)) ? 'nodata' : 'empty-non-terminal');
          }
        }),
        { seed: 4035, numRuns: 300 },
      );
    });

    it('proves a wildcard NODATA exactly when the name is absent and the wildcard at its closest encloser exists', () => {
      fc.assert(
        fc.property(zoneArb, relName, (rel, qRel) => {
          const { exists, chain } = build(rel);
          const q = n(`${qRel}.example.`);
          const expected = !exists(q) && exists(closestEncloser(q, exists).wildcard());
          expect(proveWildcardNoData(q, RRType.MX, chain, zone, opts).status === 'secure', `${q} in [${rel.join(' ')}]`).to.equal(expected);
        }),
        { seed: 4035, numRuns: 300 },
      );
    });

    it('proves "no closer match" for a wildcard answer only from the true closest encloser', () => {
      fc.assert(
        fc.property(zoneArb, relName, fc.nat(3), (rel, qRel, up) => {
          const { exists, chain } = build(rel);
          const q = n(`${qRel}.example.`);
          const claimed = q.suffix(Math.max(zone.labelCount, q.labelCount - 1 - up));
          const expected = !exists(q) && claimed.equals(closestEncloser(q, exists));
          const r = proveWildcardAnswer(q, claimed, chain, zone, opts);
          expect(r.status === 'secure', `${q} from ${claimed} in [${rel.join(' ')}]`).to.equal(expected);
        }),
        { seed: 4035, numRuns: 300 },
      );
    });
  });

  describe('results', () => {
    it('are frozen, and ok only when secure', () => {
      const good = proveNxDomain(n('ml.example.'), [bDelegation, apex], n('example.'));
      const bad = proveNxDomain(n('ml.example.'), [apex], n('example.'));
      expect(good.ok).to.equal(true);
      expect(bad.ok).to.equal(false);
      expect(Object.isFrozen(good)).to.equal(true);
      expect(Object.isFrozen(bad)).to.equal(true);
      if (good.status === 'secure') expect(Object.isFrozen(good.proof.steps)).to.equal(true);
      if (bad.status === 'bogus') {
        expect(bad.ede).to.equal(12);
        expect(bad.reason).to.contain('ml.example.');
      }
    });
  });
});
