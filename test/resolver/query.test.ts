import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import { encodeMessage, type Message } from '../../src/dns/message.ts';
import { RRType, RRClass } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { buildQuery, matchResponse, randomQueryId } from '../../src/resolver/query.ts';
import { replyTo } from '../../src/testing/dns-server.ts';

const NAME = Name.parse('mx.example.');
const query = buildQuery({ name: NAME, type: RRType.TLSA, class: RRClass.IN }, { id: 0xbeef, udpSize: 1232 });
const verdict = (m: Message): ReturnType<typeof matchResponse> => matchResponse(query, encodeMessage(m));

describe('resolver/query', () => {
  it('builds a query with RD, CD, EDNS0 version 0, DO and the payload size, and nothing else', () => {
    expect(query.flags).to.deep.equal({ qr: false, aa: false, tc: false, rd: true, ra: false, ad: false, cd: true });
    expect(query.edns).to.deep.equal({ udpSize: 1232, version: 0, dnssecOk: true, options: [] });
    expect(query.questions).to.have.length(1);
    expect([query.answers, query.authorities, query.additionals]).to.deep.equal([[], [], []]);
  });

  it('draws IDs over the whole 16-bit range', () => {
    const ids = Array.from({ length: 2000 }, randomQueryId);
    expect(Math.min(...ids)).to.be.at.least(0);
    expect(Math.max(...ids)).to.be.below(0x10000);
    expect(ids.some((i) => i >= 0x8000)).to.equal(true);
    expect(ids.some((i) => i < 0x8000)).to.equal(true);
  });

  it('accepts the response to the query, the name in another case included', () => {
    expect(verdict(replyTo(query))).to.have.property('accept');
    const upper = { ...replyTo(query), questions: [{ name: Name.parse('MX.EXAMPLE.'), type: RRType.TLSA, class: RRClass.IN }] };
    expect(verdict(upper)).to.have.property('accept');
  });

  it('drops a response with another ID, another question, or that is not a response', () => {
    expect(verdict({ ...replyTo(query), id: 0xbeee })).to.deep.equal({ drop: 'wrong-id' });
    for (const q of [
      { name: Name.parse('mx.example.org.'), type: RRType.TLSA, class: RRClass.IN },
      { name: NAME, type: RRType.A, class: RRClass.IN },
      { name: NAME, type: RRType.TLSA, class: RRClass.CH },
    ]) {
      expect(verdict({ ...replyTo(query), questions: [q] })).to.deep.equal({ drop: 'wrong-question' });
    }
    expect(verdict({ ...replyTo(query), questions: [...query.questions, ...query.questions] })).to.deep.equal({ drop: 'wrong-question' });
    expect(verdict({ ...replyTo(query), flags: { ...replyTo(query).flags, qr: false } })).to.deep.equal({ drop: 'not-a-response' });
    expect(verdict({ ...replyTo(query), opcode: 4 })).to.deep.equal({ drop: 'not-a-response' });
  });

  it('accepts an error response without a question, but not an answer without one', () => {
    expect(verdict({ ...replyTo(query, { rcode: Rcode.REFUSED }), questions: [] })).to.have.property('accept');
    expect(verdict({ ...replyTo(query, { rcode: Rcode.FORMERR }), questions: [] })).to.have.property('accept');
    expect(verdict({ ...replyTo(query), questions: [] })).to.deep.equal({ drop: 'wrong-question' });
    expect(verdict({ ...replyTo(query, { rcode: Rcode.SERVFAIL }), questions: [] })).to.deep.equal({ drop: 'wrong-question' });
  });

  it('drops bytes that carry the ID but do not decode', () => {
    const bytes = encodeMessage(replyTo(query));
    expect(matchResponse(query, bytes.subarray(0, bytes.length - 1))).to.deep.equal({ drop: 'malformed' });
    expect(matchResponse(query, Uint8Array.from([0xbe]))).to.deep.equal({ drop: 'wrong-id' });
  });
});
