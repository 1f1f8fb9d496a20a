/**
 * One signed zone as the answering logic sees it: its data in a {@link ZoneIndex}, its RRSIGs by
 * owner and type covered, and its denial records (NSEC by owner, NSEC3 by hash) with the
 * functions that pick the record a proof needs. It reads any signed zone, whoever signed it.
 *
 * Picking is by position in the chain, never by checking that the record really proves the point:
 * a zone whose chain is broken on purpose (the signer's `wrong-nsec-coverage` knob) is answered
 * with the record a correct server would send, so the validator sees the broken proof.
 */
import type { Name } from '../../dns/name.ts';
import type { RecordOf, ResourceRecord } from '../../dns/record.ts';
import { RRType } from '../../dns/iana/rr-types.ts';
import { ZoneIndex } from './zone-index.ts';
import { hashedLabel, type Nsec3Params } from './nsec3-names.ts';

/** The NSEC3 chain of a zone, sorted by hash. */
interface Nsec3Chain {
  readonly params: Nsec3Params;
  /** Lower-case base32hex owner hashes, ascending. */
  readonly hashes: readonly string[];
  readonly byHash: ReadonlyMap<string, ResourceRecord>;
}

function sigKey(owner: Name, type: number): string {
  return `${owner.key()}|${type}`;
}

