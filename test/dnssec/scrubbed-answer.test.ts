/**
 * An answer with one malformed record (issue #11, item 6): the stub leaves that record out and the
 * validator judges what is left, as Unbound scrubs. Refused whole, the answer was asked again until
 * the query timed out (indeterminate), deferring mail to a correctly signed domain because of one
 * record a middlebox or an attacker added. A raw UDP server sends the bytes; a real StubResolver
 * and Validator read them.
 */
import { expect } from 'chai';
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { replyTo } from '../../src/testing/dns-server.ts';
import { decodeMessage, encodeMessage } from '../../src/dns/message.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { PLACEHOLDER_ADDRESS, withMalformedRecord } from '../support/malformed-record.ts';
import { runNow } from './attack-kit.ts';

type Mode = 'honest' | 'long-a' | 'short-rrsig' | 'short-rrsig-only';

describe('dnssec: an answer with one malformed record is judged on the rest', function () {
  this.timeout(30_000);
  const now = runNow();
  const MX = Name.parse('mx.example.');
  let world: TestWorld;
  let udp: Socket;
  let mode: Mode = 'honest';

  before(async () => {
    world = await createTestWorld({ now, zones: { 'example.': { records: ['mx A 127.0.0.1'] } } });
    udp = createSocket('udp4');
    udp.on('message', (bytes, rinfo) => {
      const query = decodeMessage(bytes);
      const q = query.questions[0]!;
      const a = world.answerer.answer({ name: q.name, type: q.type, dnssecOk: true });
      const reply = replyTo(query, { rcode: a.rcode, answers: [...a.answer], authorities: a.authority });
      let out = encodeMessage(reply);
      if (mode !== 'honest' && q.name.equals(MX) && q.type === RRType.A) {
        if (mode === 'short-rrsig-only') reply.answers = reply.answers.filter((rr) => rr.type !== RRType.RRSIG);
        reply.answers.push(createRR({ name: MX, type: RRType.A, ttl: 300, data: { address: PLACEHOLDER_ADDRESS } }));
        out = withMalformedRecord(reply, mode === 'long-a' ? 'long-a' : 'short-rrsig');
      }
      udp.send(out, rinfo.port, rinfo.address);
    });
    udp.bind(0, '127.0.0.1');
    await once(udp, 'listening');
  });
  after(async () => {
    udp?.close();
    await world?.close();
  });

  async function lookup(m: Mode) {
    mode = m;
    const stub = new StubResolver({ servers: [`127.0.0.1:${udp.address().port}`], timeoutMs: 500, attempts: 1, deadlineMs: 1500 });
    try {
      return await new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text, now: () => now }).lookup(MX, RRType.A);
    } finally {
      stub.close();
    }
  }

  it('honest: secure, one address', async () => {
    const r = await lookup('honest');
    expect([r.status, r.rrset.length], r.reason).to.deep.equal(['secure', 1]);
  });

  it('a 5-octet A record added to the signed RRset: left out, the RRset verifies, secure with the signed address only', async () => {
    const r = await lookup('long-a');
    expect([r.status, r.rrset.length], r.reason).to.deep.equal(['secure', 1]);
    expect((r.rrset[0]!.data as { address: string }).address).to.equal('127.0.0.1');
  });

  it('a malformed RRSIG beside the good one: left out, secure', async () => {
    const r = await lookup('short-rrsig');
    expect(r.status, r.reason).to.equal('secure');
  });

  it('a malformed RRSIG in place of the good one: bogus (no valid signature), not a timeout', async () => {
    const r = await lookup('short-rrsig-only');
    expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'rrsigs-missing']);
  });
});
