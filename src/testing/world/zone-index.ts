/**
 * An in-memory index of one zone's records, keyed by owner name and type, that knows the zone's
 * shape: its apex, its delegation points (zone cuts), the glue and other data occluded below them,
 * and its empty non-terminals. The signer and the answering logic both stand on it.
 *
 * Scope: one class (IN), names compared case-insensitively (RFC 4343). RRSIG, NSEC3 and the
 * hashed owner names they live at are *not* kept here: they are not names of the zone's tree
 * (RFC 5155 §7.1), and treating them as nodes would make empty non-terminals and closest
 * enclosers wrong. Callers keep them beside the index.
 */
import { Name } from '../../dns/name.ts';
import type { ResourceRecord } from '../../dns/record.ts';
import { RRType } from '../../dns/iana/rr-types.ts';

/** All RRsets at one owner name. */
export interface ZoneNode {
  readonly name: Name;
  /** RRsets by type number, each in insertion order, duplicates (same type and RDATA) removed. */
  readonly rrsets: ReadonlyMap<number, readonly ResourceRecord[]>;
}

/** How a name relates to the zone's tree. */
export type NameKind =
  /** not at or below the origin */
  | 'out-of-zone'
  /** below a delegation point: glue or occluded data, not authoritative (RFC 4035 §2.2) */
  | 'occluded'
  /** a delegation point: only NS (unsigned), DS and NSEC are the parent's (RFC 4035 §2.2) */
  | 'delegation'
  /** authoritative data */
  | 'data'
  /** no data of its own but names with data below it (RFC 4592 §2.2.2, RFC 5155 §7.1) */
  | 'empty-non-terminal'
  /** does not exist */
  | 'nonexistent';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The records of one zone, indexed, with the zone's cuts and empty non-terminals derived once. */
export class ZoneIndex {
  readonly origin: Name;
  private readonly nodes = new Map<string, { name: Name; rrsets: Map<number, ResourceRecord[]> }>();
  private readonly cutKeys = new Set<string>();
  private readonly entKeys = new Map<string, Name>();
  /** Owner names with authoritative data or delegations (not occluded), in canonical order (RFC 4034 §6.1). */
  readonly authoritativeNames: readonly Name[];
  /** Empty non-terminals of the authoritative tree, in canonical order. */
  readonly emptyNonTerminals: readonly Name[];

  /**
   * @param origin the zone apex
   * @param records the zone's records; RRSIG and NSEC3 records are refused (keep them beside the index)
   * @throws RangeError when a record lies outside the zone, or is an RRSIG/NSEC3 (caller misuse)
   */
  constructor(origin: Name, records: Iterable<ResourceRecord>) {
    this.origin = origin;
    for (const rr of records) this.add(rr);
    for (const [key, node] of this.nodes) {
      if (node.rrsets.has(RRType.NS) && !node.name.equals(origin)) this.cutKeys.add(key);
    }
    const auth: Name[] = [];
    for (const node of this.nodes.values()) if (this.kindOfStored(node.name) !== 'occluded') auth.push(node.name);
    auth.sort((a, b) => a.compare(b));
    this.authoritativeNames = Object.freeze(auth);
    for (const name of auth) {
      for (let n = name; !n.equals(origin); ) {
        n = n.parent();
        const key = n.key();
        if (this.nodes.has(key)) continue;
        this.entKeys.set(key, n);
      }
    }
    this.emptyNonTerminals = Object.freeze([...this.entKeys.values()].sort((a, b) => a.compare(b)));
  }

  private add(rr: ResourceRecord): void {
    if (!rr.name.isSubdomainOf(this.origin)) {
      throw new RangeError(`record ${rr.name.toString()} is not in zone ${this.origin.toString()}`);
    }
    if (rr.type === RRType.RRSIG || rr.type === RRType.NSEC3) {
      throw new RangeError('RRSIG and NSEC3 records are kept beside the zone index, not in it');
    }
    const key = rr.name.key();
    let node = this.nodes.get(key);
    if (!node) {
      node = { name: rr.name, rrsets: new Map() };
      this.nodes.set(key, node);
    }
    let set = node.rrsets.get(rr.type);
    if (!set) {
      set = [];
      node.rrsets.set(rr.type, set);
    }
    // RFC 2181 §5: an RRset holds no duplicate records.
    if (!set.some((x) => sameBytes(x.rdata, rr.rdata))) set.push(rr);
  }

