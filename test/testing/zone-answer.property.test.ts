/**
 * Property: for random zones (names with data, wildcards, empty non-terminals) and random
 * questions, every answer carries the denial records that prove it, checked with definitions
 * written here from the RFCs (RFC 4035 §5.4 "covers", RFC 5155 §8 hash intervals), independent of
 * the answering code's own selection.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { ZoneAnswerer } from '../../src/testing/zone-answer.ts';
import { ZoneIndex } from '../../src/testing/world/zone-index.ts';
import { denialRecords, nsec3ParamRecord, type DenialParams } from '../../src/testing/world/denial-records.ts';
import { hashedLabel } from '../../src/testing/world/nsec3-names.ts';
import { base32HexLower } from '../../src/dnssec/nsec3-hash.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Name } from '../../src/dns/name.ts';
import type { RecordOf, ResourceRecord } from '../../src/dns/record.ts';
import { a, n, ns, soa, txt } from './fixtures.ts';

const ORIGIN = n('example.');
const PARAMS = { hashAlgorithm: 1, salt: new Uint8Array([0xab]), iterations: 1 };
const label = fc.constantFrom('a', 'b', 'c', 'mx', 'z');
const relName = fc.array(label, { minLength: 1, maxLength: 3 });
const zoneNames = fc.uniqueArray(fc.tuple(relName, fc.boolean(), fc.constantFrom('A', 'TXT')), { minLength: 1, maxLength: 10, selector: ([l, w]) => `${w}${l.join('.')}` });
const question = fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), fc.constantFrom(RRType.A, RRType.TXT, RRType.MX));

/** RFC 4034 §6.1 order with wrap at the end of the chain: owner < name < next, or the last interval. */
function nsecCovers(rr: ResourceRecord, name: Name): boolean {
  const next = (rr as RecordOf<typeof RRType.NSEC>).data.nextDomainName;
  const o = rr.name;
  return o.compare(next) < 0 ? o.compare(name) < 0 && name.compare(next) < 0 : o.compare(name) < 0 || name.compare(next) < 0;
}
function nsec3Covers(rr: ResourceRecord, name: Name): boolean {
  const h = hashedLabel(name, PARAMS);
  const o = String.fromCharCode(...rr.name.labels[0]!).toLowerCase();
  const next = base32HexLower((rr as RecordOf<typeof RRType.NSEC3>).data.nextHashedOwnerName);
  return o < next ? o < h && h < next : h > o || h < next;
}
const nsec3Matches = (rr: ResourceRecord, name: Name) => String.fromCharCode(...rr.name.labels[0]!).toLowerCase() === hashedLabel(name, PARAMS);
const typesOf = (rr: ResourceRecord) => (rr.data as { types: number[] }).types;

function build(entries: [string[], boolean, string][], denial: DenialParams) {
  const records: ResourceRecord[] = [soa('example.'), ns('example.', 'ns.example.')];
  for (const [labels, wild, type] of entries) {
    const owner = `${wild ? '*.' : ''}${labels.join('.')}.example.`;
    records.push(type === 'A' ? a(owner, '192.0.2.1') : txt(owner, 't'));
  }
  const all = denial.kind === 'nsec3' ? [...records, nsec3ParamRecord(ORIGIN, denial, 3600)] : records;
  const index = new ZoneIndex(ORIGIN, all);
  const zone = [...all, ...denialRecords(index, denial, 300)];
  // The model, computed here: names with data, and every name that exists (data or empty non-terminal).
  const data = new Map<string, Set<number>>();
  for (const rr of all) {
    const k = rr.name.key();
    if (!data.has(k)) data.set(k, new Set());
    data.get(k)!.add(rr.type);
  }
  const exists = new Set<string>();
  for (const rr of all) for (const anc of rr.name.ancestors()) if (anc.isSubdomainOf(ORIGIN)) exists.add(anc.key());
  return { answerer: new ZoneAnswerer([{ origin: ORIGIN, records: zone }]), data, exists };
}

