import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import type { Message } from '../../src/dns/message.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { RRType, RRClass } from '../../src/dns/iana/rr-types.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { findDnssecStripping } from '../../src/resolver/dnssec-stripping.ts';
import { buildQuery } from '../../src/resolver/query.ts';
import { replyTo } from '../../src/testing/dns-server.ts';

const Z = Name.parse('example.');
const W = Z.child('www');
const q = (type: number): Message => buildQuery({ name: W, type, class: RRClass.IN }, { id: 1, udpSize: 1232 });
const a = createRR({ name: W, type: RRType.A, ttl: 60, data: { address: '192.0.2.1' } });
const sig = (covered: number): ResourceRecord =>
  createRR({
    name: W,
    type: RRType.RRSIG,
    ttl: 60,
    data: { typeCovered: covered, algorithm: 13, labels: 2, originalTtl: 60, expiration: 2, inception: 1, keyTag: 1, signerName: Z, signature: new Uint8Array(64) },
  });
const nsec = createRR({ name: W, type: RRType.NSEC, ttl: 60, data: { nextDomainName: Z, types: [RRType.A] } });

describe('resolver/dnssec-stripping', () => {
  const query = q(RRType.A);

  it('sees nothing wrong in a signed answer, or an unsigned one when signatures are not required', () => {
    expect(findDnssecStripping(query, replyTo(query, { answers: [a, sig(RRType.A)] }), true)).to.equal(undefined);
    expect(findDnssecStripping(query, replyTo(query, { answers: [a] }), false)).to.equal(undefined);
    expect(findDnssecStripping(query, replyTo(query, { authorities: [nsec, sig(RRType.NSEC)] }), true)).to.equal(undefined);
  });

  it('reports a missing OPT record and a DO bit not echoed', () => {
    const noOpt = replyTo(query, { answers: [a, sig(RRType.A)] });
    delete noOpt.edns;
    expect(findDnssecStripping(query, noOpt, false)).to.match(/no OPT record/);
    const noDo = replyTo(query, { answers: [a, sig(RRType.A)] });
    noDo.edns = { ...noDo.edns!, dnssecOk: false };
    expect(findDnssecStripping(query, noDo, false)).to.match(/DO bit not echoed/);
  });

  it('reports NSEC records without RRSIGs, in either section', () => {
    expect(findDnssecStripping(query, replyTo(query, { authorities: [nsec] }), false)).to.match(/authority section/);
    expect(findDnssecStripping(q(RRType.NSEC), replyTo(q(RRType.NSEC), { answers: [nsec] }), false)).to.match(/answer section/);
  });

  it('reports an answer or a denial without RRSIGs when the zone is known to be signed', () => {
    expect(findDnssecStripping(query, replyTo(query, { answers: [a] }), true)).to.match(/no RRSIG in the answer/);
    expect(findDnssecStripping(query, replyTo(query, {}), true)).to.match(/no RRSIG in the denial/);
  });

  it('does not expect an RRSIG query, or a query sent without EDNS, to carry signatures', () => {
    const rq = q(RRType.RRSIG);
    expect(findDnssecStripping(rq, replyTo(rq, { answers: [sig(RRType.A)] }), true)).to.equal(undefined);
    const plain = { ...query };
    delete plain.edns;
    expect(findDnssecStripping(plain, replyTo(plain, { answers: [a] }), true)).to.equal(undefined);
  });
});
