/**
 * Plans the authenticated denial chain of a zone: which NSEC (RFC 4034 §4, RFC 4035 §2.3) or NSEC3
 * (RFC 5155 §7.1) records it holds, with their owners, next pointers and type bitmaps. Building the
 * records and signing them is the signer's job; this file only decides what they say.
 *
 * Vocabulary: an *insecure delegation* is a delegation point without a DS RRset; under NSEC3
 * opt-out those, and the empty non-terminals that exist only because of them, get no NSEC3.
 */
import type { Name } from '../../dns/name.ts';
import { RRType } from '../../dns/iana/rr-types.ts';
import type { ZoneIndex } from './zone-index.ts';
import { hashedLabel, type Nsec3Params } from './nsec3-names.ts';

/** One NSEC record to be: owner, next owner, types present at the owner. */
export interface NsecPlan {
  readonly owner: Name;
  readonly next: Name;
  readonly types: number[];
}

/** One NSEC3 record to be: hashed owner label, next hash (both lower-case base32hex), types, the name hashed. */
export interface Nsec3Plan {
  readonly hash: string;
  readonly nextHash: string;
  readonly types: number[];
  /** The original owner name (for break knobs addressed by name, and for tests). */
  readonly original: Name;
  /** RFC 5155 §3.1.2.1: the opt-out flag (bit 0 of the flags field). */
  readonly optOut: boolean;
}

/**
 * Types at a name as its NSEC/NSEC3 bitmap lists them (RFC 4035 §2.3, RFC 5155 §3.2):
 * at a delegation only NS and DS are the parent's; RRSIG when any RRset at the name is signed,
 * i.e. at every authoritative name except an insecure delegation (whose NS is not signed).
 */
function ownedTypes(index: ZoneIndex, name: Name): number[] {
  const present = index.typesAt(name);
  if (!index.isCut(name)) return [...present, RRType.RRSIG];
  const out: number[] = [RRType.NS];
  if (present.includes(RRType.DS)) out.push(RRType.DS, RRType.RRSIG);
  return out;
}

function sortTypes(types: number[]): number[] {
  return [...new Set(types)].sort((a, b) => a - b);
}

/** True for a delegation point without DS. */
export function isInsecureDelegation(index: ZoneIndex, name: Name): boolean {
  return index.isCut(name) && index.rrset(name, RRType.DS) === undefined;
}

/**
 * The NSEC chain (RFC 4035 §2.3): one NSEC per authoritative name, delegation points included,
 * glue and empty non-terminals excluded; in canonical order, the last one pointing back to the apex.
 */
export function planNsecChain(index: ZoneIndex): NsecPlan[] {
  const names = index.authoritativeNames;
  return names.map((owner, i) => ({
    owner,
    next: names[(i + 1) % names.length]!,
    // The NSEC RRset itself is present and signed at every owner.
    types: sortTypes([...ownedTypes(index, owner), RRType.NSEC, RRType.RRSIG]),
  }));
}

/**
 * The NSEC3 chain (RFC 5155 §7.1): one NSEC3 per authoritative name and per empty non-terminal,
 * sorted by hash, each pointing to the next hash and the last to the first. With `optOut`, insecure
 * delegations are left out, and so are empty non-terminals that have only those below them; every
 * record then has the opt-out flag set (RFC 5155 §6).
 */
export function planNsec3Chain(index: ZoneIndex, params: Nsec3Params, optOut: boolean): Nsec3Plan[] {
  const included: Name[] = [];
  const seen = new Set<string>();
  const include = (n: Name) => {
    const k = n.key();
    if (seen.has(k)) return;
    seen.add(k);
    included.push(n);
  };
  for (const name of index.authoritativeNames) {
    if (optOut && isInsecureDelegation(index, name)) continue;
    // The name and every empty non-terminal between it and the apex.
    for (let n = name; ; n = n.parent()) {
      include(n);
      if (n.equals(index.origin)) break;
    }
  }
  const entries = included.map((original) => ({
    original,
    hash: hashedLabel(original, params),
    types: index.exists(original) && index.node(original) ? sortTypes(ownedTypes(index, original)) : [],
  }));
  entries.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  return entries.map((e, i) => ({ ...e, nextHash: entries[(i + 1) % entries.length]!.hash, optOut }));
}