function check(denial: DenialParams) {
  fc.assert(
    fc.property(zoneNames, fc.array(question, { minLength: 1, maxLength: 8 }), (entries, questions) => {
      const { answerer, data, exists } = build(entries, denial);
      for (const [labels, type] of questions) {
        const q = Name.parse(`${labels.join('.')}.example.`);
        const r = answerer.answer({ name: q, type, dnssecOk: true });
        const proof = r.authority.filter((rr) => rr.type === (denial.kind === 'nsec' ? RRType.NSEC : RRType.NSEC3));
        let ce = q;
        while (!exists.has(ce.key())) ce = ce.parent();
        const nextCloser = ce.equals(q) ? q : q.suffix(ce.labelCount + 1);
        const wildcard = ce.wildcard();
        const where = `${q.toString()} ${type}`;
        if (exists.has(q.key())) {
          if (data.get(q.key())?.has(type)) {
            expect(r.answer.map((rr) => rr.type), where).to.include(type);
            continue;
          }
          expect([r.rcode, r.answer.length], where).to.deep.equal([Rcode.NOERROR, 0]);
          if (denial.kind === 'nsec') {
            const own = proof.find((rr) => rr.name.equals(q));
            const ok = own ? !typesOf(own).includes(type) : proof.some((rr) => nsecCovers(rr, q) && (rr as RecordOf<typeof RRType.NSEC>).data.nextDomainName.isSubdomainOf(q));
            expect(ok, `${where}: NODATA proof`).to.equal(true);
          } else {
            const own = proof.find((rr) => nsec3Matches(rr, q));
            expect(own !== undefined && !typesOf(own).includes(type), `${where}: NODATA NSEC3`).to.equal(true);
          }
        } else if (exists.has(wildcard.key()) && data.has(wildcard.key())) {
          if (data.get(wildcard.key())!.has(type)) {
            expect(r.answer.every((rr) => rr.name.equals(q)), where).to.equal(true);
            expect(r.answer.map((rr) => rr.type), where).to.include(type);
            // No closer match: RFC 4035 §5.3.4 / RFC 5155 §8.8.
            const covered = denial.kind === 'nsec' ? proof.some((rr) => nsecCovers(rr, q)) : proof.some((rr) => nsec3Covers(rr, nextCloser));
            expect(covered, `${where}: no-closer-match proof`).to.equal(true);
          } else {
            expect([r.rcode, r.answer.length], where).to.deep.equal([Rcode.NOERROR, 0]);
            if (denial.kind === 'nsec') {
              expect(proof.some((rr) => nsecCovers(rr, q)), `${where}: cover`).to.equal(true);
              expect(proof.some((rr) => rr.name.equals(wildcard) && !typesOf(rr).includes(type)), `${where}: wildcard NSEC`).to.equal(true);
            } else {
              expect(proof.some((rr) => nsec3Matches(rr, ce)), `${where}: CE`).to.equal(true);
              expect(proof.some((rr) => nsec3Covers(rr, nextCloser)), `${where}: next closer`).to.equal(true);
              expect(proof.some((rr) => nsec3Matches(rr, wildcard) && !typesOf(rr).includes(type)), `${where}: wildcard NSEC3`).to.equal(true);
            }
          }
        } else {
          expect(r.rcode, where).to.equal(Rcode.NXDOMAIN);
          if (denial.kind === 'nsec') {
            expect(proof.some((rr) => nsecCovers(rr, q)), `${where}: cover`).to.equal(true);
            expect(proof.some((rr) => nsecCovers(rr, wildcard)), `${where}: no wildcard`).to.equal(true);
          } else {
            expect(proof.some((rr) => nsec3Matches(rr, ce)), `${where}: CE`).to.equal(true);
            expect(proof.some((rr) => nsec3Covers(rr, nextCloser)), `${where}: next closer`).to.equal(true);
            expect(proof.some((rr) => nsec3Covers(rr, wildcard)), `${where}: no wildcard`).to.equal(true);
          }
        }
      }
    }),
    { numRuns: 200, seed: 4242 },
  );
}

describe('testing/zone-answer properties', () => {
  it('every NSEC answer carries the records that prove it (RFC 4035 §3.1.3)', () => check({ kind: 'nsec' }));
  it('every NSEC3 answer carries the records that prove it (RFC 5155 §7.2)', () => check({ kind: 'nsec3', ...PARAMS, optOut: false }));
});
