/**
 * Adversarial tests of the validator: real signed responses from a test world, answered without a
 * socket (`world.answerer`), mutated, then encoded to wire form and decoded on the way to the
 * validator (as a stub resolver would hand them over).
 *
 * - Properties (fast-check, fixed seed, bounded runs), over any response a secure lookup needs (the
 *   answer itself, or a DS/DNSKEY response of the walk): whatever is done to its answer or
 *   authority section (a bit flipped in any RDATA octet, a record dropped, a forged record added to
 *   an RRset, another RRset's signature put in an RRSIG), the validator never throws and returns
 *   one of the four statuses; it never returns `secure` when a signed byte changed (RDATA of the
 *   answer RRset, an RRSIG, a DNSKEY, a DS, an NSEC/NSEC3 record of a proof) or a record a proof
 *   needs is gone, and a secure result carries exactly the signed RRset. Changes that touch no
 *   signed data (TTLs, owner case, record order, exact duplicates) keep `secure`.
 * - The same mutations of the proofs behind insecure lookups (a signed no-DS proof, an opt-out
 *   span) never leave them insecure: bogus or indeterminate, so no change can downgrade to "no
 *   DANE". Nor can a stripped answer plus any choice of the zone's own signed NSEC/NSEC3 records.
 * - A lying upstream: DS answered with the child's records, NXDOMAIN with another zone's NSEC, an
 *   old answer replayed, an unsigned answer from a signed zone, a referral, records for another
 *   name: each is bogus or indeterminate, never secure or insecure.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Validator, type LookupResult } from '../../src/dnssec/validator.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType, rrTypeToString } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { isType, type RecordOf, type ResourceRecord } from '../../src/dns/record.ts';
import type { Message } from '../../src/dns/message.ts';
import { canonicalRdata, compareBytes } from '../../src/dns/canonical.ts';
import { createRR, recordFromRdata } from '../../src/dns/rdata/index.ts';
import { DnsFormatError } from '../../src/dns/errors.ts';
import { signRRset, type TestKey } from '../../src/testing/keys.ts';
import type { SecurityStatus } from '../../src/dnssec/status.ts';
import { DEFAULT_VALIDATOR_LIMITS } from '../../src/dnssec/validator-limits.ts';
import { CallbackUpstream, responseMessage } from './replay-upstream.ts';

/** Fixed seed and bounded runs: the file stays deterministic and well under 20 s. */
const SEED = 20261128;
const SIGNED_RUNS = 1500;
const HARMLESS_RUNS = 600;
const INSECURE_RUNS = 600;
const DOWNGRADE_RUNS = 300;
const CACHE_RUNS = 100;
const NOW = new Date('2026-11-28T12:00:00Z');
const DAY_MS = 86_400_000;
const STATUSES: readonly SecurityStatus[] = ['secure', 'insecure', 'bogus', 'indeterminate'];

