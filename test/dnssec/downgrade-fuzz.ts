/**
 * The downgrade fuzzer (issue #11): lookups in a signed test world whose upstream lies about one of
 * the questions a lookup asks, by replaying, renaming, stripping or re-typing the world's own signed
 * records. Its one property is the README's promise:
 *
 * - a lookup that is `secure` with the honest upstream comes out either with the same kind and the
 *   same RRset (secure), or bogus or indeterminate: never insecure (no DANE), never a secure
 *   answer of another kind or with other records (forged data);
 * - a lookup that is `insecure` with the honest upstream is never secure.
 *
 * Renamed records go to the question's name or any ancestor of it, a wildcard, `!` or `~` child of
 * one, or any owner of the world, with their RRSIGs unchanged.
 *
 * The world has what the downgrades of issue #11 needed: wildcards (TLSA and A), an NSEC3 zone with
 * 200 iterations and a signed child below it, a DNAME, CNAMEs, an unsigned child and an opt-out
 * span; half of the runs add a second trust anchor (example.) below the root's.
 *
 * Run by test/dnssec/downgrade-fuzz.test.ts (a short fixed-seed run) and by `npm run
 * fuzz:validator` (test/fuzz/validator.ts: at least 100,000 lookups).
 */
import fc from 'fast-check';
import { createTestWorld, type TestWorld } from '../../src/testing/world.ts';
import { Validator, type LookupResult } from '../../src/dnssec/validator.ts';
import { Name } from '../../src/dns/name.ts';
import { RRType, rrTypeToString } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import { isType, type ResourceRecord } from '../../src/dns/record.ts';
import { formatRR } from '../../src/dns/presentation.ts';
import type { Message } from '../../src/dns/message.ts';
import { canonicalRdata } from '../../src/dns/canonical.ts';
import { CallbackUpstream, responseMessage } from './replay-upstream.ts';
import { renamed } from './attack-kit.ts';

