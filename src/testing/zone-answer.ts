/**
 * Answers questions the way a recursive resolver answers a query with CD=1 (RFC 4035 §3.2.2),
 * for a whole hierarchy of zones held in memory: never a referral, always the final answer with
 * the RRSIGs and the NSEC/NSEC3 records a validator needs (RFC 4035 §3.1, RFC 5155 §7.2). CD=0 is
 * treated the same: the world never validates, so it never hides bogus data behind SERVFAIL.
 *
 * - The zone that answers a name is the deepest zone of the world at or above it; a DS question
 *   at a zone apex is answered from the parent's side of the cut (RFC 4035 §3.1.4.1).
 * - CNAME chains are followed, also into other zones of the world; a DNAME yields the DNAME RRset
 *   and an unsigned synthesised CNAME (RFC 6672 §3.4); the chain stops after
 *   {@link MAX_CNAME_CHAIN} links, returning what it has (the client follows the rest itself).
 * - Wildcards are expanded (RFC 4592 §3.3.1), their RRSIGs copied with the query name as owner
 *   (their Labels field keeps showing the expansion), with the NSEC/NSEC3 that proves there was no
 *   closer match (RFC 4035 §3.1.3.3, RFC 5155 §7.2.6).
 * - NXDOMAIN and NODATA carry the SOA and the denial records (RFC 4035 §3.1.3, RFC 5155 §7.2).
 * - RRSIG, NSEC and NSEC3 records appear only when the query had DO=1 (RFC 4035 §3.2.1).
 *
 * Limitations: class IN only; a name below a delegation to a zone the world does not hold gets
 * SERVFAIL (a lame delegation); no additional-section processing; a question for type RRSIG gets
 * NODATA (RRSIGs are answered only beside the RRsets they cover).
 */
import { Name } from '../dns/name.ts';
import type { RecordOf, ResourceRecord } from '../dns/record.ts';
import { RRClass, RRType } from '../dns/iana/rr-types.ts';
import { AnswerZone } from './world/answer-zone.ts';
import { makeRR } from './world/records.ts';
import type { Message } from '../dns/message.ts';
import { Rcode } from '../dns/iana/rcodes.ts';
import { replyTo } from './dns-server.ts';

/** Most CNAME/DNAME links followed in one answer (Unbound stops at 11 restarts, BIND at 16). */
export const MAX_CNAME_CHAIN = 12;



/** A question to answer. */
export interface Question {
  readonly name: Name;
  readonly type: number;
  /** DO bit of the query's EDNS0 OPT (RFC 3225): DNSSEC records are included only when set. */
  readonly dnssecOk: boolean;
}

/** The sections of an answer (header and OPT are the transport's job). */
export interface Answer {
  rcode: number;
  answer: ResourceRecord[];
  authority: ResourceRecord[];
}

/** A zone to answer from: its apex and every record of its (signed) zone file. */
export interface ZoneSource {
  readonly origin: Name;
  readonly records: Iterable<ResourceRecord>;
}

type Step =
  | { kind: 'final'; rcode: number; answer: ResourceRecord[]; authority: ResourceRecord[] }
  | { kind: 'follow'; answer: ResourceRecord[]; authority: ResourceRecord[]; target: Name };

const DNSSEC_TYPES: ReadonlySet<number> = new Set([RRType.RRSIG, RRType.NSEC, RRType.NSEC3]);

/** Answers questions for a set of zones as a recursive resolver would (see the module comment). */
export class ZoneAnswerer {
  /** Zones by lower-case origin: a world of thousands of zones (bench:scan) finds one by walking up the name, not by a scan of all. */
  private readonly byOrigin = new Map<string, AnswerZone[]>();

  constructor(zones: Iterable<ZoneSource>) {
    for (const z of zones) {
      const zone = new AnswerZone(z.origin, z.records);
      const same = this.byOrigin.get(z.origin.key());
      if (same) same.push(zone);
      else this.byOrigin.set(z.origin.key(), [zone]);
    }
  }

  /** The zone that answers `name` for `type` (see the module comment), or undefined. */
  zoneFor(name: Name, type: number): AnswerZone | undefined {
    // The zones holding `name`, deepest first, so the first is the closest zone.
    const holding: AnswerZone[] = [];
    for (let n = name; ; n = n.parent()) {
      const here = this.byOrigin.get(n.key());
      if (here) holding.push(...here);
      if (holding.length >= 2 || n.isRoot) break;
    }
    const deepest = holding[0];
    // RFC 4035 §3.1.4.1: DS lives on the parent side of the cut.
    if (type === RRType.DS && deepest && deepest.origin.equals(name) && holding[1]) return holding[1];
    return deepest;
  }

