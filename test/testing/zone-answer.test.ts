import { expect } from 'chai';
import { ZoneAnswerer, MAX_CNAME_CHAIN } from '../../src/testing/zone-answer.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { ZoneIndex } from '../../src/testing/world/zone-index.ts';
import { denialRecords, nsec3ParamRecord, NSEC3_FLAG_OPT_OUT, type DenialParams } from '../../src/testing/world/denial-records.ts';
import { hashedLabel } from '../../src/testing/world/nsec3-names.ts';
import { RRType, rrTypeToString } from '../../src/dns/iana/rr-types.ts';
import type { RecordOf, ResourceRecord } from '../../src/dns/record.ts';
import { fromHex } from '../../src/dns/encoding.ts';
import { base32HexLower } from '../../src/dnssec/nsec3-hash.ts';
import type { Name } from '../../src/dns/name.ts';
import { createQuery, decodeMessage, encodeMessage } from '../../src/dns/message.ts';
import { a, cname, dname, exampleZone, n, ns, soa } from './fixtures.ts';

/** A zone with its denial records (unsigned: these tests are about which records are chosen). */
function withDenial(origin: string, records: ResourceRecord[], denial: DenialParams): { origin: Name; records: ResourceRecord[] } {
  const extra = denial.kind === 'nsec3' ? [nsec3ParamRecord(n(origin), denial, 3600)] : [];
  const all = [...records, ...extra];
  return { origin: n(origin), records: [...all, ...denialRecords(new ZoneIndex(n(origin), all), denial, 300)] };
}

const NSEC: DenialParams = { kind: 'nsec' };
const NSEC3: DenialParams = { kind: 'nsec3', hashAlgorithm: 1, salt: fromHex('aabbccdd'), iterations: 1, optOut: false };
const NSEC3_OPTOUT: DenialParams = { ...NSEC3, optOut: true };

function world(denial: DenialParams): ZoneAnswerer {
  return new ZoneAnswerer([
    withDenial('example.', exampleZone(), denial),
    withDenial('sec.example.', [soa('sec.example.'), ns('sec.example.', 'ns.sec.example.'), a('ns.sec.example.', '192.0.2.55')], denial),
    withDenial('example.net.', [soa('example.net.'), ns('example.net.', 'ns.example.'), a('a.example.net.', '198.51.100.1'),
      cname('loop1.example.net.', 'loop2.example.net.'), cname('loop2.example.net.', 'loop1.example.net.')], denial),
  ]);
}

const show = (rrs: ResourceRecord[]) => rrs.map((rr) => `${rr.name.toString()} ${rrTypeToString(rr.type)}`);
const ask = (w: ZoneAnswerer, name: string, type: number, dnssecOk = true) => w.answer({ name: n(name), type, dnssecOk });

const ownerHash = (rr: ResourceRecord) => String.fromCharCode(...rr.name.labels[0]!).toLowerCase();
const hashOf = (rr: ResourceRecord, name: string) => {
  const d = (rr as RecordOf<typeof RRType.NSEC3>).data;
  return hashedLabel(n(name), { hashAlgorithm: 1, salt: d.salt, iterations: d.iterations });
};
/** RFC 5155 §1.3 "covers": owner hash < hash < next hash, the last record wrapping round. */
function nsec3Covers(rr: ResourceRecord, name: string): boolean {
  const h = hashOf(rr, name);
  const owner = ownerHash(rr);
  const next = base32HexLower((rr as RecordOf<typeof RRType.NSEC3>).data.nextHashedOwnerName);
  return owner < next ? owner < h && h < next : h > owner || h < next;
}
const nsec3Matches = (rr: ResourceRecord, name: string): boolean => ownerHash(rr) === hashOf(rr, name);
const nsec3s = (rrs: ResourceRecord[]) => rrs.filter((rr) => rr.type === RRType.NSEC3);

