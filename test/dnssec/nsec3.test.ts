import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { parseRR, parseZone } from '../../src/dns/presentation.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { nsec3Hash } from '../../src/dnssec/nsec3-hash.ts';
import {
  NSEC3_MAX_HASH_WORK,
  NSEC3_MAX_HASHES,
  NSEC3_MAX_ITERATIONS_INSECURE,
  proveNoData,
  proveNoDs,
  proveNxDomain,
  proveWildcardAnswer,
  proveWildcardNoData,
} from '../../src/dnssec/nsec3.ts';
import * as nsec3Proofs from '../../src/dnssec/nsec3.ts';
import { describeVectors } from './denial-vectors.ts';

const VECTORS = join(import.meta.dirname, '../../vectors/denial/nsec3');
const n = (s: string): Name => Name.parse(s);
const EXAMPLE = n('example.');

const rr = (line: string): ResourceRecord => parseRR(line);

/** An NSEC3 record of `zone` for `owner` (hashed here) with the given next hash and types. */
function nsec3For(owner: Name, zone: Name, next: string, types: string, opts: { flags?: number; iterations?: number; salt?: string } = {}): ResourceRecord {
  const salt = opts.salt ?? '-';
  const iterations = opts.iterations ?? 0;
  const label = nsec3Hash(owner, salt, iterations);
  return rr(`${label}.${zone.toString() === '.' ? '' : zone.toString()} 3600 IN NSEC3 1 ${opts.flags ?? 0} ${iterations} ${salt} ${next} ${types}`);
}