const SPEC = {
  now: NOW,
  zones: {
    'example.': {
      records: ['@ MX 10 mx', 'mx A 127.0.0.1', 'mx AAAA ::1', 'mx A 127.0.0.2', '_25._tcp.mx TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        'www CNAME mx', 'chain CNAME www', '*.wild TXT "wild"', 'a.b.ent A 127.0.0.9', 'dn DNAME n3.example.'],
    },
    'n3.example.': { denial: { nsec3: { salt: 'ab', iterations: 1 } }, records: ['@ MX 10 mx', 'mx A 127.0.0.2', '*.w TXT "w3"'] },
    'other.': { records: ['mx A 127.0.0.3'] },
    'kid.n3.example.': { records: ['mx A 127.0.0.7'] },
    'plain.example.': { unsigned: true, records: ['mx A 127.0.0.4'] },
    'optout.example.': { denial: { nsec3: { optOut: true } }, records: ['mx A 127.0.0.5'] },
    'unsigned.optout.example.': { unsigned: true, records: ['mx A 127.0.0.6'] },
  },
};

/** Lookups that are secure in the world, one per kind of proof. */
const SCENARIOS: readonly { name: string; type: number }[] = [
  { name: 'example.', type: RRType.MX },
  { name: 'mx.example.', type: RRType.A },
  { name: '_25._tcp.mx.example.', type: RRType.TLSA },
  { name: 'chain.example.', type: RRType.A },
  { name: 'nope.example.', type: RRType.A },
  { name: 'mx.example.', type: RRType.TXT },
  { name: 'b.ent.example.', type: RRType.A },
  { name: 'x.wild.example.', type: RRType.TXT },
  { name: 'x.wild.example.', type: RRType.A },
  { name: 'mx.n3.example.', type: RRType.A },
  { name: 'nope.n3.example.', type: RRType.A },
  { name: 'mx.n3.example.', type: RRType.TLSA },
  { name: 'z.w.n3.example.', type: RRType.TXT },
  { name: 'mx.dn.example.', type: RRType.A },
];

/**
 * Lookups that are insecure in the world, with the questions whose signed answers prove where the
 * chain of trust ends (RFC 4035 §5.2: a signed no-DS proof; RFC 5155 §8.9: an opt-out span).
 */
const INSECURE_SCENARIOS: readonly { name: string; type: number; proofs: readonly string[] }[] = [
  { name: 'mx.plain.example.', type: RRType.A, proofs: ['plain.example. DS', 'example. DNSKEY', 'example. DS', '. DNSKEY'] },
  { name: 'mx.unsigned.optout.example.', type: RRType.A, proofs: ['unsigned.optout.example. DS', 'optout.example. DNSKEY', 'optout.example. DS'] },
];

type Section = 'answers' | 'authorities';

/** A result's RRset as sorted canonical RDATA in hex (owner case and TTL left out). */
function rdataOf(r: LookupResult): string[] {
  return r.rrset.map((rr) => Buffer.from(canonicalRdata(rr.type, rr.rdata)).toString('hex')).sort();
}
interface Located { section: Section; index: number; rr: ResourceRecord }

/** What a mutation must do to the status. */
type Expectation = 'not-secure' | 'secure' | 'any';

interface Mutated {
  /** undefined: the mutated bytes no longer decode, so the response never reaches the validator. */
  message: Message | undefined;
  expect: Expectation;
  what: string;
}

type Mutation =
  | { kind: 'flip'; record: number; byte: number; bit: number }
  | { kind: 'drop'; record: number }
  | { kind: 'insert'; record: number; byte: number }
  | { kind: 'swap-rrsig'; a: number; b: number }
  | { kind: 'duplicate'; record: number }
  | { kind: 'owner-case'; record: number; mask: number }
  | { kind: 'ttl-lower'; record: number; by: number }
  | { kind: 'ttl-raise'; record: number; by: number }
  | { kind: 'reorder'; seed: number };

function located(msg: Message): Located[] {
  return [
    ...msg.answers.map((rr, index) => ({ section: 'answers' as const, index, rr })),
    ...msg.authorities.map((rr, index) => ({ section: 'authorities' as const, index, rr })),
  ];
}

function replaced(msg: Message, at: Located, rrs: ResourceRecord[]): Message {
  const section = [...msg[at.section]];
  section.splice(at.index, 1, ...rrs);
  return { ...msg, [at.section]: section };
}

function sameRRset(a: ResourceRecord, b: ResourceRecord): boolean {
  return a.type === b.type && a.name.equals(b.name);
}

function covers(sig: ResourceRecord, rr: ResourceRecord): boolean {
  return isType(sig, RRType.RRSIG) && rr.type !== RRType.RRSIG && sig.data.typeCovered === rr.type && sig.name.equals(rr.name);
}

/**
 * Whether the validator must verify this RRset to call the lookup secure: every answer RRset, and
 * the SOA, NSEC and NSEC3 RRsets of the authority section (all of them are verified when present).
 */
function isProofData(at: Pick<Located, 'section' | 'rr'>): boolean {
  if (at.section === 'answers') return true;
  return at.rr.type === RRType.NSEC || at.rr.type === RRType.NSEC3 || at.rr.type === RRType.SOA;
}

/**
 * Whether this RRSIG is the only one over an RRset the proof needs. The SOA of a denial is not
 * needed: without its RRSIG it is ignored and the NSEC/NSEC3 records prove the answer alone.
 */
function soleSignatureOverProof(msg: Message, at: Located): boolean {
  if (!isType(at.rr, RRType.RRSIG)) return false;
  const section = msg[at.section];
  const covered = section.find((rr) => covers(at.rr, rr));
  if (!covered || covered.type === RRType.SOA || !isProofData({ section: at.section, rr: covered })) return false;
  return section.filter((rr) => covers(rr, covered)).length === 1;
}

function lowerCanonical(rr: ResourceRecord): Uint8Array {
  return canonicalRdata(rr.type, rr.rdata);
}

function withOwnerCase(name: Name, mask: number): Name {
  let bit = 0;
  return new Name(name.labels.map((l) => l.map((c) => {
    const isLetter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    return isLetter && (mask >>> (bit++ % 31)) & 1 ? c ^ 0x20 : c;
  })));
}

/** A deterministic shuffle (xorshift), so a counterexample replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed | 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function describeRR(at: Located): string {
  return `${at.section} #${at.index} ${at.rr.name} ${rrTypeToString(at.rr.type)}`;
}

/** Applies one mutation and says what the validator must make of it; `pool` holds every RRSIG of the world. */
function mutate(msg: Message, m: Mutation, pool: readonly RecordOf<typeof RRType.RRSIG>[]): Mutated {
  const all = located(msg);
  const pick = (i: number): Located | undefined => (all.length ? all[i % all.length] : undefined);
  switch (m.kind) {
    case 'flip': {
      const at = pick(m.record);
      if (!at || at.rr.rdata.length === 0) return { message: msg, expect: 'secure', what: 'flip: nothing to flip' };
      const bytes = at.rr.rdata.slice();
      const i = m.byte % bytes.length;
      bytes[i]! ^= 1 << m.bit;
      const what = `flip bit ${m.bit} of RDATA octet ${i} of ${describeRR(at)}`;
      let rr: ResourceRecord;
      try {
        rr = recordFromRdata(at.rr.name, at.rr.type, at.rr.class, at.rr.ttl, bytes);
      } catch (e) {
        if (!(e instanceof DnsFormatError)) throw e;
        return { message: undefined, expect: 'not-secure', what: `${what} (no longer decodes)` };
      }
      // A case change inside a name that the canonical form lower-cases (RFC 4034 §6.2) is no change of signed data.
      if (compareBytes(lowerCanonical(rr), lowerCanonical(at.rr)) === 0) return { message: replaced(msg, at, [rr]), expect: 'secure', what: `${what} (case only)` };
      const signed = isProofData(at) || soleSignatureOverProof(msg, at);
      return { message: replaced(msg, at, [rr]), expect: signed ? 'not-secure' : 'any', what };
    }
    case 'drop': {
      const at = pick(m.record);
      if (!at) return { message: msg, expect: 'secure', what: 'drop: nothing to drop' };
      const rest = msg[at.section].filter((rr, i) => i !== at.index && sameRRset(rr, at.rr));
      // A partial RRset fails its signature; a denial record gone leaves the proof short. A whole
      // answer RRset gone is different: the validator may ask again for the name and get it.
      const needed = (at.rr.type !== RRType.SOA && at.rr.type !== RRType.RRSIG && isProofData(at) && (rest.length > 0 || at.section === 'authorities'))
        || soleSignatureOverProof(msg, at);
      return { message: replaced(msg, at, []), expect: needed ? 'not-secure' : 'any', what: `drop ${describeRR(at)}` };
    }
    case 'insert': {
      // A forged record joins an RRset: a copy of one of its records with one RDATA octet changed.
      const at = pick(m.record);
      if (!at || at.rr.rdata.length === 0) return { message: msg, expect: 'secure', what: 'insert: nothing to copy' };
      const bytes = at.rr.rdata.slice();
      const i = m.byte % bytes.length;
      bytes[i] = (bytes[i]! + 1) & 0xff;
      let rr: ResourceRecord;
      try {
        rr = recordFromRdata(at.rr.name, at.rr.type, at.rr.class, at.rr.ttl, bytes);
      } catch (e) {
        if (!(e instanceof DnsFormatError)) throw e;
        return { message: undefined, expect: 'not-secure', what: `insert a copy of ${describeRR(at)} with octet ${i} changed (no longer decodes)` };
      }
      const what = `insert a copy of ${describeRR(at)} with octet ${i} changed`;
      const copyOfMember = msg[at.section].some((o) => sameRRset(o, at.rr) && compareBytes(lowerCanonical(o), lowerCanonical(rr)) === 0);
      if (copyOfMember) return { message: replaced(msg, at, [at.rr, rr]), expect: 'secure', what: `${what} (equal to a member: a duplicate)` };
      // An extra RRSIG is one more signature to try: the valid one still verifies.
      const expectation: Expectation = at.rr.type !== RRType.RRSIG && isProofData(at) ? 'not-secure' : 'any';
      return { message: replaced(msg, at, [at.rr, rr]), expect: expectation, what };
    }
    case 'swap-rrsig': {
      // Another RRset's signature in place of this RRSIG's: by the same key where the world has one.
      const sigs = all.filter((x) => isType(x.rr, RRType.RRSIG));
      if (sigs.length === 0) return { message: msg, expect: 'secure', what: 'swap: no RRSIG' };
      const a = sigs[m.a % sigs.length]!;
      const ad = (a.rr as RecordOf<typeof RRType.RRSIG>).data;
      const others = pool.filter((o) => !(o.name.equals(a.rr.name) && o.data.typeCovered === ad.typeCovered));
      const sameKey = others.filter((o) => o.data.keyTag === ad.keyTag && o.data.signerName.equals(ad.signerName));
      const from = (sameKey.length ? sameKey : others)[m.b % (sameKey.length || others.length)]!;
      const swapped = createRR({ name: a.rr.name, type: RRType.RRSIG, class: a.rr.class, ttl: a.rr.ttl, data: { ...ad, signature: from.data.signature } });
      return {
        message: replaced(msg, a, [swapped]),
        expect: soleSignatureOverProof(msg, a) ? 'not-secure' : 'any',
        what: `signature of ${describeRR(a)} replaced by that of ${from.name} RRSIG ${rrTypeToString(from.data.typeCovered)} (key ${from.data.keyTag})`,
      };
    }
    case 'duplicate': {
      const at = pick(m.record);
      if (!at) return { message: msg, expect: 'secure', what: 'duplicate: nothing' };
      // RFC 4034 §6.3: exact duplicates are removed before the RRset is verified.
      return { message: replaced(msg, at, [at.rr, at.rr]), expect: 'secure', what: `duplicate ${describeRR(at)}` };
    }
    case 'owner-case': {
      const at = pick(m.record);
      if (!at) return { message: msg, expect: 'secure', what: 'owner case: nothing' };
      const rr = { ...at.rr, name: withOwnerCase(at.rr.name, m.mask) };
      return { message: replaced(msg, at, [rr]), expect: 'secure', what: `owner case ${rr.name} for ${describeRR(at)}` };
    }
    case 'ttl-lower':
    case 'ttl-raise': {
      const at = pick(m.record);
      if (!at) return { message: msg, expect: 'secure', what: 'ttl: nothing' };
      // RFC 4035 §5.3.3: the TTL is not signed; the validator bounds it by the RRSIG's original TTL.
      const ttl = m.kind === 'ttl-lower' ? Math.max(0, at.rr.ttl - (m.by % (at.rr.ttl + 1))) : at.rr.ttl + m.by;
      return { message: replaced(msg, at, [{ ...at.rr, ttl }]), expect: 'secure', what: `TTL ${at.rr.ttl} -> ${ttl} of ${describeRR(at)}` };
    }
    case 'reorder':
      return {
        message: { ...msg, answers: shuffled(msg.answers, m.seed), authorities: shuffled(msg.authorities, m.seed * 31 + 7) },
        expect: 'secure',
        what: `reorder (seed ${m.seed})`,
      };
  }
}

describe('dnssec/validator against mutated and lying upstreams', function () {
  this.timeout(60_000);
  let world: TestWorld;
  /** The questions each scenario's lookup asks (answer, DS and DNSKEY queries), sorted. */
  const questions = new Map<number, { name: Name; type: number }[]>();
  /** Each scenario's proven RRset (canonical RDATA, hex, sorted): what a secure result must carry. */
  const baselineRRset = new Map<number, string[]>();
  let pool: RecordOf<typeof RRType.RRSIG>[] = [];

  const honest = (name: Name, type: number): Message => {
    const a = world.answerer.answer({ name, type, dnssecOk: true });
    return responseMessage(name, type, a.rcode, a.answer, a.authority);
  };
  /** A validator whose upstream answers with `answer`, through wire encoding and decoding. */
  const validator = (answer: (name: Name, type: number) => Message | undefined) =>
    new Validator({ upstream: new CallbackUpstream(answer, { wire: true }), trustAnchors: world.trustAnchors.text, now: () => NOW });

  before(async () => {
    world = await createTestWorld(SPEC);
    pool = [...world.zones.values()].flatMap((z) => z.records.filter((rr): rr is RecordOf<typeof RRType.RRSIG> => isType(rr, RRType.RRSIG)));
    for (const [i, s] of SCENARIOS.entries()) {
      const upstream = new CallbackUpstream(honest);
      const r = await new Validator({ upstream, trustAnchors: world.trustAnchors.text, now: () => NOW }).lookup(s.name, s.type);
      expect(r.status, `baseline ${s.name} ${rrTypeToString(s.type)}: ${r.reason}`).to.equal('secure');
      baselineRRset.set(i, rdataOf(r));
      const unique = [...new Set(upstream.asked)].sort();
      questions.set(i, unique.map((q) => {
        const [n, t] = q.split(' ');
        return { name: Name.parse(n!), type: RRType[t as keyof typeof RRType] as number };
      }));
    }
  });
  after(async () => world?.close());

  it('the world proves the insecure scenarios insecure, asking every question their proofs name', async () => {
    for (const s of INSECURE_SCENARIOS) {
      const upstream = new CallbackUpstream(honest);
      const r = await validator(honest).lookup(s.name, s.type);
      const again = await new Validator({ upstream, trustAnchors: world.trustAnchors.text, now: () => NOW }).lookup(s.name, s.type);
      expect([r.status, again.status], r.reason).to.deep.equal(['insecure', 'insecure']);
      expect(upstream.asked).to.include.members([...s.proofs]);
    }
  });

  /** Runs a scenario with one question's responses mutated; returns the result and the mutation's verdict. */
  async function runMutated(scenario: number, question: number, m: Mutation): Promise<{ r: LookupResult; mutated: Mutated; target: string }> {
    const qs = questions.get(scenario)!;
    const target = qs[question % qs.length]!;
    let mutated: Mutated | undefined;
    const v = validator((name, type) => {
      const msg = honest(name, type);
      if (type !== target.type || !name.equals(target.name)) return msg;
      mutated = mutate(msg, m, pool);
      return mutated.message;
    });
    const s = SCENARIOS[scenario]!;
    const r = await v.lookup(s.name, s.type);
    return { r, mutated: mutated ?? { message: undefined, expect: 'any', what: 'target not asked' }, target: `${target.name} ${rrTypeToString(target.type)}` };
  }

  const scenarioArb = fc.nat({ max: SCENARIOS.length - 1 });
  const indexArb = fc.nat({ max: 1000 });

  describe('properties (fast-check, fixed seed)', () => {
    const signedMutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), record: indexArb, byte: fc.nat({ max: 4096 }), bit: fc.nat({ max: 7 }) }),
      fc.record({ kind: fc.constant('drop' as const), record: indexArb }),
      fc.record({ kind: fc.constant('insert' as const), record: indexArb, byte: fc.nat({ max: 4096 }) }),
      fc.record({ kind: fc.constant('swap-rrsig' as const), a: indexArb, b: indexArb }),
    );
    const harmlessMutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('duplicate' as const), record: indexArb }),
      fc.record({ kind: fc.constant('owner-case' as const), record: indexArb, mask: fc.nat() }),
      fc.record({ kind: fc.constant('ttl-lower' as const), record: indexArb, by: fc.nat({ max: 100_000 }) }),
      fc.record({ kind: fc.constant('reorder' as const), seed: fc.integer({ min: 1, max: 0x7fffffff }) }),
    );

    it('never throws, always gives one of the four statuses, and is never secure when signed data changed', async () => {
      let notSecure = 0;
      await fc.assert(fc.asyncProperty(scenarioArb, indexArb, signedMutation, async (scenario, question, m) => {
        const { r, mutated, target } = await runMutated(scenario, question, m);
        const where = `${SCENARIOS[scenario]!.name} via ${target}: ${mutated.what} -> ${r.status} (${r.reason})`;
        expect(STATUSES, where).to.include(r.status);
        if (mutated.expect === 'not-secure') {
          notSecure++;
          expect(r.status, where).to.not.equal('secure');
          expect(r.rrset, where).to.deep.equal(r.status === 'insecure' ? r.rrset : []);
        }
        if (mutated.expect === 'secure') expect(r.status, where).to.equal('secure');
        // A secure result carries exactly the signed RRset, whatever else the response held.
        if (r.status === 'secure') expect(rdataOf(r), where).to.deep.equal(baselineRRset.get(scenario));
      }), { seed: SEED, numRuns: SIGNED_RUNS });
      // The property must have had something to refuse: most runs change signed data.
      expect(notSecure).to.be.greaterThan(SIGNED_RUNS / 2);
    });

    it('never turns a changed no-DS or opt-out proof into insecure: bogus or indeterminate (no downgrade)', async () => {
      let refused = 0;
      const insecureArb = fc.nat({ max: INSECURE_SCENARIOS.length - 1 });
      await fc.assert(fc.asyncProperty(insecureArb, indexArb, signedMutation, async (scenario, question, m) => {
        const s = INSECURE_SCENARIOS[scenario]!;
        const [tn, tt] = s.proofs[question % s.proofs.length]!.split(' ');
        const target = { name: Name.parse(tn!), type: RRType[tt as keyof typeof RRType] as number };
        let mutated: Mutated | undefined;
        const r = await validator((name, type) => {
          const msg = honest(name, type);
          if (type !== target.type || !name.equals(target.name)) return msg;
          mutated = mutate(msg, m, pool);
          return mutated.message;
        }).lookup(s.name, s.type);
        const where = `${s.name} via ${tn} ${tt}: ${mutated?.what} -> ${r.status} (${r.reason})`;
        expect(mutated, where).to.not.equal(undefined);
        if (mutated!.expect === 'not-secure') {
          refused++;
          expect(['bogus', 'indeterminate'], where).to.include(r.status);
        } else {
          expect(['insecure', 'bogus', 'indeterminate'], where).to.include(r.status);
        }
      }), { seed: SEED, numRuns: INSECURE_RUNS });
      expect(refused).to.be.greaterThan(INSECURE_RUNS / 2);
    });

    it('poisons no cache: after a mutated lookup, honest lookups on the same validator are never insecure, and all secure once the bad-cache time has passed', async () => {
      await fc.assert(fc.asyncProperty(scenarioArb, indexArb, signedMutation, async (scenario, question, m) => {
        const qs = questions.get(scenario)!;
        const target = qs[question % qs.length]!;
        let lying = true;
        let now = NOW;
        let what = '';
        const v = new Validator({
          upstream: new CallbackUpstream((name, type) => {
            const msg = honest(name, type);
            if (!lying || type !== target.type || !name.equals(target.name)) return msg;
            const mutated = mutate(msg, m, pool);
            what = mutated.what;
            return mutated.message;
          }, { wire: true }),
          trustAnchors: world.trustAnchors.text,
          now: () => now,
        });
        await v.lookup(SCENARIOS[scenario]!.name, SCENARIOS[scenario]!.type);
        lying = false;
        for (const pass of ['cached', 'expired'] as const) {
          if (pass === 'expired') now = new Date(NOW.getTime() + (DEFAULT_VALIDATOR_LIMITS.badCacheTtl + 1) * 1000);
          for (const [i, s] of SCENARIOS.entries()) {
            const r = await v.lookup(s.name, s.type);
            const where = `${pass}: ${s.name} ${rrTypeToString(s.type)} after ${what} at ${target.name} ${rrTypeToString(target.type)} -> ${r.status} (${r.reason})`;
            expect(pass === 'cached' ? ['secure', 'bogus'] : ['secure'], where).to.include(r.status);
            if (r.status === 'secure') expect(rdataOf(r), where).to.deep.equal(baselineRRset.get(i));
          }
        }
      }), { seed: SEED, numRuns: CACHE_RUNS });
    });

    it('stays secure when only unsigned things change: lower TTLs, owner case, record order, exact duplicates', async () => {
      await fc.assert(fc.asyncProperty(scenarioArb, indexArb, harmlessMutation, async (scenario, question, m) => {
        const { r, mutated, target } = await runMutated(scenario, question, m);
        const where = `${SCENARIOS[scenario]!.name} via ${target}: ${mutated.what} -> ${r.reason}`;
        expect(r.status, where).to.equal('secure');
        expect(rdataOf(r), where).to.deep.equal(baselineRRset.get(scenario));
      }), { seed: SEED, numRuns: HARMLESS_RUNS });
    });

    it('stays secure when a TTL is raised above the original TTL (RFC 4035 §5.3.3: bounded, not rejected)', async () => {
      await fc.assert(fc.asyncProperty(scenarioArb, indexArb, indexArb, fc.nat({ max: 1_000_000 }), async (scenario, question, record, by) => {
        const { r, mutated, target } = await runMutated(scenario, question, { kind: 'ttl-raise', record, by: by + 1 });
        expect(r.status, `${SCENARIOS[scenario]!.name} via ${target}: ${mutated.what} -> ${r.reason}`).to.equal('secure');
      }), { seed: SEED, numRuns: HARMLESS_RUNS / 4 });
    });
  });
  describe('a lying upstream', () => {
    const MX = Name.parse('mx.example.');
    const EXAMPLE = Name.parse('example.');
    const isSig = (rr: ResourceRecord) => rr.type === RRType.RRSIG;
    /** Answers honestly except for `name`/`type`, which get `lie()`. */
    const lying = (name: Name, type: number, lie: () => Message | undefined) =>
      validator((n, t) => (t === type && n.equals(name) ? lie() : honest(n, t)));

    async function expectRefused(v: Validator, qname: Name | string, qtype: number, code?: string): Promise<LookupResult> {
      const r = await v.lookup(qname, qtype);
      expect(['bogus', 'indeterminate'], `${qname} ${rrTypeToString(qtype)}: ${r.status} ${r.reason}`).to.include(r.status);
      expect(r.rrset).to.deep.equal([]);
      if (code) expect(r.reasons[0]?.code, r.reason).to.equal(code);
      return r;
    }

    it('the honest upstream proves every lie\'s target (the lies below are what makes them fail)', async () => {
      for (const [n, t] of [[MX, RRType.A], ['nope.example.', RRType.A], [EXAMPLE, RRType.DS]] as const) {
        const r = await validator(honest).lookup(n, t);
        expect(r.status, `${n} ${r.reason}`).to.equal('secure');
      }
    });

    it('answers a DS query with the child\'s records: its apex NODATA, or its DNSKEY RRset', async () => {
      // The child's own denial (SOA and apex NSEC, signed by the child) where the parent must answer.
      const childSide = () => {
        const m = honest(EXAMPLE, RRType.HINFO);
        return responseMessage(EXAMPLE, RRType.DS, m.rcode, m.answers, m.authorities);
      };
      await expectRefused(lying(EXAMPLE, RRType.DS, childSide), MX, RRType.A);
      const keys = () => responseMessage(EXAMPLE, RRType.DS, Rcode.NOERROR, honest(EXAMPLE, RRType.DNSKEY).answers, []);
      await expectRefused(lying(EXAMPLE, RRType.DS, keys), MX, RRType.A);
      // Another zone's DS RRset with its RRSIG, renamed to the child.
      const otherDs = () => {
        const m = honest(Name.parse('other.'), RRType.DS);
        return responseMessage(EXAMPLE, RRType.DS, Rcode.NOERROR, m.answers.map((rr) => ({ ...rr, name: EXAMPLE })), []);
      };
      await expectRefused(lying(EXAMPLE, RRType.DS, otherDs), MX, RRType.A);
    });

    it('denies a DS without proof (an unsigned NODATA or NXDOMAIN): bogus, never an insecure delegation', async () => {
      await expectRefused(lying(EXAMPLE, RRType.DS, () => responseMessage(EXAMPLE, RRType.DS, Rcode.NOERROR, [], [])), MX, RRType.A, 'nsec-missing');
      const soaOnly = () => responseMessage(EXAMPLE, RRType.DS, Rcode.NXDOMAIN, [], honest(Name.parse('nope.'), RRType.A).authorities.filter((rr) => rr.type === RRType.SOA));
      await expectRefused(lying(EXAMPLE, RRType.DS, soaOnly), MX, RRType.A);
    });

    it('proves an insecure delegation with a valid NSEC beside a forged signed SOA: bogus, as a lookup of that DS is', async () => {
      const plain = Name.parse('plain.example.');
      const forged = () => {
        const m = honest(plain, RRType.DS);
        const soa = m.authorities.findIndex((rr) => rr.type === RRType.SOA);
        expect(soa).to.be.greaterThanOrEqual(0);
        return mutate(m, { kind: 'flip', record: m.answers.length + soa, byte: 20, bit: 0 }, pool).message;
      };
      await expectRefused(lying(plain, RRType.DS, forged), 'mx.plain.example.', RRType.A, 'signature-invalid');
      await expectRefused(lying(plain, RRType.DS, forged), plain, RRType.DS, 'signature-invalid');
    });

    it('never downgrades a signed name: an unsigned answer with any set of the zone\'s own signed denial records as the DS answer', async () => {
      // The attacker strips the answer's RRSIG and answers the walk's DS query for the name with
      // genuine, validly signed NSEC/NSEC3 records of the zone, chosen freely: none proves that the
      // name is an insecure delegation, so the result must be bogus (never insecure).
      const cases = [
        { zone: 'example.', name: Name.parse('mx.example.') },
        { zone: 'optout.example.', name: Name.parse('mx.optout.example.') },
        { zone: 'n3.example.', name: Name.parse('mx.n3.example.') },
      ];
      const denialOf = (zone: string) => {
        const z = world.zones.get(zone)!;
        const sets = z.records.filter((rr) => rr.type === RRType.NSEC || rr.type === RRType.NSEC3);
        return sets.map((rr) => [rr, ...z.records.filter((sig) => covers(sig, rr))]);
      };
      await fc.assert(fc.asyncProperty(fc.nat({ max: cases.length - 1 }), fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 4 }), fc.boolean(), async (c, picks, nx) => {
        const { zone, name } = cases[c]!;
        const pool = denialOf(zone);
        const authority = [...new Set(picks.map((i) => pool[i % pool.length]!))].flat();
        const v = validator((n, t) => {
          if (n.equals(name) && t === RRType.A) { const m = honest(n, t); return { ...m, answers: m.answers.filter((rr) => !isSig(rr)) }; }
          if (n.equals(name) && t === RRType.DS) return responseMessage(n, t, nx ? Rcode.NXDOMAIN : Rcode.NOERROR, [], authority);
          return honest(n, t);
        });
        const r = await v.lookup(name, RRType.A);
        expect(['bogus', 'indeterminate'], `${name} with DS denial ${authority.filter((rr) => !isSig(rr)).map((rr) => rr.name).join(', ')} -> ${r.status}: ${r.reason}`).to.include(r.status);
      }), { seed: SEED, numRuns: DOWNGRADE_RUNS });
    });

    it('denies a name of a signed child with the parent\'s own signed NSEC/NSEC3 records (delegation side, RFC 6840 §4.1)', async () => {
      // Every denial record of the parent zone, validly signed by it: the one at (or covering) the
      // delegation proves nothing about names below the cut, whatever RCODE comes with it.
      const everyDenial = (zone: string) => {
        const z = world.zones.get(zone)!;
        const soa = z.records.filter((rr) => rr.name.equals(z.origin) && (rr.type === RRType.SOA || (isType(rr, RRType.RRSIG) && rr.data.typeCovered === RRType.SOA)));
        return [...soa, ...z.records.filter((rr) => rr.type === RRType.NSEC || rr.type === RRType.NSEC3 || (isType(rr, RRType.RRSIG) && (rr.data.typeCovered === RRType.NSEC || rr.data.typeCovered === RRType.NSEC3)))];
      };
      const cases = [
        { parent: '.', qname: Name.parse('_25._tcp.mx.example.'), qtype: RRType.TLSA },
        { parent: '.', qname: Name.parse('mx.example.'), qtype: RRType.A },
        { parent: 'n3.example.', qname: Name.parse('mx.kid.n3.example.'), qtype: RRType.A },
        { parent: 'n3.example.', qname: Name.parse('nope.kid.n3.example.'), qtype: RRType.A },
        { parent: 'example.', qname: Name.parse('mx.n3.example.'), qtype: RRType.A },
      ];
      for (const c of cases) {
        for (const rcode of [Rcode.NXDOMAIN, Rcode.NOERROR]) {
          const forged = () => responseMessage(c.qname, c.qtype, rcode, [], everyDenial(c.parent));
          await expectRefused(lying(c.qname, c.qtype, forged), c.qname, c.qtype);
        }
      }
    });

    it('answers NXDOMAIN with NSEC records from another zone, or for another name', async () => {
      const nope = Name.parse('nope.example.');
      const fromOther = () => responseMessage(nope, RRType.A, Rcode.NXDOMAIN, [], honest(Name.parse('nope.other.'), RRType.A).authorities);
      await expectRefused(lying(nope, RRType.A, fromOther), nope, RRType.A);
      // An existing name denied with the (valid, signed) proof that covers another one.
      const wrongName = () => responseMessage(MX, RRType.A, Rcode.NXDOMAIN, [], honest(nope, RRType.A).authorities);
      await expectRefused(lying(MX, RRType.A, wrongName), MX, RRType.A, 'denial-invalid');
      // NSEC3 proof of n3.example. for a name in example.
      const fromN3 = () => responseMessage(nope, RRType.A, Rcode.NXDOMAIN, [], honest(Name.parse('nope.n3.example.'), RRType.A).authorities);
      await expectRefused(lying(nope, RRType.A, fromN3), nope, RRType.A);
    });

    it('replays an old answer whose signature has expired, signed by the zone\'s own key', async () => {
      const zone = world.zones.get('example.')!;
      const zsk = zone.keys.zsk[0] as TestKey;
      const rrset = honest(MX, RRType.A).answers.filter((rr) => !isSig(rr));
      const old = signRRset(rrset, zsk, { signer: EXAMPLE, inception: new Date(NOW.getTime() - 60 * DAY_MS), expiration: new Date(NOW.getTime() - 30 * DAY_MS) });
      await expectRefused(lying(MX, RRType.A, () => responseMessage(MX, RRType.A, Rcode.NOERROR, [...rrset, old], [])), MX, RRType.A, 'signature-expired');
      // And one signed for the future (a clock the attacker hopes is wrong).
      const future = signRRset(rrset, zsk, { signer: EXAMPLE, inception: new Date(NOW.getTime() + DAY_MS), expiration: new Date(NOW.getTime() + 30 * DAY_MS) });
      await expectRefused(lying(MX, RRType.A, () => responseMessage(MX, RRType.A, Rcode.NOERROR, [...rrset, future], [])), MX, RRType.A, 'signature-not-yet-valid');
    });

    it('returns an unsigned answer, or an unsigned denial, for a signed zone', async () => {
      const stripped = () => { const m = honest(MX, RRType.A); return { ...m, answers: m.answers.filter((rr) => !isSig(rr)) }; };
      await expectRefused(lying(MX, RRType.A, stripped), MX, RRType.A, 'rrsigs-missing');
      const nope = Name.parse('nope.example.');
      const bare = () => { const m = honest(nope, RRType.A); return { ...m, authorities: m.authorities.filter((rr) => rr.type === RRType.SOA) }; };
      await expectRefused(lying(nope, RRType.A, bare), nope, RRType.A);
      const sigless = () => { const m = honest(nope, RRType.A); return { ...m, authorities: m.authorities.filter((rr) => !isSig(rr)) }; };
      await expectRefused(lying(nope, RRType.A, sigless), nope, RRType.A);
    });

    it('returns a referral (NS and signed DS of the zone, no answer) as an authoritative server would', async () => {
      const root = world.zones.get('.')!;
      const referral = () => responseMessage(MX, RRType.A, Rcode.NOERROR, [], [
        ...root.records.filter((rr) => rr.name.equals(EXAMPLE) && (rr.type === RRType.NS || rr.type === RRType.DS || (isType(rr, RRType.RRSIG) && rr.data.typeCovered === RRType.DS))),
      ]);
      expect(referral().authorities.some((rr) => rr.type === RRType.NS)).to.equal(true);
      await expectRefused(lying(MX, RRType.A, referral), MX, RRType.A);
    });

    it('returns records for another name: as they are, or renamed with their RRSIG', async () => {
      const other = Name.parse('mx.n3.example.');
      await expectRefused(lying(MX, RRType.A, () => responseMessage(MX, RRType.A, Rcode.NOERROR, honest(other, RRType.A).answers, [])), MX, RRType.A);
      const renamed = () => responseMessage(MX, RRType.A, Rcode.NOERROR, honest(other, RRType.A).answers.map((rr) => ({ ...rr, name: MX })), []);
      await expectRefused(lying(MX, RRType.A, renamed), MX, RRType.A);
      // A wildcard expansion moved to a name that exists (mx.example. is no wildcard match).
      const wild = () => {
        const m = honest(Name.parse('x.wild.example.'), RRType.TXT);
        return responseMessage(MX, RRType.TXT, Rcode.NOERROR, m.answers.map((rr) => ({ ...rr, name: MX })), m.authorities);
      };
      await expectRefused(lying(MX, RRType.TXT, wild), MX, RRType.TXT);
    });
  });
});
