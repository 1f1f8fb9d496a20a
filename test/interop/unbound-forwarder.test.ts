/**
 * The differential stage (issue #11): Unbound as a forwarding validator and dane-verify's validator
 * ask the same hostile test DNS server, which tells both the same lies, and start from the same
 * trust anchor. For every lie of the matrix below, both verdicts must be what the table says; the
 * table (also in test/interop/README.md) records each difference with its reason. A difference the
 * table does not name fails the test: it is either a bug of ours or a row to add, with its reason.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { replyTo, startDnsServer, type DnsServer } from '../../src/testing/dns-server.ts';
import { StubResolver } from '../../src/resolver/stub.ts';
import { Validator } from '../../src/dnssec/validator.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType, rrTypeFromString } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { isType, type ResourceRecord } from '../../src/dns/record.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import type { Message } from '../../src/dns/message.ts';
import { AttackKit, renamed, runNow, type Answer } from '../dnssec/attack-kit.ts';
import { responseMessage } from '../dnssec/replay-upstream.ts';
import { startForwardingUnbound } from './lib/unbound-forwarder.ts';

const TLSA = '3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
type Status = 'secure' | 'insecure' | 'bogus' | 'indeterminate';

interface Lie {
  readonly id: string;
  readonly query: readonly [string, string];
  /** The upstream both validators ask (default: honest). */
  readonly answer?: (kit: AttackKit) => Answer;
  readonly ours: Status;
  readonly unbound: Status;
  /** Why the verdicts differ, when they do. */
  readonly why?: string;
}

/** The first signed NSEC3 RRset (with its RRSIG) of `zone`: it proves nothing about the names asked. */
const someNsec3 = (kit: AttackKit, zone: string): ResourceRecord[] => {
  const all = kit.denialRecords(zone);
  const owner = all.find((rr) => rr.type === RRType.NSEC3)!.name;
  return all.filter((rr) => rr.name.equals(owner));
};
const n = Name.parse;

const LIES: readonly Lie[] = [
  { id: 'honest TLSA', query: ['_25._tcp.mx.example.', 'TLSA'], ours: 'secure', unbound: 'secure' },
  { id: 'honest wildcard TLSA', query: ['_25._tcp.x.w.example.', 'TLSA'], ours: 'secure', unbound: 'secure' },
  {
    id: 'wildcard NSEC renamed to !._tcp.x.w (NXDOMAIN)',
    query: ['_25._tcp.x.w.example.', 'TLSA'],
    answer: (kit) => kit.lying('_25._tcp.x.w.example.', RRType.TLSA, () => responseMessage(n('_25._tcp.x.w.example.'), RRType.TLSA, Rcode.NXDOMAIN, [],
      [...kit.signed('example.', 'example.', RRType.SOA), ...renamed(kit.signed('example.', '*._tcp.x.w.example.', RRType.NSEC), '!._tcp.x.w.example.')])),
    ours: 'bogus',
    unbound: 'bogus',
  },
  {
    id: 'one replayed NSEC3 (200 iterations) as TLSA NODATA',
    query: ['_25._tcp.mx.iter.example.', 'TLSA'],
    answer: (kit) => kit.lying('_25._tcp.mx.iter.example.', RRType.TLSA, () => responseMessage(n('_25._tcp.mx.iter.example.'), RRType.TLSA, Rcode.NOERROR, [],
      [...kit.signed('iter.example.', 'iter.example.', RRType.SOA), ...someNsec3(kit, 'iter.example.')])),
    ours: 'bogus',
    unbound: 'insecure',
    why: 'Unbound makes any NSEC3 proof above 150 iterations insecure on the count alone; we check the proof first (docs/security-model.md): for Unbound this lie switches DANE off',
  },
  {
    id: 'one replayed NSEC3 (200 iterations) as the DS denial of a signed child',
    query: ['mx.kid.iter.example.', 'A'],
    answer: (kit) => kit.lying('kid.iter.example.', RRType.DS, () => responseMessage(n('kid.iter.example.'), RRType.DS, Rcode.NOERROR, [],
      [...kit.signed('iter.example.', 'iter.example.', RRType.SOA), ...someNsec3(kit, 'iter.example.')])),
    ours: 'bogus',
    unbound: 'insecure',
    why: 'as above: the signed child kid.iter.example. is made insecure for Unbound',
  },
  {
    id: 'TLSA RRSIG with one bit flipped',
    query: ['_25._tcp.mx.example.', 'TLSA'],
    answer: (kit) => kit.lying('_25._tcp.mx.example.', RRType.TLSA, () => {
      const h = kit.honest(n('_25._tcp.mx.example.'), RRType.TLSA);
      return { ...h, answers: h.answers.map(flipSignature) };
    }),
    ours: 'bogus',
    unbound: 'bogus',
  },
  {
    id: 'TLSA RRSIGs stripped',
    query: ['_25._tcp.mx.example.', 'TLSA'],
    answer: (kit) => kit.lying('_25._tcp.mx.example.', RRType.TLSA, () => {
      const h = kit.honest(n('_25._tcp.mx.example.'), RRType.TLSA);
      return { ...h, answers: h.answers.filter((rr) => rr.type !== RRType.RRSIG) };
    }),
    ours: 'bogus',
    unbound: 'bogus',
  },
  {
    id: 'unsigned NXDOMAIN for the TLSA name',
    query: ['_25._tcp.mx.example.', 'TLSA'],
    answer: (kit) => kit.lying('_25._tcp.mx.example.', RRType.TLSA, () => responseMessage(n('_25._tcp.mx.example.'), RRType.TLSA, Rcode.NXDOMAIN, [],
      kit.signed('example.', 'example.', RRType.SOA).filter((rr) => rr.type === RRType.SOA))),
    ours: 'bogus',
    unbound: 'bogus',
  },
  {
    id: 'DS denial of a signed child with the NSEC of another name',
    query: ['mx.sec.example.', 'A'],
    answer: (kit) => kit.lying('sec.example.', RRType.DS, () => responseMessage(n('sec.example.'), RRType.DS, Rcode.NOERROR, [],
      [...kit.signed('example.', 'example.', RRType.SOA), ...kit.signed('example.', 'mx.example.', RRType.NSEC)])),
    ours: 'bogus',
    unbound: 'bogus',
  },
  {
    id: 'CNAME into an unsigned child, the parent\'s NS-no-DS NSEC beside the NXDOMAIN',
    query: ['a.example.', 'A'],
    answer: (kit) => kit.lying('a.example.', RRType.A, () => {
      const h = kit.honest(n('a.example.'), RRType.A);
      return responseMessage(n('a.example.'), RRType.A, Rcode.NXDOMAIN, h.answers, kit.signed('example.', 'plain.example.', RRType.NSEC));
    }),
    ours: 'insecure',
    unbound: 'insecure',
  },
  { id: 'honest NXDOMAIN in a zone of 200 NSEC3 iterations', query: ['nope.iter.example.', 'A'], ours: 'insecure', unbound: 'insecure' },
];

