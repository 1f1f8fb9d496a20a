import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { Fault } from '../../src/testing/dns-server.ts';
import { harness } from './harness.ts';
import { toyHandler } from './fixtures.ts';
import { ok, failed } from './expect-result.ts';

const A_NAME = Name.parse('a.example.');
const NX_NAME = Name.parse('nx.example.');

describe('resolver/stub: upstreams that strip DNSSEC', () => {
  const h = harness();
  afterEach(() => h.closeAll());

  const cases: { fault: Fault; name: Name; requireSignatures?: boolean; says: string }[] = [
    { fault: { kind: 'strip-opt' }, name: A_NAME, says: 'no OPT record in the answer to an EDNS0 query' },
    { fault: { kind: 'clear-do' }, name: A_NAME, says: 'DO bit not echoed' },
    { fault: { kind: 'strip-dnssec' }, name: A_NAME, says: 'DO bit not echoed' },
    { fault: { kind: 'strip-rrsig' }, name: NX_NAME, says: 'NSEC/NSEC3 records without RRSIGs in the authority section' },
    { fault: { kind: 'strip-rrsig' }, name: A_NAME, requireSignatures: true, says: 'no RRSIG in the answer from a signed zone' },
  ];
  for (const c of cases) {
    it(`names the upstream that strips DNSSEC (${c.fault.kind}${c.requireSignatures ? ', signed zone' : ''}) and tries the next`, async () => {
      const bad = await h.server();
      const good = await h.server();
      bad.addFault({ fault: c.fault });
      const r = ok(await h.resolver([bad, good]).query(c.name, RRType.A, { requireSignatures: c.requireSignatures === true }));
      expect(r.server).to.equal(good.address);
      expect(r.attempts[0]).to.include({ server: bad.address, code: 'dnssec-stripped' });
      expect(r.attempts[0]!.reason).to.equal(`the resolver at ${bad.address} strips DNSSEC records: ${c.says}${c.says.startsWith('DO') ? ' in the answer to a DNSSEC query' : ''}`);
    });
  }

  it('fails with "dnssec-stripped" and says so when every upstream strips', async () => {
    const bad = await h.server();
    bad.addFault({ fault: { kind: 'strip-dnssec' } });
    const f = failed(await h.resolver([bad], { attempts: 1 }).query(A_NAME, RRType.A));
    expect(f.code).to.equal('dnssec-stripped');
    expect(f.reason).to.contain(`the resolver at ${bad.address} strips DNSSEC records`);
  });

  it('cannot tell a stripped positive answer from an unsigned zone unless told the zone is signed', async () => {
    const bad = await h.server();
    bad.addFault({ fault: { kind: 'strip-rrsig' } });
    const r = ok(await h.resolver([bad]).query(A_NAME, RRType.A));
    expect(r.message.answers.map((rr) => rr.type)).to.deep.equal([RRType.A]);
  });

  it('accepts an unsigned answer when the zone is not known to be signed, and rejects it when it is', async () => {
    const s = await h.server();
    const res = h.resolver([s], { attempts: 1 });
    ok(await res.query(Name.parse('unsigned.example.'), RRType.A));
    const f = failed(await res.query(Name.parse('unsigned.example.'), RRType.A, { requireSignatures: true }));
    expect(f.code).to.equal('dnssec-stripped');
  });

  it('requires signatures on a denial from a signed zone too', async () => {
    // A NODATA answer with its SOA alone: neither RRSIGs nor NSEC records.
    const s = await h.server(undefined, (query) => {
      const r = toyHandler(query);
      return { ...r, authorities: r.authorities.filter((rr) => rr.type === RRType.SOA) };
    });
    ok(await h.resolver([s], { attempts: 1 }).query(Name.parse('nodata.example.'), RRType.MX));
    const f = failed(await h.resolver([s], { attempts: 1 }).query(Name.parse('nodata.example.'), RRType.MX, { requireSignatures: true }));
    expect(f.reason).to.contain('no RRSIG in the denial from a signed zone');
  });
});