  /** Answers one question. */
  answer(q: Question): Answer {
    const answer: ResourceRecord[] = [];
    // Wildcard proofs of CNAMEs along the chain stay in the final authority section.
    const authority: ResourceRecord[] = [];
    const seen = new Set<string>();
    let name = q.name;
    for (let link = 0; link <= MAX_CNAME_CHAIN; link++) {
      seen.add(name.key());
      const zone = this.zoneFor(name, q.type);
      if (!zone) return this.finish(q, { rcode: Rcode.REFUSED, answer, authority });
      const step = lookup(zone, name, q.type);
      answer.push(...step.answer);
      authority.push(...step.authority);
      if (step.kind === 'final') return this.finish(q, { rcode: step.rcode, answer, authority });
      // A loop or an over-long chain ends here with what was gathered (RFC 1034 §3.6.2).
      if (seen.has(step.target.key())) break;
      name = step.target;
    }
    return this.finish(q, { rcode: Rcode.NOERROR, answer, authority });
  }

  /**
   * A whole response to a query message, as a recursive resolver sends it: RA set, AA and AD
   * clear (a validator must prove everything itself), RD and CD echoed, the question echoed, and
   * an OPT record when the query had one (RFC 6891 §7), DO echoed (RFC 3225 §3).
   */
  respond(query: Message): Message {
    const q = query.questions[0];
    if (query.opcode !== 0) return replyTo(query, { rcode: Rcode.NOTIMP });
    if (!q || query.questions.length !== 1 || query.flags.qr) return replyTo(query, { rcode: Rcode.FORMERR });
    if (query.edns && query.edns.version > 0) return replyTo(query, { rcode: Rcode.BADVERS }); // RFC 6891 §6.1.3
    if (q.class !== RRClass.IN) return replyTo(query, { rcode: Rcode.REFUSED });
    const a = this.answer({ name: q.name, type: q.type, dnssecOk: query.edns?.dnssecOk ?? false });
    return replyTo(query, { rcode: a.rcode, answers: a.answer, authorities: a.authority });
  }

  private finish(q: Question, a: Answer): Answer {
    if (q.dnssecOk) return { rcode: a.rcode, answer: dedupe(a.answer), authority: dedupe(a.authority) };
    // RFC 4035 §3.2.1: without DO, no RRSIG/NSEC/NSEC3 unless the question asked for that type.
    const keep = (rr: ResourceRecord) => !DNSSEC_TYPES.has(rr.type) || rr.type === q.type;
    return { rcode: a.rcode, answer: dedupe(a.answer.filter(keep)), authority: dedupe(a.authority.filter((rr) => !DNSSEC_TYPES.has(rr.type))) };
  }
}

function dedupe(rrs: ResourceRecord[]): ResourceRecord[] {
  return [...new Set(rrs)];
}

function withSigs(zone: AnswerZone, owner: Name, type: number): ResourceRecord[] {
  const s = zone.signedRRset(owner, type);
  return s ? [...s.rrset, ...s.rrsigs] : [];
}

/** One zone's part of an answer for `name`/`type`. */
function lookup(zone: AnswerZone, name: Name, type: number): Step {
  const ix = zone.index;
  const kind = ix.kindOf(name);
  if (kind === 'occluded') return servfail();
  if (kind === 'delegation') {
    if (type !== RRType.DS) return servfail(); // delegated to a zone the world does not hold
    const ds = withSigs(zone, name, RRType.DS);
    if (ds.length > 0) return { kind: 'final', rcode: Rcode.NOERROR, answer: ds, authority: [] };
    return { kind: 'final', rcode: Rcode.NOERROR, answer: [], authority: [...zone.soa(), ...noDataProof(zone, name)] };
  }
  const dname = ix.dnameAbove(name);
  if (dname) return synthesiseFromDname(zone, name, dname.owner, dname.rrset);
  if (kind === 'data') return lookupExisting(zone, name, name, type);
  if (kind === 'empty-non-terminal') {
    return { kind: 'final', rcode: Rcode.NOERROR, answer: [], authority: [...zone.soa(), ...noDataProof(zone, name)] };
  }
  return lookupMissing(zone, name, type);
}

function servfail(): Step {
  return { kind: 'final', rcode: Rcode.SERVFAIL, answer: [], authority: [] };
}

/**
 * An existing node `source` answering for `name` (the same name, or a wildcard expanded to it).
 * `proof` is the no-closer-match proof added to a wildcard answer.
 */