function flipSignature(rr: ResourceRecord): ResourceRecord {
  if (!isType(rr, RRType.RRSIG)) return rr;
  const signature = rr.data.signature.slice();
  signature[0] = signature[0]! ^ 0x01;
  return createRR({ name: rr.name, type: rr.type, ttl: rr.ttl, data: { ...rr.data, signature } });
}

describe('interop: Unbound as a forwarding validator sees the same lies as our stub', function () {
  this.timeout(120_000);
  const now = runNow();
  let world: TestWorld;
  let kit: AttackKit;
  let server: DnsServer;
  let answer: Answer = () => undefined;
  const table: string[] = [];

  before(async () => {
    world = await createTestWorld({
      now,
      zones: {
        'example.': { records: ['mx A 127.0.0.1', `_25._tcp.mx TLSA ${TLSA}`, `*._tcp.x.w TLSA ${TLSA}`, 'a CNAME nope.plain.example.'] },
        'iter.example.': { denial: { nsec3: { iterations: 200 } }, records: ['mx A 127.0.0.4', `_25._tcp.mx TLSA ${TLSA}`] },
        'kid.iter.example.': { records: ['mx A 127.0.0.5'] },
        'plain.example.': { unsigned: true, records: ['mx A 127.0.0.3'] },
        'sec.example.': { records: ['mx A 127.0.0.6'] },
      },
    });
    kit = new AttackKit(world, now);
    server = await startDnsServer({
      handler: (query: Message) => {
        const q = query.questions[0]!;
        const m = answer(q.name, q.type);
        if (!m) return replyTo(query, { rcode: Rcode.SERVFAIL });
        return replyTo(query, { rcode: m.rcode, answers: m.answers, authorities: m.authorities });
      },
    });
  });
  after(async () => {
    if (table.length) console.log(`\n| lie | query | ours | Unbound 1.17 |\n|---|---|---|---|\n${table.join('\n')}\n`);
    await server?.close();
    await world?.close();
  });

  for (const lie of LIES) {
    it(`${lie.id}: ours ${lie.ours}, Unbound ${lie.unbound}${lie.why ? ' (stricter: see why)' : ''}`, async () => {
      answer = lie.answer ? lie.answer(kit) : kit.honest;
      const [name, type] = lie.query;
      const unbound = await startForwardingUnbound(server.address, world.trustAnchors.text);
      let theirs: Status;
      let output: string;
      try {
        ({ verdict: { status: theirs }, output } = await unbound.verdict(name, type));
      } finally {
        await unbound.close();
      }
      const stub = new StubResolver({ servers: [server.address], timeoutMs: 2000, attempts: 1 });
      let ours: Status;
      let reason: string;
      try {
        ({ status: ours, reason } = await new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text }).lookup(name, rrTypeFromString(type)!));
      } finally {
        stub.close();
      }
      table.push(`| ${lie.id} | ${name} ${type} | ${ours} | ${theirs} |`);
      expect(ours, `ours: ${reason}`).to.equal(lie.ours);
      expect(theirs, `Unbound:\n${output}`).to.equal(lie.unbound);
      if (lie.ours !== lie.unbound) expect(lie.why, 'a difference needs its reason').to.be.a('string');
      // Never the other way round: we are never less strict than Unbound about a lie.
      const rank: Record<Status, number> = { secure: 0, insecure: 1, indeterminate: 2, bogus: 2 };
      expect(rank[ours]).to.be.at.least(rank[theirs]);
    });
  }
});
