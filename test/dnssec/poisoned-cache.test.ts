/**
 * One forged message must not decide a name's status for as long as the TTLs it claims (issue #11,
 * item 4). A real StubResolver with its cache sits between the validator and a DNS server that
 * answers from a signed test world, forging one answer once: a flipped signature bit and TTLs raised
 * to a day. What failed validation is fetched again, and kept no longer than badCacheTtl.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { replyTo, startDnsServer, type DnsServer } from '../../src/testing/dns-server.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { DEFAULT_VALIDATOR_LIMITS } from '../../src/dnssec/validator-limits.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { isType, type ResourceRecord } from '../../src/dns/record.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import type { Message } from '../../src/dns/message.ts';
import { runNow } from './attack-kit.ts';

const TLSA = '3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const DAY_S = 86_400;

/** The records with every TTL raised to a day and one bit of each RRSIG's signature flipped. */
function forge(records: readonly ResourceRecord[]): ResourceRecord[] {
  return records.map((rr) => {
    if (!isType(rr, RRType.RRSIG)) return { ...rr, ttl: DAY_S };
    const signature = rr.data.signature.slice();
    signature[0] = signature[0]! ^ 0x01;
    return createRR({ name: rr.name, type: rr.type, ttl: DAY_S, data: { ...rr.data, originalTtl: DAY_S, signature } });
  });
}

describe('dnssec: a forged message in the stub cache does not outlive badCacheTtl', function () {
  this.timeout(60_000);
  const start = runNow();
  let world: TestWorld;
  let server: DnsServer;
  /** Questions (`name|type`) whose next answer is forged, each once. */
  const forgeNext = new Set<string>();
  let clockMs = start.getTime();

  before(async () => {
    world = await createTestWorld({ now: start, zones: { 'example.': { records: ['mx A 127.0.0.1', `_25._tcp.mx TLSA ${TLSA}`] } } });
    server = await startDnsServer({
      handler: (query: Message) => {
        const q = query.questions[0]!;
        const a = world.answerer.answer({ name: q.name, type: q.type, dnssecOk: true });
        const key = `${q.name.key()}|${q.type}`;
        const lie = forgeNext.delete(key);
        return replyTo(query, { rcode: a.rcode, answers: lie ? forge(a.answer) : a.answer, authorities: lie ? forge(a.authority) : a.authority });
      },
    });
  });
  after(async () => {
    await server?.close();
    await world?.close();
  });

  function setup() {
    clockMs = start.getTime();
    const stub = new StubResolver({ servers: [server.address], now: () => clockMs });
    const validator = new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text, now: () => new Date(clockMs) });
    return { stub, validator };
  }
  const TLSA_NAME = Name.parse('_25._tcp.mx.example.');
  const DNSKEY = { name: Name.parse('example.'), type: RRType.DNSKEY };

  for (const [what, q] of [['TLSA answer', { name: TLSA_NAME, type: RRType.TLSA }], ['DNSKEY RRset of the zone', DNSKEY]] as const) {
    it(`a forged ${what} (bad signature, TTLs of a day): bogus once, then fetched again and secure`, async () => {
      const { stub, validator } = setup();
      try {
        forgeNext.add(`${q.name.key()}|${q.type}`);
        const first = await validator.lookup(TLSA_NAME, RRType.TLSA);
        expect(first.status, first.reason).to.equal('bogus');
        // The forged message is still in the stub's cache, but no longer than badCacheTtl.
        clockMs += (DEFAULT_VALIDATOR_LIMITS.badCacheTtl - 1) * 1000;
        const cached = await stub.query(q.name, q.type);
        expect(cached.ok && cached.fromCache, 'held until badCacheTtl').to.equal(true);
        // A lookup now meets the cached forgery, comes out bogus, and fetches again before answering.
        const second = await validator.lookup(TLSA_NAME, RRType.TLSA);
        expect(second.status, second.reason).to.equal('secure');
        expect(second.rrset).to.have.length(1);
      } finally {
        stub.close();
      }
    });
  }

  it('without a second lookup, the forged entry expires after badCacheTtl, not after the day its TTLs claim', async () => {
    const { stub, validator } = setup();
    try {
      forgeNext.add(`${TLSA_NAME.key()}|${RRType.TLSA}`);
      expect((await validator.lookup(TLSA_NAME, RRType.TLSA)).status).to.equal('bogus');
      clockMs += DEFAULT_VALIDATOR_LIMITS.badCacheTtl * 1000;
      const r = await stub.query(TLSA_NAME, RRType.TLSA);
      expect(r.ok && !r.fromCache, 'fetched from the server again').to.equal(true);
    } finally {
      stub.close();
    }
  });

  it('honest answers stay cached for their TTL (no re-fetch of what validated)', async () => {
    const { stub, validator } = setup();
    try {
      expect((await validator.lookup(TLSA_NAME, RRType.TLSA)).status).to.equal('secure');
      const queries = stub.stats.udpQueries;
      clockMs += (DEFAULT_VALIDATOR_LIMITS.badCacheTtl + 1) * 1000;
      expect((await validator.lookup(TLSA_NAME, RRType.TLSA)).status).to.equal('secure');
      expect(stub.stats.udpQueries).to.equal(queries);
    } finally {
      stub.close();
    }
  });
});