function lookupExisting(zone: AnswerZone, name: Name, source: Name, type: number, proof: ResourceRecord[] = []): Step {
  const ix = zone.index;
  const expand = (rrs: readonly ResourceRecord[]) => (source === name ? [...rrs] : rrs.map((rr) => ({ ...rr, name })));
  const types = type === RRType.ANY ? ix.typesAt(source) : [type];
  const answer: ResourceRecord[] = [];
  for (const t of types) {
    const s = zone.signedRRset(source, t);
    if (s) answer.push(...expand(s.rrset), ...expand(s.rrsigs));
  }
  if (answer.length > 0) return { kind: 'final', rcode: Rcode.NOERROR, answer, authority: proof };
  const cname = zone.signedRRset(source, RRType.CNAME);
  if (cname && type !== RRType.CNAME) {
    const target = (cname.rrset[0] as RecordOf<typeof RRType.CNAME>).data.cname;
    return { kind: 'follow', answer: [...expand(cname.rrset), ...expand(cname.rrsigs)], authority: proof, target };
  }
  // NODATA (RFC 4035 §3.1.3.1), or wildcard NODATA (§3.1.3.4, RFC 5155 §7.2.5).
  const authority = [...zone.soa()];
  if (source === name) authority.push(...noDataProof(zone, name));
  else if (zone.denial === 'nsec') authority.push(...proof, ...zone.nsecAt(source));
  else if (zone.denial === 'nsec3') {
    authority.push(...zone.nsec3ClosestEncloserProof(name).records, ...zone.nsec3Matching(source));
  }
  return { kind: 'final', rcode: Rcode.NOERROR, answer: [], authority };
}

/** NODATA proof for an existing name, an empty non-terminal, or a delegation without DS. */
function noDataProof(zone: AnswerZone, name: Name): ResourceRecord[] {
  if (zone.denial === 'nsec') {
    // RFC 4035 §3.1.3.1: the NSEC at the name; for an empty non-terminal, the one covering it (§3.1.3.2).
    const at = zone.nsecAt(name);
    return at.length > 0 ? at : zone.nsecCovering(name);
  }
  if (zone.denial === 'nsec3') {
    // RFC 5155 §7.2.3: the matching NSEC3; §7.2.4: without one (opt-out), a closest encloser
    // proof whose next closer cover has the opt-out flag.
    const m = zone.nsec3Matching(name);
    return m.length > 0 ? m : zone.nsec3ClosestEncloserProof(name).records;
  }
  return [];
}

/** A name that does not exist: wildcard answer, wildcard NODATA, or NXDOMAIN (RFC 4592 §3.3.1). */
function lookupMissing(zone: AnswerZone, name: Name, type: number): Step {
  const ix = zone.index;
  const ce = ix.closestEncloser(name);
  const wildcard = ce.wildcard();
  if (ix.kindOf(wildcard) === 'data') {
    // Proof that no closer name exists: the NSEC covering the query name (RFC 4035 §3.1.3.3),
    // or the NSEC3 covering the next closer name (RFC 5155 §7.2.6).
    let proof: ResourceRecord[] = [];
    if (zone.denial === 'nsec') proof = zone.nsecCovering(name);
    else if (zone.denial === 'nsec3') proof = zone.nsec3Covering(name.suffix(ce.labelCount + 1));
    return lookupExisting(zone, name, wildcard, type, proof);
  }
  const authority = [...zone.soa()];
  if (zone.denial === 'nsec') {
    // RFC 4035 §3.1.3.2: the NSEC covering the name and the one proving no wildcard.
    authority.push(...zone.nsecCovering(name), ...zone.nsecCovering(wildcard));
  } else if (zone.denial === 'nsec3') {
    // RFC 5155 §7.2.2: closest encloser proof plus the NSEC3 covering the wildcard.
    const p = zone.nsec3ClosestEncloserProof(name);
    authority.push(...p.records, ...zone.nsec3Covering(p.closestEncloser.wildcard()));
  }
  return { kind: 'final', rcode: Rcode.NXDOMAIN, answer: [], authority };
}

/** RFC 6672 §3.4: the DNAME RRset, its RRSIGs, and an unsigned CNAME synthesised from it. */
function synthesiseFromDname(zone: AnswerZone, name: Name, owner: Name, rrset: readonly ResourceRecord[]): Step {
  const dname = rrset[0] as RecordOf<typeof RRType.DNAME>;
  const answer = withSigs(zone, owner, RRType.DNAME);
  let target: Name;
  try {
    target = new Name([...name.labels.slice(0, name.labelCount - owner.labelCount), ...dname.data.target.labels]);
  } catch {
    // RFC 6672 §2.2: a substitution longer than 255 octets is YXDOMAIN.
    return { kind: 'final', rcode: Rcode.YXDOMAIN, answer, authority: [] };
  }
  answer.push(makeRR(name, RRType.CNAME, dname.ttl, { cname: target }));
  return { kind: 'follow', answer, authority: [], target };
}