const TLSA = '3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const ZONES = {
  'example.': {
    records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx TLSA ${TLSA}`, `*._tcp.w TLSA ${TLSA}`, '*.wa A 127.0.0.9', 'www CNAME mx', 'dn DNAME n3.example.', 'a.b.ent A 127.0.0.8', 'toiter CNAME mx.iter.example.'],
  },
  'n3.example.': { denial: { nsec3: { salt: 'ab', iterations: 1 } }, records: ['@ MX 10 mx', 'mx A 127.0.0.2', '*.w TXT "w3"'] },
  'iter.example.': { denial: { nsec3: { iterations: 200 } }, records: ['mx A 127.0.0.4', `_25._tcp.mx TLSA ${TLSA}`] },
  'kid.iter.example.': { records: ['mx A 127.0.0.5'] },
  'plain.example.': { unsigned: true, records: ['mx A 127.0.0.3'] },
  'optout.example.': { denial: { nsec3: { optOut: true } }, records: ['mx A 127.0.0.6'] },
  'unsigned.optout.example.': { unsigned: true, records: ['mx A 127.0.0.7'] },
} as const;

/** The lookups, one per kind of proof; their honest statuses are found at setup, not assumed. */
const SCENARIOS: readonly (readonly [string, number])[] = [
  ['mx.example.', RRType.A], ['_25._tcp.mx.example.', RRType.TLSA], ['_25._tcp.x.w.example.', RRType.TLSA], ['host.wa.example.', RRType.A],
  ['nope.example.', RRType.A], ['mx.example.', RRType.TXT], ['b.ent.example.', RRType.A], ['mx.dn.example.', RRType.A], ['www.example.', RRType.A],
  ['toiter.example.', RRType.A], ['_25._tcp.mx.iter.example.', RRType.TLSA], ['_25._tcp.nope.iter.example.', RRType.TLSA], ['mx.kid.iter.example.', RRType.A],
  ['mx.n3.example.', RRType.A], ['nope.n3.example.', RRType.A], ['z.w.n3.example.', RRType.TXT], ['mx.plain.example.', RRType.A],
  ['mx.unsigned.optout.example.', RRType.A], ['_25._tcp.mx.optout.example.', RRType.TLSA],
];

/** One lie about one question of a lookup. Indexes are taken modulo what they index. */
export type Lie =
  /** A signed RRset of the world (with its RRSIGs) renamed to an owner near the question, added to a section (or replacing it). */
  | { readonly kind: 'rename'; readonly rrset: number; readonly owner: number; readonly section: 'answers' | 'authorities'; readonly replace: boolean }
  /** A denial: no answer, an rcode, and signed SOA/NSEC/NSEC3 RRsets of the world, each renamed or not. */
  | { readonly kind: 'deny'; readonly rcode: number; readonly sets: readonly number[]; readonly owners: readonly number[] }
  /** The answer, or the authority section, or every RRSIG, removed. */
  | { readonly kind: 'strip'; readonly what: 'answers' | 'authorities' | 'rrsigs' }
  /** NOERROR and NXDOMAIN swapped, sections kept. */
  | { readonly kind: 'rcode' };

export const lieArb: fc.Arbitrary<Lie> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('rename' as const), rrset: fc.nat(), owner: fc.nat(), section: fc.constantFrom('answers' as const, 'authorities' as const), replace: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deny' as const), rcode: fc.constantFrom(Rcode.NOERROR, Rcode.NXDOMAIN), sets: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), owners: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('strip' as const), what: fc.constantFrom('answers' as const, 'authorities' as const, 'rrsigs' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rcode' as const) }) },
);

export interface FuzzCase {
  readonly scenario: number;
  readonly question: number;
  readonly lie: Lie;
  /** Anchors: the root's alone, or the root's and example.'s. */
  readonly twoAnchors: boolean;
}

export const caseArb: fc.Arbitrary<FuzzCase> = fc.record({ scenario: fc.nat({ max: SCENARIOS.length - 1 }), question: fc.nat(), lie: lieArb, twoAnchors: fc.boolean() });

interface Baseline {
  readonly status: LookupResult['status'];
  readonly kind: LookupResult['kind'];
  readonly rrset: string;
  readonly questions: readonly { readonly name: Name; readonly type: number }[];
}

/** What a fuzz run found: how many lookups ended how, and the first violation, if any. */
export interface FuzzOutcome {
  readonly case: FuzzCase;
  readonly lookup: string;
  readonly result: LookupResult;
  readonly violation?: string;
}

/** The signed world, its RRsets to replay, and the honest result of every scenario. */
export class DowngradeFuzzer {
  private constructor(
    private readonly world: TestWorld,
    private readonly now: Date,
    private readonly signedSets: readonly ResourceRecord[][],
    private readonly baselines: ReadonlyMap<string, Baseline>,
  ) {}

  static async create(now: Date): Promise<DowngradeFuzzer> {
    const world = await createTestWorld({ now, zones: ZONES });
    // Every signed RRset of every zone, with the RRSIGs over it: the material a replaying attacker has.
    const sets = new Map<string, ResourceRecord[]>();
    for (const z of world.zones.values()) {
      for (const rr of z.records) {
        const covered = isType(rr, RRType.RRSIG) ? rr.data.typeCovered : rr.type;
        const k = `${rr.name.key()}|${covered}`;
        sets.set(k, [...(sets.get(k) ?? []), rr]);
      }
    }
    const signedSets = [...sets.values()].filter((s) => s.some((rr) => rr.type === RRType.RRSIG));
    const f = new DowngradeFuzzer(world, now, signedSets, new Map());
    const baselines = new Map<string, Baseline>();
    for (const twoAnchors of [false, true]) {
      for (const [i, [name, type]] of SCENARIOS.entries()) {
        const upstream = new CallbackUpstream((n, t) => f.honest(n, t));
        const r = await new Validator({ upstream, trustAnchors: f.anchors(twoAnchors), now: () => now }).lookup(name, type);
        const questions = [...new Set(upstream.asked)].map((q) => {
          const [n, t] = q.split(' ');
          return { name: Name.parse(n!), type: RRType[t as keyof typeof RRType] as number };
        });
        baselines.set(`${i}|${twoAnchors}`, { status: r.status, kind: r.kind, rrset: rdataKey(r), questions });
      }
    }
    return new DowngradeFuzzer(world, now, signedSets, baselines);
  }

  /** The honest statuses, for a sanity check that the scenarios cover secure and insecure lookups. */
  baselineStatuses(): string[] {
    return [...this.baselines.entries()].map(([k, b]) => `${SCENARIOS[Number(k.split('|')[0])]!.join(' ')} ${k.endsWith('true') ? '(2 anchors)' : ''}: ${b.status} ${b.kind}`);
  }

  close(): Promise<void> {
    return this.world.close();
  }

  /** Runs one case; `violation` is set when the result breaks the property. */
  async run(c: FuzzCase): Promise<FuzzOutcome> {
    const [name, type] = SCENARIOS[c.scenario]!;
    const base = this.baselines.get(`${c.scenario}|${c.twoAnchors}`)!;
    const target = base.questions[c.question % base.questions.length]!;
    const answer = (n: Name, t: number): Message | undefined => {
      const honest = this.honest(n, t);
      return t === target.type && n.equals(target.name) ? this.lie(honest, target.name, c.lie) : honest;
    };
    const result = await new Validator({ upstream: new CallbackUpstream(answer, { wire: true }), trustAnchors: this.anchors(c.twoAnchors), now: () => this.now }).lookup(name, type);
    const lookup = `${name} ${rrTypeToString(type)} (lie at ${target.name} ${rrTypeToString(target.type)}: ${JSON.stringify(c.lie)})`;
    return { case: c, lookup, result, ...violationOf(base, result) };
  }

  private honest(name: Name, type: number): Message {
    const a = this.world.answerer.answer({ name, type, dnssecOk: true });
    return responseMessage(name, type, a.rcode, a.answer, a.authority);
  }

  private anchors(twoAnchors: boolean): string {
    if (!twoAnchors) return this.world.trustAnchors.text;
    return `${this.world.trustAnchors.text}\n${this.world.zones.get('example.')!.ds.map(formatRR).join('\n')}`;
  }

  /**
   * An owner to rename records to: `qname` or any ancestor of it, a wildcard, a `!` (sorts first)
   * or `~` (sorts last) child of one, or any owner name of the world.
   */
  private owner(qname: Name, i: number): Name {
    const near = [...qname.ancestors()].flatMap((a) => [a, ...[0x2a, 0x21, 0x7e].map((c) => new Name([Uint8Array.of(c), ...a.labels]))]);
    const choices = [...near, ...this.owners];
    return choices[i % choices.length]!;
  }

  /** Every owner name of the world's zones. */
  private get owners(): Name[] {
    return (this.ownerNames ??= [...new Map([...this.world.zones.values()].flatMap((z) => z.records.map((rr) => [rr.name.key(), rr.name] as const))).values()]);
  }

  private ownerNames: Name[] | undefined;

  private lie(honest: Message, qname: Name, lie: Lie): Message | undefined {
    switch (lie.kind) {
      case 'rename': {
        const set = renamed(this.signedSets[lie.rrset % this.signedSets.length]!, this.owner(qname, lie.owner));
        const kept = lie.replace ? [] : honest[lie.section];
        return { ...honest, [lie.section]: [...kept, ...set] };
      }
      case 'deny': {
        const authority = lie.sets.flatMap((s, i) => {
          const set = this.signedSets[s % this.signedSets.length]!;
          const o = lie.owners[i % lie.owners.length]!;
          return o % 3 === 0 ? set : renamed(set, this.owner(qname, o));
        });
        return { ...honest, rcode: lie.rcode, answers: [], authorities: authority };
      }
      case 'strip':
        if (lie.what === 'rrsigs') {
          const noSig = (rrs: ResourceRecord[]) => rrs.filter((rr) => rr.type !== RRType.RRSIG);
          return { ...honest, answers: noSig(honest.answers), authorities: noSig(honest.authorities) };
        }
        return { ...honest, [lie.what]: [] };
      case 'rcode':
        return { ...honest, rcode: honest.rcode === Rcode.NXDOMAIN ? Rcode.NOERROR : Rcode.NXDOMAIN };
    }
  }
}

function rdataKey(r: LookupResult): string {
  return r.rrset.map((rr) => `${rr.name.key()}|${rr.type}|${Buffer.from(canonicalRdata(rr.type, rr.rdata)).toString('hex')}`).sort().join(',');
}

function violationOf(base: Baseline, r: LookupResult): { violation?: string } {
  if (base.status === 'secure') {
    if (r.status === 'insecure') return { violation: `downgrade: secure ${base.kind} became insecure ${r.kind} (${r.reason})` };
    if (r.status === 'secure' && (r.kind !== base.kind || rdataKey(r) !== base.rrset)) {
      return { violation: `forged data: secure ${base.kind} became secure ${r.kind} with other records (${r.rrset.map(formatRR).join('; ')})` };
    }
  }
  if (base.status === 'insecure' && r.status === 'secure') return { violation: `insecure ${base.kind} became secure ${r.kind} (${r.reason})` };
  return {};
}