/** Index of the greatest element of `sorted` that is < `x` (by `cmp`), wrapping to the last one. */
function predecessor<T>(sorted: readonly T[], x: T, cmp: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length; // first index with sorted[i] >= x
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(sorted[mid]!, x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? sorted.length - 1 : lo - 1;
}

/** A signed (or unsigned) zone ready to answer from. */
export class AnswerZone {
  readonly origin: Name;
  readonly index: ZoneIndex;
  private readonly sigs = new Map<string, ResourceRecord[]>();
  private readonly nsecOwners: readonly Name[];
  private readonly nsec3: Nsec3Chain | undefined;

  /**
   * @param origin the zone apex
   * @param records every record of the zone file: data, glue, DNSKEY, RRSIG, NSEC or NSEC3, NSEC3PARAM
   */
  constructor(origin: Name, records: Iterable<ResourceRecord>) {
    this.origin = origin;
    const data: ResourceRecord[] = [];
    const nsec3: ResourceRecord[] = [];
    for (const rr of records) {
      if (rr.type === RRType.RRSIG) {
        const k = sigKey(rr.name, (rr as RecordOf<typeof RRType.RRSIG>).data.typeCovered);
        const list = this.sigs.get(k);
        if (list) list.push(rr);
        else this.sigs.set(k, [rr]);
      } else if (rr.type === RRType.NSEC3) nsec3.push(rr);
      else data.push(rr);
    }
    this.index = new ZoneIndex(origin, data);
    this.nsecOwners = this.index.authoritativeNames.filter((n) => this.index.rrset(n, RRType.NSEC) !== undefined);
    this.nsec3 = AnswerZone.nsec3Chain(origin, this.index, nsec3);
  }

  private static nsec3Chain(origin: Name, index: ZoneIndex, records: ResourceRecord[]): Nsec3Chain | undefined {
    const first = records[0] as RecordOf<typeof RRType.NSEC3> | undefined;
    const param = index.rrset(origin, RRType.NSEC3PARAM)?.[0] as RecordOf<typeof RRType.NSEC3PARAM> | undefined;
    const src = param?.data ?? first?.data;
    if (!src) return undefined;
    const byHash = new Map<string, ResourceRecord>();
    for (const rr of records) {
      const label = rr.name.labels[0];
      if (!label || !rr.name.parent().equals(origin)) continue;
      byHash.set(String.fromCharCode(...label).toLowerCase(), rr);
    }
    const hashes = [...byHash.keys()].sort();
    return { params: { hashAlgorithm: src.hashAlgorithm, salt: src.salt, iterations: src.iterations }, hashes, byHash };
  }

  /** The zone's denial kind, read from its records. */
  get denial(): 'nsec' | 'nsec3' | 'none' {
    if (this.nsec3) return 'nsec3';
    return this.nsecOwners.length > 0 ? 'nsec' : 'none';
  }

  /** The RRSIGs over the RRset (`owner`, `type`), empty when unsigned. */
  rrsigs(owner: Name, type: number): readonly ResourceRecord[] {
    return this.sigs.get(sigKey(owner, type)) ?? [];
  }

  /** The RRset with its RRSIGs, or undefined when the RRset does not exist. */
  signedRRset(owner: Name, type: number): { rrset: readonly ResourceRecord[]; rrsigs: readonly ResourceRecord[] } | undefined {
    const rrset = this.index.rrset(owner, type);
    return rrset ? { rrset, rrsigs: this.rrsigs(owner, type) } : undefined;
  }

  /** The apex SOA with its RRSIGs, for the authority section of a negative answer (RFC 2308 §3). */
  soa(): ResourceRecord[] {
    const s = this.signedRRset(this.origin, RRType.SOA);
    return s ? [...s.rrset, ...s.rrsigs] : [];
  }

  /** The NSEC owned by `name` with its RRSIGs (empty when there is none). */
  nsecAt(name: Name): ResourceRecord[] {
    const s = this.signedRRset(name, RRType.NSEC);
    return s ? [...s.rrset, ...s.rrsigs] : [];
  }

  /**
   * The NSEC that covers `name` (RFC 4035 §5.4): the one whose owner is the canonical predecessor
   * of `name`, wrapping to the last. With RRSIGs.
   */
  nsecCovering(name: Name): ResourceRecord[] {
    if (this.nsecOwners.length === 0) return [];
    const i = predecessor(this.nsecOwners, name, (a, b) => a.compare(b));
    return this.nsecAt(this.nsecOwners[i]!);
  }

  /** The NSEC3 whose owner hash equals the hash of `name` (RFC 5155 §8.3), with RRSIGs; empty when none. */
  nsec3Matching(name: Name): ResourceRecord[] {
    if (!this.nsec3) return [];
    const rr = this.nsec3.byHash.get(hashedLabel(name, this.nsec3.params));
    return rr ? [rr, ...this.rrsigs(rr.name, RRType.NSEC3)] : [];
  }

  /** The NSEC3 whose interval holds the hash of `name` (RFC 5155 §8.3 "covers"): the predecessor hash, wrapping. */
  nsec3Covering(name: Name): ResourceRecord[] {
    if (!this.nsec3 || this.nsec3.hashes.length === 0) return [];
    const h = hashedLabel(name, this.nsec3.params);
    const i = predecessor(this.nsec3.hashes, h, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const rr = this.nsec3.byHash.get(this.nsec3.hashes[i]!)!;
    return [rr, ...this.rrsigs(rr.name, RRType.NSEC3)];
  }

  /**
   * Closest encloser proof (RFC 5155 §7.2.1): the NSEC3 matching the closest provable encloser and
   * the one covering the next closer name. The closest provable encloser is the deepest existing
   * ancestor-or-self that has an NSEC3: under opt-out, insecure delegations and the empty
   * non-terminals above only them have none (RFC 5155 §7.1), and the proof moves up past them
   * (RFC 5155 §7.2.3-7.2.4). Returns the records and the encloser used.
   */
  nsec3ClosestEncloserProof(name: Name): { records: ResourceRecord[]; closestEncloser: Name } {
    let ce = this.index.closestEncloser(name);
    while (this.nsec3Matching(ce).length === 0 && !ce.equals(this.origin)) ce = ce.parent();
    const records = [...this.nsec3Matching(ce)];
    if (ce.labelCount < name.labelCount) records.push(...this.nsec3Covering(name.suffix(ce.labelCount + 1)));
    return { records, closestEncloser: ce };
  }
}