describe('testing/zone-answer', () => {
  describe('with NSEC', () => {
    const w = world(NSEC);

    it('answers an existing RRset', () => {
      const r = ask(w, 'www.example.', RRType.A);
      expect(r.rcode).to.equal(Rcode.NOERROR);
      expect(show(r.answer)).to.deep.equal(['www.example. A']);
      expect(r.authority).to.deep.equal([]);
    });

    it('answers NODATA with the SOA and the NSEC at the name (RFC 4035 §3.1.3.1)', () => {
      const r = ask(w, 'www.example.', RRType.MX);
      expect(r.rcode).to.equal(Rcode.NOERROR);
      expect(r.answer).to.deep.equal([]);
      expect(show(r.authority)).to.deep.equal(['example. SOA', 'www.example. NSEC']);
    });

    it('answers NXDOMAIN with the covering NSEC and the no-wildcard NSEC (RFC 4035 §3.1.3.2)', () => {
      const r = ask(w, 'nope.example.', RRType.A);
      expect(r.rcode).to.equal(Rcode.NXDOMAIN);
      expect(show(r.authority)).to.deep.equal(['example. SOA', 'moved.example. NSEC', 'example. NSEC']);
    });

    it('answers an empty non-terminal with NODATA and the NSEC that covers it', () => {
      const r = ask(w, 'c.example.', RRType.A);
      expect(r.rcode).to.equal(Rcode.NOERROR);
      expect(show(r.authority)).to.deep.equal(['example. SOA', 'alias.example. NSEC']);
    });

    it('expands a wildcard to the query name with the NSEC proving no closer match (RFC 4035 §3.1.3.3)', () => {
      const r = ask(w, 'x.w.example.', RRType.MX);
      expect(show(r.answer)).to.deep.equal(['x.w.example. MX']);
      expect(show(r.authority)).to.deep.equal(['*.w.example. NSEC']);
    });

    it('answers wildcard NODATA with the covering NSEC and the wildcard NSEC, once each (RFC 4035 §3.1.3.4)', () => {
      const r = ask(w, 'x.w.example.', RRType.A);
      expect(r.rcode).to.equal(Rcode.NOERROR);
      expect(show(r.authority)).to.deep.equal(['example. SOA', '*.w.example. NSEC']);
    });

    it('follows a CNAME inside the zone', () => {
      const r = ask(w, 'alias.example.', RRType.A);
      expect(show(r.answer)).to.deep.equal(['alias.example. CNAME', 'www.example. A']);
    });

    it('answers a CNAME question with the CNAME alone', () => {
      expect(show(ask(w, 'alias.example.', RRType.CNAME).answer)).to.deep.equal(['alias.example. CNAME']);
    });

    it('synthesises a CNAME from a DNAME and follows it into another zone (RFC 6672 §3.4)', () => {
      const r = ask(w, 'a.moved.example.', RRType.A);
      expect(show(r.answer)).to.deep.equal(['moved.example. DNAME', 'a.moved.example. CNAME', 'a.example.net. A']);
      const synth = r.answer[1] as RecordOf<typeof RRType.CNAME>;
      expect(synth.data.cname.toString()).to.equal('a.example.net.');
    });

    it('stops a CNAME loop and returns the chain gathered', () => {
      const r = ask(w, 'loop1.example.net.', RRType.A);
      expect(r.rcode).to.equal(Rcode.NOERROR);
      expect(show(r.answer)).to.deep.equal(['loop1.example.net. CNAME', 'loop2.example.net. CNAME']);
      expect(MAX_CNAME_CHAIN).to.be.greaterThan(2);
    });

    it('answers DS from the parent side of a cut and DNSKEY/SOA from the child (RFC 4035 §3.1.4.1)', () => {
      expect(show(ask(w, 'sec.example.', RRType.DS).answer)).to.deep.equal(['sec.example. DS']);
      expect(show(ask(w, 'sec.example.', RRType.SOA).answer)).to.deep.equal(['sec.example. SOA']);
    });

    it('proves no DS at an insecure delegation with the parent-side NSEC (NS set, DS clear)', () => {
      const r = ask(w, 'sub.example.', RRType.DS);
      expect(r.rcode).to.equal(Rcode.NOERROR);
      expect(show(r.authority)).to.deep.equal(['example. SOA', 'sub.example. NSEC']);
      const nsec = r.authority[1] as RecordOf<typeof RRType.NSEC>;
      expect(nsec.data.types.map(rrTypeToString)).to.deep.equal(['NS', 'RRSIG', 'NSEC']);
    });

    it('gives SERVFAIL below a delegation to a zone the world does not hold', () => {
      expect(ask(w, 'ns.sub.example.', RRType.A).rcode).to.equal(Rcode.SERVFAIL);
      expect(ask(w, 'sub.example.', RRType.A).rcode).to.equal(Rcode.SERVFAIL);
    });

    it('refuses a name outside every zone of the world', () => {
      expect(ask(w, 'example.org.', RRType.A).rcode).to.equal(Rcode.REFUSED);
    });

    it('leaves out NSEC records when the query had DO=0 (RFC 4035 §3.2.1)', () => {
      const r = ask(w, 'nope.example.', RRType.A, false);
      expect(r.rcode).to.equal(Rcode.NXDOMAIN);
      expect(show(r.authority)).to.deep.equal(['example. SOA']);
      expect(show(ask(w, 'www.example.', RRType.NSEC, false).answer)).to.deep.equal(['www.example. NSEC']);
    });
  });

  describe('wildcard CNAME and DNAME overflow', () => {
    const l63 = 'a'.repeat(63);
    const w = new ZoneAnswerer([
      withDenial('example.', [soa('example.'), ns('example.', 'ns.example.'), a('www.example.', '192.0.2.1'),
        cname('*.c.example.', 'www.example.'), dname('far.example.', `${l63}.${l63}.${l63}.example.`)], NSEC),
    ]);

    it('expands a wildcard CNAME, follows it, and keeps the no-closer-match proof', () => {
      const r = ask(w, 'x.c.example.', RRType.A);
      expect(show(r.answer)).to.deep.equal(['x.c.example. CNAME', 'www.example. A']);
      expect(show(r.authority)).to.deep.equal(['*.c.example. NSEC']);
    });

    it('answers YXDOMAIN when the DNAME substitution exceeds 255 octets (RFC 6672 §2.2)', () => {
      const r = ask(w, `${'b'.repeat(60)}.far.example.`, RRType.A);
      expect(r.rcode).to.equal(Rcode.YXDOMAIN);
      expect(show(r.answer)).to.deep.equal(['far.example. DNAME']);
    });
  });

  describe('with NSEC3', () => {
    const w = world(NSEC3);

    it('answers NXDOMAIN with closest encloser, next closer and wildcard proofs (RFC 5155 §7.2.2)', () => {
      const r = ask(w, 'x.nope.example.', RRType.A);
      expect(r.rcode).to.equal(Rcode.NXDOMAIN);
      const p = nsec3s(r.authority);
      expect(p.length).to.be.within(2, 3);
      expect(p.some((rr) => nsec3Matches(rr, 'example.')), 'closest encloser').to.equal(true);
      expect(p.some((rr) => nsec3Covers(rr, 'nope.example.')), 'next closer').to.equal(true);
      expect(p.some((rr) => nsec3Covers(rr, '*.example.')), 'wildcard').to.equal(true);
    });

    it('answers NODATA with the matching NSEC3 (RFC 5155 §7.2.3)', () => {
      const r = ask(w, 'www.example.', RRType.MX);
      const p = nsec3s(r.authority);
      expect(p).to.have.length(1);
      expect(nsec3Matches(p[0]!, 'www.example.')).to.equal(true);
    });

    it('answers an empty non-terminal with its own NSEC3 with an empty bitmap', () => {
      const p = nsec3s(ask(w, 'b.c.example.', RRType.A).authority);
      expect(p).to.have.length(1);
      expect(nsec3Matches(p[0]!, 'b.c.example.')).to.equal(true);
      expect((p[0] as RecordOf<typeof RRType.NSEC3>).data.types).to.deep.equal([]);
    });

    it('proves a wildcard answer with the NSEC3 covering the next closer name (RFC 5155 §7.2.6)', () => {
      const r = ask(w, 'y.x.w.example.', RRType.MX);
      expect(show(r.answer)).to.deep.equal(['y.x.w.example. MX']);
      const p = nsec3s(r.authority);
      expect(p).to.have.length(1);
      expect(nsec3Covers(p[0]!, 'x.w.example.')).to.equal(true);
    });

    it('answers wildcard NODATA with closest encloser proof and the wildcard NSEC3 (RFC 5155 §7.2.5)', () => {
      const p = nsec3s(ask(w, 'x.w.example.', RRType.A).authority);
      expect(p.some((rr) => nsec3Matches(rr, 'w.example.'))).to.equal(true);
      expect(p.some((rr) => nsec3Covers(rr, 'x.w.example.'))).to.equal(true);
      expect(p.some((rr) => nsec3Matches(rr, '*.w.example.'))).to.equal(true);
    });

    it('proves no DS at an insecure delegation with its matching NSEC3 (RFC 5155 §7.2.4)', () => {
      const p = nsec3s(ask(w, 'sub.example.', RRType.DS).authority);
      expect(p).to.have.length(1);
      expect(nsec3Matches(p[0]!, 'sub.example.')).to.equal(true);
    });
  });

  describe('with NSEC3 opt-out', () => {
    const w = world(NSEC3_OPTOUT);

    it('proves no DS at an opted-out delegation by the closest provable encloser and an opt-out cover (RFC 5155 §7.2.4)', () => {
      const p = nsec3s(ask(w, 'sub.example.', RRType.DS).authority);
      expect(p.some((rr) => nsec3Matches(rr, 'example.'))).to.equal(true);
      const cover = p.find((rr) => nsec3Covers(rr, 'sub.example.'));
      expect(cover).not.to.equal(undefined);
      expect((cover as RecordOf<typeof RRType.NSEC3>).data.flags & NSEC3_FLAG_OPT_OUT).to.equal(NSEC3_FLAG_OPT_OUT);
    });

    it('moves past an empty non-terminal that only an opted-out delegation creates', () => {
      const p = nsec3s(ask(w, 'deleg.ent.example.', RRType.DS).authority);
      expect(p.some((rr) => nsec3Matches(rr, 'example.'))).to.equal(true);
      expect(p.some((rr) => nsec3Covers(rr, 'ent.example.'))).to.equal(true);
    });
  });

  describe('respond (whole messages)', () => {
    const w = world(NSEC);

    it('answers like a recursive resolver: RA set, AA and AD clear, RD/CD/DO echoed, question echoed', () => {
      const q = createQuery({ id: 4242, name: n('NoPe.Example.'), type: RRType.A, cd: true });
      const r = decodeMessage(encodeMessage(w.respond(decodeMessage(encodeMessage(q)))));
      expect(r.id).to.equal(4242);
      expect(r.flags).to.deep.equal({ qr: true, aa: false, tc: false, rd: true, ra: true, ad: false, cd: true });
      expect(r.rcode).to.equal(Rcode.NXDOMAIN);
      expect(r.questions[0]!.name.toString()).to.equal('NoPe.Example.');
      expect(r.edns?.dnssecOk).to.equal(true);
      expect(show(r.authorities)).to.deep.equal(['example. SOA', 'moved.example. NSEC', 'example. NSEC']);
    });

    it('omits OPT when the query had none, and DNSSEC records with it', () => {
      const r = w.respond(createQuery({ id: 1, name: n('nope.example.'), type: RRType.A, edns: false }));
      expect(r.edns).to.equal(undefined);
      expect(show(r.authorities)).to.deep.equal(['example. SOA']);
    });

    it('refuses other classes, rejects other opcodes and EDNS versions', () => {
      expect(w.respond(createQuery({ id: 1, name: n('www.example.'), type: RRType.A, class: 3 })).rcode).to.equal(Rcode.REFUSED);
      expect(w.respond({ ...createQuery({ id: 1, name: n('www.example.'), type: RRType.A }), opcode: 2 }).rcode).to.equal(Rcode.NOTIMP);
      const v1 = createQuery({ id: 1, name: n('www.example.'), type: RRType.A });
      v1.edns!.version = 1;
      expect(w.respond(v1).rcode).to.equal(Rcode.BADVERS);
      expect(w.respond({ ...createQuery({ id: 1, name: n('www.example.'), type: RRType.A }), questions: [] }).rcode).to.equal(Rcode.FORMERR);
    });
  });
});