describe('NSEC3 denial proofs', () => {
  describe('vectors/denial/nsec3 (RFC 5155 Appendix B and mutations)', () => describeVectors(VECTORS, nsec3Proofs, 30));

  /** RFC 5155 B.1's three records with the given flags (the RFC has 1, opt-out). */
  const b1With = (flags: number): ResourceRecord[] =>
    [
      `0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 IN NSEC3 1 ${flags} 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX RRSIG DNSKEY NSEC3PARAM`,
      `b4um86eghhds6nea196smvmlo4ors995.example. 3600 IN NSEC3 1 ${flags} 12 aabbccdd gjeqe526plbf1g8mklp59enfd789njgi MX RRSIG`,
      `35mthgpgcu1qg68fab165klnsnk3dpvl.example. 3600 IN NSEC3 1 ${flags} 12 aabbccdd b4um86eghhds6nea196smvmlo4ors995 NS DS RRSIG`,
    ].map(rr);
  const b1 = b1With(0);
  const qB1 = n('a.c.x.w.example.');

  describe('proveNxDomain', () => {
    it('names the closest encloser, next closer and wildcard records (RFC 5155 B.1, opt-out cleared)', () => {
      const r = proveNxDomain(qB1, b1, EXAMPLE);
      expect(r.status).to.equal('secure');
      if (r.status !== 'secure') return;
      expect(r.proof.closestEncloser?.toString()).to.equal('x.w.example.');
      expect(r.proof.steps.map((s) => [s.role, s.name.toString(), s.record])).to.deep.equal([
        ['matches-closest-encloser', 'x.w.example.', b1[1]],
        ['covers-next-closer', 'c.x.w.example.', b1[0]],
        ['covers-wildcard', '*.x.w.example.', b1[2]],
      ]);
    });

    it('hashes each name once: a.c.x.w, c.x.w, x.w and *.x.w are 4 hashes', () => {
      expect(proveNxDomain(qB1, b1, EXAMPLE).hashes).to.equal(4);
    });

    it('stops at the hash budget with a bogus result, and completes with one more hash allowed', () => {
      const r = proveNxDomain(qB1, b1, EXAMPLE, { maxNsec3Hashes: 3 });
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') {
        expect(r.code).to.equal('nsec3-hash-budget');
        expect(r.hashes).to.equal(3);
      }
      expect(proveNxDomain(qB1, b1, EXAMPLE, { maxNsec3Hashes: 4 }).status).to.equal('secure');
    });

    it('proves NXDOMAIN for a 127-label name at the insecure iteration limit within the default budget', () => {
      // 127 one-letter labels below the root: the closest encloser search hashes 128 names, plus the wildcard.
      const deep = new Name(Array.from({ length: 127 }, () => Uint8Array.of(0x61)));
      const rootHash = nsec3Hash(Name.ROOT, 'ab', NSEC3_MAX_ITERATIONS_INSECURE);
      // One record whose next hash is its own owner: it covers every other hash.
      const only = nsec3For(Name.ROOT, Name.ROOT, rootHash, 'NS SOA RRSIG DNSKEY NSEC3PARAM', { iterations: NSEC3_MAX_ITERATIONS_INSECURE, salt: 'ab' });
      const started = process.hrtime.bigint();
      const r = proveNxDomain(deep, [only], Name.ROOT);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(r.status, r.status === 'secure' ? '' : r.reason).to.equal('secure');
      expect(r.hashes).to.equal(NSEC3_MAX_HASHES);
      expect(r.hashes).to.equal(129);
      // Not a benchmark; a generous ceiling that catches an accidental quadratic or unbounded loop.
      expect(ms).to.be.lessThan(2000);
    });

    it('accepts upper-case owner hashes (base32hex is case-insensitive)', () => {
      const upper = b1.map((r) => ({ ...r, name: n(r.name.toString().toUpperCase()) }));
      expect(proveNxDomain(qB1, upper, EXAMPLE).status).to.equal('secure');
    });

    it('ignores NSEC3 records whose owner is not one label below the zone', () => {
      const moved = b1.map((r) => ({ ...r, name: r.name.parent().child(r.name.labels[0]!).child('x') }));
      const r = proveNxDomain(qB1, moved, EXAMPLE);
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('no-records');
    });

    it('ignores an owner label that is not a base32hex SHA-1 hash', () => {
      const bad = rr('not-a-hash.example. 3600 IN NSEC3 1 0 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA');
      const r = proveNxDomain(qB1, [bad], EXAMPLE);
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('no-records');
    });

    it('rejects a name outside the zone', () => {
      const r = proveNxDomain(n('a.example.org.'), b1, EXAMPLE);
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('out-of-zone');
    });

    it('refuses more records than allowed without hashing', () => {
      const r = proveNxDomain(qB1, b1, EXAMPLE, { maxDenialRecords: 2 });
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') {
        expect(r.code).to.equal('too-many-records');
        expect(r.hashes).to.equal(0);
      }
      expect(proveNxDomain(qB1, b1, EXAMPLE, { maxDenialRecords: 3 }).status).to.equal('secure');
    });
  });

  describe('iteration limits (RFC 9276 §3.2)', () => {
    const at = (iterations: number) => b1.map((r) => rr(`${r.name} 3600 IN NSEC3 1 0 ${iterations} aabbccdd ${'0'.repeat(32)} A`));

    /** The B.1 proof made from the Appendix A zone rehashed at 151 iterations (vectors/denial/nsec3). */
    const rehashed151 = parseZone(readFileSync(join(VECTORS, 'b1_nameerror_iter151.zone'), 'utf8'));

    it('is insecure with EDE 27 above the insecure limit, once the proof is checked and holds', () => {
      const r = proveNxDomain(qB1, rehashed151, EXAMPLE);
      expect(r.status).to.equal('insecure');
      if (r.status === 'insecure') {
        expect(r.code).to.equal('nsec3-iterations');
        expect(r.ede).to.equal(27);
        expect(r.hashes).to.be.greaterThan(0);
      }
      // With the insecure limit raised to 151 the same proof is secure: only the count made it insecure.
      expect(proveNxDomain(qB1, rehashed151, EXAMPLE, { nsec3InsecureIterations: 151 }).status).to.equal('secure');
    });

    it('spends at most NSEC3_MAX_HASH_WORK SHA-1 computations per proof: fewer hashes at more iterations', () => {
      const deep = n(`${Array.from({ length: 60 }, (_, i) => `l${i}`).join('.')}.example.`);
      const cheap = proveNxDomain(deep, at(150), EXAMPLE);
      expect([cheap.status, cheap.ok ? '' : cheap.code, cheap.hashes]).to.deep.equal(['bogus', 'nsec3-no-closest-encloser', 61]);
      const dear = proveNxDomain(deep, at(500), EXAMPLE);
      const most = Math.floor(NSEC3_MAX_HASH_WORK / 501);
      expect([dear.status, dear.ok ? '' : dear.code, dear.hashes]).to.deep.equal(['bogus', 'nsec3-hash-budget', most]);
      expect(most * 501).to.be.at.most(NSEC3_MAX_HASHES * (NSEC3_MAX_ITERATIONS_INSECURE + 1));
    });

    it('is bogus above the insecure limit when the records prove nothing (replayed from such a zone), never insecure', () => {
      for (const r of [proveNxDomain(qB1, at(151), EXAMPLE), proveNoData(n('mx.example.'), RRType.TLSA, rehashed151, EXAMPLE), proveNoDs(n('kid.example.'), rehashed151, EXAMPLE)]) {
        expect(r.status, r.ok ? '' : r.reason).to.equal('bogus');
      }
    });

    it('is bogus with EDE 27 above the bogus limit, without hashing', () => {
      const r = proveNoData(n('ns1.example.'), RRType.MX, at(501), EXAMPLE);
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') {
        expect(r.code).to.equal('nsec3-iterations-bogus');
        expect(r.ede).to.equal(27);
        expect(r.hashes).to.equal(0);
      }
    });

    it('takes both limits as options', () => {
      expect(proveNxDomain(qB1, b1, EXAMPLE, { nsec3InsecureIterations: 11 }).status).to.equal('insecure');
      expect(proveNxDomain(qB1, b1, EXAMPLE, { nsec3InsecureIterations: 12 }).status).to.equal('secure');
      const r = proveNxDomain(qB1, b1, EXAMPLE, { nsec3BogusIterations: 11 });
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('nsec3-iterations-bogus');
      expect(() => proveNxDomain(qB1, b1, EXAMPLE, { nsec3InsecureIterations: 1.5 })).to.throw(RangeError, 'nsec3InsecureIterations');
    });
  });

  describe('opt-out', () => {
    it('never yields a secure NXDOMAIN, and says which record was opt-out', () => {
      const r = proveNxDomain(qB1, b1With(1), EXAMPLE);
      expect(r.status).to.equal('insecure');
      if (r.status === 'insecure') {
        expect(r.code).to.equal('nsec3-opt-out');
        expect(r.reason).to.contain('c.x.w.example.');
        expect(r.proof?.steps.map((s) => s.role)).to.deep.equal(['matches-closest-encloser', 'covers-next-closer', 'covers-wildcard']);
      }
    });

    it('does not matter for a NODATA proven by a matching record (RFC 5155 B.2 has flags 1)', () => {
      const ns1 = rr('2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. 3600 IN NSEC3 1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG');
      expect(proveNoData(n('ns1.example.'), RRType.MX, [ns1], EXAMPLE).status).to.equal('secure');
    });
  });

  describe('proveNoData', () => {
    it('requires a matching record for types other than DS, even with an opt-out cover (RFC 5155 §8.5)', () => {
      const apexOptOut = rr('0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 IN NSEC3 1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX RRSIG DNSKEY NSEC3PARAM');
      const aOptOut = rr('35mthgpgcu1qg68fab165klnsnk3dpvl.example. 3600 IN NSEC3 1 1 12 aabbccdd b4um86eghhds6nea196smvmlo4ors995 NS DS RRSIG');
      const r = proveNoData(n('c.example.'), RRType.A, [apexOptOut, aOptOut], EXAMPLE);
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('not-covered');
      expect(proveNoData(n('c.example.'), RRType.DS, [apexOptOut, aOptOut], EXAMPLE).status).to.equal('insecure');
    });
  });

  describe('proveWildcardAnswer', () => {
    it('rejects a closest encloser not above the name without looking at records', () => {
      const r = proveWildcardAnswer(n('a.z.w.example.'), n('b.example.'), b1, EXAMPLE);
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') {
        expect(r.code).to.equal('wildcard-mismatch');
        expect(r.hashes).to.equal(0);
      }
    });
  });

  describe('against an existence oracle (fast-check, fixed seed)', () => {
    // A random zone under example. (owners from a 4-letter alphabet including `*`) with its complete
    // NSEC3 chain: every owner and every empty non-terminal hashed (RFC 5155 §7.1), no opt-out.
    const label = fc.constantFrom('a', 'b', 'c', '*');
    const relName = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.'));
    const zoneArb = fc.uniqueArray(relName, { minLength: 1, maxLength: 10 });
    const opts = { maxDenialRecords: 100 };

    function build(rel: string[]): { exists: (q: Name) => boolean; chain: ResourceRecord[] } {
      const owners = [EXAMPLE, ...rel.map((r) => n(`${r}.example.`))];
      const exists = (q: Name): boolean => owners.some((o) => o.isSubdomainOf(q));
      const all = new Map<string, { name: Name; types: string }>();
      for (const o of owners) {
        for (const a of o.ancestors()) {
          if (!a.isSubdomainOf(EXAMPLE)) break;
          if (!all.has(a.key())) all.set(a.key(), { name: a, types: '' });
        }
      }
      for (const o of owners) all.get(o.key())!.types = o.equals(EXAMPLE) ? 'NS SOA RRSIG DNSKEY NSEC3PARAM' : 'A RRSIG';
      const hashed = [...all.values()].map((e) => ({ ...e, hash: nsec3Hash(e.name, '-', 0) })).sort((x, y) => (x.hash < y.hash ? -1 : 1));
      const chain = hashed.map((e, i) => rr(`${e.hash}.example. 3600 IN NSEC3 1 0 0 - ${hashed[(i + 1) % hashed.length]!.hash} ${e.types}`));
      return { exists, chain };
    }
    const closestEncloser = (q: Name, exists: (q: Name) => boolean): Name => {
      for (const a of q.ancestors()) if (exists(a)) return a;
      return EXAMPLE;
    };
    const runs = { seed: 5155, numRuns: 200 };

    it('proves NXDOMAIN exactly for names that neither exist nor match a wildcard', () => {
      fc.assert(
        fc.property(zoneArb, relName, (rel, qRel) => {
          const { exists, chain } = build(rel);
          const q = n(`${qRel}.example.`);
          const expected = !exists(q) && !exists(closestEncloser(q, exists).wildcard());
          const r = proveNxDomain(q, chain, EXAMPLE, opts);
          expect(r.status === 'secure', `${q} in [${rel.join(' ')}]: ${r.status === 'secure' ? '' : r.reason}`).to.equal(expected);
        }),
        runs,
      );
    });

    it('proves NODATA exactly for names that exist, empty non-terminals included', () => {
      fc.assert(
        fc.property(zoneArb, relName, (rel, qRel) => {
          const { exists, chain } = build(rel);
          const q = n(`${qRel}.example.`);
          expect(proveNoData(q, RRType.MX, chain, EXAMPLE, opts).status === 'secure', `${q} in [${rel.join(' ')}]`).to.equal(exists(q));
        }),
        runs,
      );
    });

    it('proves a wildcard NODATA exactly when the name is absent and the wildcard at its closest encloser exists', () => {
      fc.assert(
        fc.property(zoneArb, relName, (rel, qRel) => {
          const { exists, chain } = build(rel);
          const q = n(`${qRel}.example.`);
          const expected = !exists(q) && exists(closestEncloser(q, exists).wildcard());
          expect(proveWildcardNoData(q, RRType.MX, chain, EXAMPLE, opts).status === 'secure', `${q} in [${rel.join(' ')}]`).to.equal(expected);
        }),
        runs,
      );
    });

    it('proves "no closer match" for a wildcard answer only from the true closest encloser', () => {
      // RFC 5155 §8.8 checks only the next closer cover: that the claimed wildcard exists is what the
      // answer's verified RRSIG shows. So the claim is drawn among wildcards that exist.
      const seen = { secure: 0, other: 0 };
      fc.assert(
        fc.property(zoneArb, relName, fc.nat(3), (rel, qRel, up) => {
          const { exists, chain } = build(rel);
          const q = n(`${qRel}.example.`);
          const claimed = q.suffix(Math.max(EXAMPLE.labelCount, q.labelCount - 1 - up));
          if (!exists(claimed.wildcard())) return;
          const expected = !exists(q) && claimed.equals(closestEncloser(q, exists));
          const r = proveWildcardAnswer(q, claimed, chain, EXAMPLE, opts);
          expect(r.status === 'secure', `${q} from ${claimed} in [${rel.join(' ')}]`).to.equal(expected);
          seen[expected ? 'secure' : 'other']++;
        }),
        { ...runs, numRuns: 1000 },
      );
      expect(seen.secure).to.be.greaterThan(20);
      expect(seen.other).to.be.greaterThan(20);
    });
  });

  describe('proveNoDs', () => {
    it('refuses the zone apex as its own child', () => {
      const r = proveNoDs(EXAMPLE, b1, EXAMPLE);
      expect(r.status).to.equal('bogus');
      if (r.status === 'bogus') expect(r.code).to.equal('child-side-record');
    });
  });
});