  private kindOfStored(name: Name): 'occluded' | 'delegation' | 'data' {
    const cut = this.cutAtOrAbove(name);
    if (!cut) return 'data';
    return cut.equals(name) ? 'delegation' : 'occluded';
  }

  /** The highest delegation point that is `name` or an ancestor of it, below the apex; undefined if none. */
  cutAtOrAbove(name: Name): Name | undefined {
    if (!name.isSubdomainOf(this.origin)) return undefined;
    const depth = this.origin.labelCount;
    for (let i = depth + 1; i <= name.labelCount; i++) {
      const n = name.suffix(i);
      if (this.cutKeys.has(n.key())) return n;
    }
    return undefined;
  }

  /** True when `name` is a delegation point of this zone. */
  isCut(name: Name): boolean {
    return this.cutKeys.has(name.key());
  }

  /** How `name` relates to this zone (see {@link NameKind}). */
  kindOf(name: Name): NameKind {
    if (!name.isSubdomainOf(this.origin)) return 'out-of-zone';
    const cut = this.cutAtOrAbove(name);
    if (cut && !cut.equals(name)) return 'occluded';
    if (cut) return 'delegation';
    if (this.nodes.has(name.key())) return 'data';
    if (this.entKeys.has(name.key())) return 'empty-non-terminal';
    return 'nonexistent';
  }

  /** True when `name` exists in the authoritative tree: it has data, is a delegation, or is an empty non-terminal. */
  exists(name: Name): boolean {
    const k = this.kindOf(name);
    return k === 'data' || k === 'delegation' || k === 'empty-non-terminal';
  }

  /** The node at `name` (any kind, glue included), if it has records. */
  node(name: Name): ZoneNode | undefined {
    return this.nodes.get(name.key());
  }

  /** The RRset of `type` at `name`, if any. */
  rrset(name: Name, type: number): readonly ResourceRecord[] | undefined {
    return this.nodes.get(name.key())?.rrsets.get(type);
  }

  /** Type numbers present at `name`, ascending. */
  typesAt(name: Name): number[] {
    const node = this.nodes.get(name.key());
    return node ? [...node.rrsets.keys()].sort((a, b) => a - b) : [];
  }

  /**
   * The closest encloser of `name` (RFC 5155 §1.3, RFC 4592 §3.3.1): its deepest ancestor-or-self
   * that exists in the zone. The apex always exists, so this is defined for every in-zone name.
   * @throws RangeError when `name` is outside the zone
   */
  closestEncloser(name: Name): Name {
    if (!name.isSubdomainOf(this.origin)) throw new RangeError(`${name.toString()} is not in zone ${this.origin.toString()}`);
    for (const n of name.ancestors()) {
      if (n.labelCount < this.origin.labelCount) break;
      if (n.labelCount === this.origin.labelCount || this.exists(n)) return n;
    }
    return this.origin;
  }

  /**
   * The DNAME that applies to `name`: a DNAME RRset at a strict ancestor of `name`, at or below
   * the apex, and not occluded (RFC 6672 §2.3). The highest such owner wins.
   */
  dnameAbove(name: Name): { owner: Name; rrset: readonly ResourceRecord[] } | undefined {
    for (let i = this.origin.labelCount; i < name.labelCount; i++) {
      const owner = name.suffix(i);
      if (this.cutKeys.has(owner.key())) return undefined;
      const rrset = this.rrset(owner, RRType.DNAME);
      if (rrset) return { owner, rrset };
    }
    return undefined;
  }

  /** Every record of the index, glue included, grouped by owner in canonical order. */
  *records(): Generator<ResourceRecord> {
    const names = [...this.nodes.values()].map((n) => n.name).sort((a, b) => a.compare(b));
    for (const name of names) {
      const node = this.nodes.get(name.key())!;
      for (const type of [...node.rrsets.keys()].sort((a, b) => a - b)) yield* node.rrsets.get(type)!;
    }
  }
}
