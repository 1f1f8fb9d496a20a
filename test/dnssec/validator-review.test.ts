/**
 * Review findings against the validator: each test shows one attack or failure mode found by an
 * adversarial read of src/dnssec/ (RFC 4035 §5, RFC 5155 §8, RFC 6840), and holds its fix in place.
 * Answers come from a signed test world without a socket (`world.answerer`), re-signed with the
 * world's own keys where a test needs a signature a real zone would never make.
 */
import { expect } from 'chai';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Validator, type LookupResult } from '../../src/dnssec/validator.ts';
import { Name } from '../../src/dns/name.ts';
import { RRClass, RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { isType, type ResourceRecord } from '../../src/dns/record.ts';
import { formatRR } from '../../src/dns/presentation.ts';
import type { Message } from '../../src/dns/message.ts';
import { signRRset, type TestKey } from '../../src/testing/keys.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import type { QueryOptions, QueryResult, Resolver } from '../../src/resolver/result.ts';
import { DEFAULT_VALIDATOR_LIMITS } from '../../src/dnssec/validator-limits.ts';
import type { TrustAnchor } from '../../src/dnssec/anchors.ts';
import { CallbackUpstream, responseMessage } from './replay-upstream.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const DAY_MS = 86_400_000;

const SPEC = {
  now: NOW,
  zones: {
    'example.': { records: ['*.w A 127.0.0.9', '@ MX 10 mx', 'mx A 127.0.0.1', '_25._tcp.mx TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'dn DNAME n3.example.'] },
    'n3.example.': { denial: { nsec3: { salt: 'ab', iterations: 1 } }, records: ['@ MX 10 mx', 'mx A 127.0.0.2', '*.w A 127.0.0.8'] },
    'plain.example.': { unsigned: true, records: ['mx A 127.0.0.4'] },
    'other.': { records: ['alias CNAME mx.example.'] },
    'kid.n3.example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.7'] },
  },
};

const EXAMPLE = Name.parse('example.');
const MX = Name.parse('mx.example.');

/** Most event-loop turns a test waits for lookups to reach a state (no fixed sleeps). */
const MAX_TURNS = 1000;

/** One event-loop turn: every pending microtask (settled upstream answers) runs first. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function until(what: string, cond: () => boolean): Promise<void> {
  for (let i = 0; i < MAX_TURNS; i++) {
    if (cond()) return;
    await turn();
  }
  throw new Error(`never reached: ${what}`);
}

/**
 * Answers at once, except the first time one question is asked: that query waits until
 * {@link release}; like a real resolver it then honours the caller's abort signal (an aborted
 * caller gets a failure, not the answer).
 */
class GatedUpstream implements Resolver {
  readonly asked: string[] = [];
  readonly waiting: (() => void)[] = [];
  private gated = false;
  constructor(
    private readonly answer: (name: Name, type: number) => Message,
    private readonly gate: { name: Name; type: number },
  ) {}

  async query(name: Name, type: number, opts?: QueryOptions): Promise<QueryResult> {
    this.asked.push(`${name} ${type}`);
    if (!this.gated && name.equals(this.gate.name) && type === this.gate.type) {
      this.gated = true;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    if (opts?.signal?.aborted) return { ok: false, code: 'aborted', reason: 'aborted by the caller', attempts: [] };
    return { ok: true, message: this.answer(name, type), server: 'gated', transport: 'udp', fromCache: false, attempts: [] };
  }

  release(): void {
    for (const w of this.waiting.splice(0)) w();
  }
}

function isSig(rr: ResourceRecord): boolean {
  return rr.type === RRType.RRSIG;
}

describe('dnssec/validator review findings', function () {
  this.timeout(60_000);
  let world: TestWorld;

  const honest = (name: Name, type: number): Message => {
    const a = world.answerer.answer({ name, type, dnssecOk: true });
    return responseMessage(name, type, a.rcode, a.answer, a.authority);
  };
  const validator = (answer: (name: Name, type: number) => Message | undefined) =>
    new Validator({ upstream: new CallbackUpstream(answer, { wire: true }), trustAnchors: world.trustAnchors.text, now: () => NOW });
  /** An upstream that is honest except for one question. */
  const lying = (qname: Name, qtype: number, forged: () => Message | undefined) => (n: Name, t: number) =>
    n.equals(qname) && t === qtype ? forged() : honest(n, t);
  /** Signs `rrset` with the ZSK of `zone` as signer `zone`, valid around NOW. */
  const signWith = (zone: string, rrset: ResourceRecord[]) => {
    const z = world.zones.get(zone)!;
    return signRRset(rrset, z.keys.zsk[0] as TestKey, { signer: z.origin, inception: new Date(NOW.getTime() - DAY_MS), expiration: new Date(NOW.getTime() + DAY_MS) });
  };

  before(async () => {
    world = await createTestWorld(SPEC);
  });
  after(async () => world?.close());

  it('baseline: the world proves its answers', async () => {
    const v = validator(honest);
    for (const [n, t] of [[MX, RRType.A], [EXAMPLE, RRType.DS], [Name.parse('mx.dn.example.'), RRType.A]] as const) {
      const r = await v.lookup(n, t);
      expect(r.status, `${n} ${r.reason}`).to.equal('secure');
    }
  });

  describe('RFC 4035 §5.3.1: the signer must be the zone that holds the RRset', () => {
    it('refuses a DS RRset signed by the child zone itself', async () => {
      const rrset = honest(EXAMPLE, RRType.DS).answers.filter((rr) => !isSig(rr));
      // Forged only the first time it is asked (the lookup's own question); the walk's DS query gets the truth.
      let asked = 0;
      const forged = () => (asked++ === 0 ? responseMessage(EXAMPLE, RRType.DS, Rcode.NOERROR, [...rrset, signWith('example.', rrset)], []) : honest(EXAMPLE, RRType.DS));
      const r = await validator(lying(EXAMPLE, RRType.DS, forged)).lookup(EXAMPLE, RRType.DS);
      expect(asked, 'the forged answer was given').to.be.greaterThan(0);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'unexpected-signer']);
    });
  });

  describe('RFC 6840 §4.1: a delegation\'s parent-side denial record proves nothing but DS', () => {
    it('refuses NODATA for MX at a secure child apex made of the parent\'s NSEC (root) or NSEC3 (n3.example.)', async () => {
      for (const [parent, child] of [['.', EXAMPLE], ['n3.example.', Name.parse('kid.n3.example.')]] as const) {
        const parentSide = honest(child, RRType.DS);
        expect(parentSide.answers.some((rr) => rr.type === RRType.DS)).to.equal(true);
        // The denial records of the parent at or covering the child: what a DS NODATA at a signed delegation would carry.
        const z = world.zones.get(parent)!;
        const denial = z.records.filter((rr) => rr.type === RRType.NSEC || rr.type === RRType.NSEC3 || (isType(rr, RRType.RRSIG) && (rr.data.typeCovered === RRType.NSEC || rr.data.typeCovered === RRType.NSEC3)));
        const soa = z.records.filter((rr) => rr.name.equals(z.origin) && (rr.type === RRType.SOA || (isType(rr, RRType.RRSIG) && rr.data.typeCovered === RRType.SOA)));
        const forged = () => responseMessage(child, RRType.MX, Rcode.NOERROR, [], [...soa, ...denial]);
        const r = await validator(lying(child, RRType.MX, forged)).lookup(child, RRType.MX);
        expect(r.status, `${child} MX: ${r.reason}`).to.not.be.oneOf(['secure', 'insecure']);
      }
    });
  });

  describe('concurrent lookups sharing an in-flight zone key fetch', () => {
    it('one caller aborting its lookup does not fail another caller waiting on the same DNSKEY fetch', async () => {
      const up = new GatedUpstream(honest, { name: EXAMPLE, type: RRType.DNSKEY });
      const v = new Validator({ upstream: up, trustAnchors: world.trustAnchors.text, now: () => NOW });
      const ac = new AbortController();
      const a = v.lookup(MX, RRType.A, { signal: ac.signal });
      await until('lookup A waits for the DNSKEY of example.', () => up.waiting.length === 1);
      const asked = up.asked.length;
      const b = v.lookup(MX, RRType.A);
      // B asks its own answer question, then finds every step cached or in flight.
      await until('lookup B has asked its question', () => up.asked.length > asked);
      for (let i = 0; i < 10; i++) await turn();
      expect(up.waiting).to.have.length(1);
      ac.abort();
      up.release();
      const [ra, rb] = await Promise.all([a, b]);
      expect(ra.status).to.equal('indeterminate');
      expect(rb.status, rb.reason).to.equal('secure');
    });

    it('one caller running out of signature budget does not fail another caller waiting on the same DNSKEY fetch', async () => {
      // A follows a CNAME from other. into example.: by the time it verifies the DNSKEY RRset of
      // example. it has spent its budget on other.'s keys and CNAME. B needs only that one check more.
      const up = new GatedUpstream(honest, { name: EXAMPLE, type: RRType.DNSKEY });
      const v = new Validator({ upstream: up, trustAnchors: world.trustAnchors.text, now: () => NOW, limits: { maxSignatureChecks: 5 } });
      const a = v.lookup('alias.other.', RRType.A);
      await until('lookup A waits for the DNSKEY of example.', () => up.waiting.length === 1);
      const asked = up.asked.length;
      const b = v.lookup(MX, RRType.A);
      await until('lookup B has asked its question', () => up.asked.length > asked);
      for (let i = 0; i < 10; i++) await turn();
      expect(up.waiting).to.have.length(1);
      up.release();
      const [ra, rb] = await Promise.all([a, b]);
      expect([ra.status, ra.reasons[0]?.code], ra.reason).to.deep.equal(['bogus', 'limit-exceeded']);
      expect(rb.status, rb.reason).to.equal('secure');
    });
  });

  describe('records of a class other than IN (the validator asks only IN questions)', () => {
    it('ignores a CH-class copy of the answer RRset put before the real one, in a signed and in an unsigned zone', async () => {
      for (const [name, status] of [[MX, 'secure'], [Name.parse('mx.plain.example.'), 'insecure']] as const) {
        const real = honest(name, RRType.A);
        const ch = real.answers.filter((rr) => !isSig(rr)).map((rr) => ({ ...rr, class: RRClass.CH, rdata: Uint8Array.of(10, 0, 0, 66), data: { address: '10.0.0.66' } }) as ResourceRecord);
        const forged = () => ({ ...real, answers: [...ch, ...real.answers] });
        const r = await validator(lying(name, RRType.A, forged)).lookup(name, RRType.A);
        expect(r.status, `${name}: ${r.reason}`).to.equal(status);
        expect(r.rrset.map((rr) => [rr.class, rr.rdata.join('.')]), `${name}`).to.deep.equal(real.answers.filter((rr) => !isSig(rr)).map((rr) => [RRClass.IN, rr.rdata.join('.')]));
      }
    });
  });

  describe('RFC 4035 §3.1.4.1: only the parent can deny DS', () => {
    it('refuses a DS NODATA made of the child\'s own apex denial (NSEC in example., NSEC3 in n3.example.)', async () => {
      for (const child of [EXAMPLE, Name.parse('n3.example.')]) {
        const apex = honest(child, RRType.HINFO);
        expect(apex.rcode).to.equal(Rcode.NOERROR);
        const forged = () => responseMessage(child, RRType.DS, Rcode.NOERROR, [], apex.authorities);
        let asked = 0;
        const r = await validator(lying(child, RRType.DS, () => (asked++ === 0 ? forged() : honest(child, RRType.DS)))).lookup(child, RRType.DS);
        expect(r.status, `${child} DS: ${r.reason}`).to.not.be.oneOf(['secure', 'insecure']);
      }
    });
  });

  describe('RFC 4033 §5: a trust anchor below the root is where proofs of names under it start', () => {
    it('refuses data under an anchored zone signed by an ancestor above the anchor (root key over mx.example. A, NXDOMAIN from the root)', async () => {
      const anchors = world.trustAnchors.text + world.zones.get('example.')!.ds.map((d) => formatRR(d)).join('\n') + '\n';
      const anchored = (answer: (n: Name, t: number) => Message | undefined) =>
        new Validator({ upstream: new CallbackUpstream(answer, { wire: true }), trustAnchors: anchors, now: () => NOW });
      const honestResult = await anchored(honest).lookup(MX, RRType.A);
      expect([honestResult.status, honestResult.chain.map((l) => [l.zone, l.via])], honestResult.reason).to.deep.equal(['secure', [['example.', 'trust-anchor']]]);
      // DS is the parent's data: the DS of the anchored zone is proven from the anchor above it (the root).
      const ds = await anchored(honest).lookup(EXAMPLE, RRType.DS);
      expect([ds.status, ds.kind], ds.reason).to.deep.equal(['secure', 'answer']);
      const noDs = await anchored(honest).lookup('plain.example.', RRType.DS);
      expect([noDs.status, noDs.kind], noDs.reason).to.deep.equal(['secure', 'nodata']);

      const rrset = honest(MX, RRType.A).answers.filter((rr) => !isSig(rr));
      const forged = () => responseMessage(MX, RRType.A, Rcode.NOERROR, [...rrset, signWith('.', rrset)], []);
      const r = await anchored(lying(MX, RRType.A, forged)).lookup(MX, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'unexpected-signer']);

      // A denial signed by the root for a name under the anchored zone, with a root NSEC made to cover it.
      const nope = Name.parse('nope.example.');
      const root = world.zones.get('.')!;
      const soa = root.records.filter((rr) => rr.name.isRoot && rr.type === RRType.SOA);
      const nsec = createRR({ name: Name.parse('aaa.'), type: RRType.NSEC, class: RRClass.IN, ttl: 300, data: { nextDomainName: Name.parse('zzz.'), types: [RRType.NSEC, RRType.RRSIG] } } as never);
      const wc = createRR({ name: Name.ROOT, type: RRType.NSEC, class: RRClass.IN, ttl: 300, data: { nextDomainName: Name.parse('aaa.'), types: [RRType.SOA, RRType.NS, RRType.NSEC, RRType.RRSIG, RRType.DNSKEY] } } as never);
      const denial = () => responseMessage(nope, RRType.A, Rcode.NXDOMAIN, [], [...soa, signWith('.', soa), nsec, signWith('.', [nsec]), wc, signWith('.', [wc])]);
      const d = await anchored(lying(nope, RRType.A, denial)).lookup(nope, RRType.A);
      expect([d.status, d.reasons[0]?.code], d.reason).to.deep.equal(['bogus', 'unexpected-signer']);
    });
  });

  describe('DNAME (RFC 6672)', () => {
    const MXDN = Name.parse('mx.dn.example.');
    const DN = Name.parse('dn.example.');
    const cname = (owner: Name, target: string) => createRR({ name: owner, type: RRType.CNAME, class: RRClass.IN, ttl: 300, data: { cname: Name.parse(target) } } as never);

    it('refuses a synthesised CNAME that does not follow from the signed DNAME', async () => {
      const real = honest(MXDN, RRType.A);
      expect(real.answers.some((rr) => rr.type === RRType.DNAME)).to.equal(true);
      const evil = honest(Name.parse('mx.example.'), RRType.A).answers;
      const forged = () => ({ ...real, answers: [...real.answers.filter((rr) => rr.type === RRType.DNAME || (isType(rr, RRType.RRSIG) && rr.data.typeCovered === RRType.DNAME)), cname(MXDN, 'mx.example.'), ...evil] });
      const r = await validator(lying(MXDN, RRType.A, forged)).lookup(MXDN, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'dname-invalid']);
      expect(r.rrset).to.deep.equal([]);
    });

    it('does not apply a DNAME to its own owner: an unsigned CNAME there is not proven by the DNAME', async () => {
      const dname = honest(MXDN, RRType.A).answers.filter((rr) => rr.type === RRType.DNAME || (isType(rr, RRType.RRSIG) && rr.data.typeCovered === RRType.DNAME));
      const target = honest(Name.parse('mx.n3.example.'), RRType.A).answers;
      const forged = () => responseMessage(DN, RRType.A, Rcode.NOERROR, [...dname, cname(DN, 'mx.n3.example.'), ...target], []);
      const r = await validator(lying(DN, RRType.A, forged)).lookup(DN, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'rrsigs-missing']);
    });

    it('refuses an unsigned DNAME in a signed zone even when its synthesis is consistent', async () => {
      const real = honest(MXDN, RRType.A);
      const forged = () => ({ ...real, answers: real.answers.filter((rr) => !(isType(rr, RRType.RRSIG) && rr.data.typeCovered === RRType.DNAME)) });
      const r = await validator(lying(MXDN, RRType.A, forged)).lookup(MXDN, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'rrsigs-missing']);
    });
  });

  describe('trust anchors given as DNSKEY records', () => {
    it('proves from a DNSKEY anchor, and not from the same key with the REVOKE bit or another protocol', async () => {
      const ksk = world.zones.get('.')!.keys.ksk[0] as TestKey;
      const anchored = (text: string) => new Validator({ upstream: new CallbackUpstream(honest, { wire: true }), trustAnchors: text, now: () => NOW });
      const good = ksk.dnskey(Name.ROOT);
      const ok = await anchored(formatRR(good)).lookup(MX, RRType.A);
      expect([ok.status, ok.chain[0]?.via], ok.reason).to.deep.equal(['secure', 'trust-anchor']);
      const variants = [
        { ...good.data, flags: good.data.flags | 0x0080 },
        { ...good.data, protocol: 2 },
        { ...good.data, flags: good.data.flags & ~0x0100 },
      ];
      for (const data of variants) {
        const rr = createRR({ name: Name.ROOT, type: RRType.DNSKEY, class: RRClass.IN, ttl: 3600, data } as never);
        const r = await anchored(formatRR(rr)).lookup(MX, RRType.A);
        expect([r.status, r.reasons[0]?.code], `${formatRR(rr)}: ${r.reason}`).to.deep.equal(['bogus', 'ds-mismatch']);
      }
    });
  });

  describe('names of 120+ labels: bounded walks, a status every time', () => {
    it('proves or refuses names near 255 octets in NSEC, NSEC3, wildcard and unsigned zones within the query budget', async () => {
      const cases = [
        { base: 'example.', honest: ['secure', 'nxdomain'] },
        { base: 'n3.example.', honest: ['secure', 'nxdomain'] },
        { base: 'w.example.', honest: ['secure', 'answer'] },
        { base: 'w.n3.example.', honest: ['secure', 'answer'] },
        { base: 'plain.example.', honest: ['insecure', 'nxdomain'] },
      ];
      for (const c of cases) {
        const q = Name.parse('a.'.repeat(Math.floor((250 - c.base.length) / 2)) + c.base);
        expect(q.labelCount).to.be.greaterThan(115);
        for (const strip of [false, true]) {
          const up = new CallbackUpstream((n, t) => {
            const m = honest(n, t);
            return strip && n.equals(q) ? { ...m, answers: m.answers.filter((rr) => !isSig(rr)), authorities: m.authorities.filter((rr) => !isSig(rr)) } : m;
          }, { wire: true });
          const r = await new Validator({ upstream: up, trustAnchors: world.trustAnchors.text, now: () => NOW }).lookup(q, RRType.A);
          expect(up.asked.length, `${c.base} strip=${strip}`).to.be.at.most(DEFAULT_VALIDATOR_LIMITS.maxQueries);
          // Stripped signatures: refused in a signed zone (never insecure), unchanged below the insecure cut.
          const want = !strip || c.honest[0] === 'insecure' ? c.honest[0] : 'bogus';
          expect(r.status, `${c.base} strip=${strip}: ${r.reason}`).to.equal(want);
          if (!strip) expect(r.kind).to.equal(c.honest[1]);
        }
      }
    });
  });

  describe('RFC 4035 §5.3.3: TTLs of validated records', () => {
    it('caps the TTL of the answer, its RRSIGs and its aliases at the original TTL and the time left to expiration', async () => {
      const raise = (m: Message): Message => ({ ...m, answers: m.answers.map((rr) => ({ ...rr, ttl: 9_999_999 })) });
      const chain = Name.parse('mx.dn.example.');
      for (const q of [MX, chain]) {
        const r = await validator((n, t) => (n.equals(q) && t === RRType.A ? raise(honest(n, t)) : honest(n, t))).lookup(q, RRType.A);
        expect(r.status, r.reason).to.equal('secure');
        const original = r.rrsigs[0]!.data.originalTtl;
        expect(original).to.be.lessThan(9_999_999);
        for (const rr of [...r.rrset, ...r.rrsigs, ...r.aliases]) expect(rr.ttl, `${rr.name} ${rr.type}`).to.be.at.most(original);
      }
      // 100 seconds before the signatures expire, nothing validated may live longer than that.
      const late = new Date(world.validity.expiration.getTime() - 100_000);
      const v = new Validator({ upstream: new CallbackUpstream(honest, { wire: true }), trustAnchors: world.trustAnchors.text, now: () => late });
      const r = await v.lookup(chain, RRType.A);
      expect(r.status, r.reason).to.equal('secure');
      for (const rr of [...r.rrset, ...r.rrsigs, ...r.aliases]) expect(rr.ttl, `${rr.name} ${rr.type}`).to.be.at.most(100);
    });
  });

  describe('cached zone keys live no longer than the DS RRset that authenticated them', () => {
    it('a changed DS RRset (only an unsupported algorithm now) takes effect once the old DS TTL has passed', async () => {
      // The parent publishes the DS of example. with a TTL of 10 minutes, below the DNSKEY TTL of example. ...
      const DS_TTL = 600;
      const ds = honest(EXAMPLE, RRType.DS).answers.filter((rr) => !isSig(rr)).map((rr) => ({ ...rr, ttl: DS_TTL }));
      const before = responseMessage(EXAMPLE, RRType.DS, Rcode.NOERROR, [...ds, signWith('.', ds)], []);
      const keyTtl = Math.min(...honest(EXAMPLE, RRType.DNSKEY).answers.map((rr) => rr.ttl));
      expect(keyTtl, 'the DNSKEY RRset outlives the DS RRset').to.be.greaterThan(DS_TTL + 1);
      // ... then replaces it with one DS, for a key of a private algorithm (RFC 4034 App. A.1, 253).
      const unsupported = [createRR({ name: EXAMPLE, type: RRType.DS, class: RRClass.IN, ttl: DS_TTL, data: { ...(ds[0]!.data as object), algorithm: 253 } } as never)];
      const changed = responseMessage(EXAMPLE, RRType.DS, Rcode.NOERROR, [...unsupported, signWith('.', unsupported)], []);
      let clock = NOW;
      let after = false;
      const v = new Validator({
        upstream: new CallbackUpstream((n, t) => (n.equals(EXAMPLE) && t === RRType.DS ? (after ? changed : before) : honest(n, t)), { wire: true }),
        trustAnchors: world.trustAnchors.text,
        now: () => clock,
      });
      expect((await v.lookup(MX, RRType.A)).status).to.equal('secure');
      after = true;
      clock = new Date(NOW.getTime() + (DS_TTL + 1) * 1000);
      const r = await v.lookup(MX, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['insecure', 'unsupported-algorithm']);
    });
  });

  describe('a denial whose SOA comes from another zone than its NSEC/NSEC3 records', () => {
    it('is refused with a signed SOA of a child, parent or cousin zone; an unsigned SOA is ignored', async () => {
      const nope = Name.parse('nope.example.');
      const real = honest(nope, RRType.A);
      expect(real.rcode).to.equal(Rcode.NXDOMAIN);
      const nsecs = real.authorities.filter((rr) => rr.type === RRType.NSEC || (isType(rr, RRType.RRSIG) && rr.data.typeCovered === RRType.NSEC));
      const cases = [['n3.example.', 'bogus'], ['.', 'bogus'], ['kid.n3.example.', 'bogus'], ['plain.example.', 'secure']] as const;
      for (const [zone, want] of cases) {
        const z = world.zones.get(zone)!;
        const soa = z.records.filter((rr) => rr.name.equals(z.origin) && (rr.type === RRType.SOA || (isType(rr, RRType.RRSIG) && rr.data.typeCovered === RRType.SOA)));
        const forged = () => responseMessage(nope, RRType.A, Rcode.NXDOMAIN, [], [...soa, ...nsecs]);
        const r = await validator(lying(nope, RRType.A, forged)).lookup(nope, RRType.A);
        expect(r.status, `SOA of ${zone}: ${r.reason}`).to.equal(want);
      }
    });
  });

  describe('a bogus answer in one lookup and the caches of the next', () => {
    it('a forged DS for n3.example. touches neither its parent nor its siblings, and is forgotten after badCacheTtl', async () => {
      const N3 = Name.parse('n3.example.');
      const MXN3 = Name.parse('mx.n3.example.');
      let clock = NOW;
      let forging = true;
      const v = new Validator({
        upstream: new CallbackUpstream((n, t) => {
          const m = honest(n, t);
          if (!(forging && n.equals(N3) && t === RRType.DS)) return m;
          const sig = m.answers.find((rr) => isSig(rr))!;
          return { ...m, answers: [...m.answers.filter((rr) => !isSig(rr)), { ...sig, rdata: sig.rdata.map((b, i) => (i === sig.rdata.length - 1 ? b ^ 1 : b)) }] };
        }, { wire: true }),
        trustAnchors: world.trustAnchors.text,
        now: () => clock,
      });
      expect((await v.lookup(MXN3, RRType.A)).status).to.equal('bogus');
      forging = false;
      for (const [n, t] of [[MX, RRType.A], [Name.parse('kid.n3.example.'), RRType.MX], [EXAMPLE, RRType.MX]] as const) {
        const r = await v.lookup(n, t);
        expect(r.status, `${n}: ${r.reason}`).to.equal(n.isSubdomainOf(N3) ? 'bogus' : 'secure');
      }
      clock = new Date(NOW.getTime() + (DEFAULT_VALIDATOR_LIMITS.badCacheTtl + 1) * 1000);
      const again = await v.lookup(MXN3, RRType.A);
      expect(again.status, again.reason).to.equal('secure');
    });
  });

  describe('trust anchor validity windows (RFC 9718 §2.2) and the key cache', () => {
    it('keys proven by an anchor whose window has closed are not used from the cache', async () => {
      const real = world.trustAnchors.records[0]!;
      const digest = real.data.digest.slice();
      digest[0]! ^= 0xff;
      const other = createRR({ name: Name.ROOT, type: RRType.DS, class: RRClass.IN, ttl: real.ttl, data: { ...real.data, digest } } as never) as TrustAnchor['record'];
      const anchors: TrustAnchor[] = [
        { zone: Name.ROOT, record: real, validUntil: new Date(NOW.getTime() + 600_000), source: 'test: the root key, withdrawn in 10 minutes' },
        { zone: Name.ROOT, record: other, source: 'test: a key the root does not have' },
      ];
      let clock = NOW;
      const v = new Validator({ upstream: new CallbackUpstream(honest, { wire: true }), trustAnchors: anchors, now: () => clock });
      expect((await v.lookup(MX, RRType.A)).status).to.equal('secure');
      clock = new Date(NOW.getTime() + 1_200_000);
      const r = await v.lookup(MX, RRType.A);
      expect([r.status, r.reasons[0]?.code], r.reason).to.deep.equal(['bogus', 'ds-mismatch']);
    });
  });
});
