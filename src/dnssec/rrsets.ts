/**
 * Groups the records of a response section into RRsets with the RRSIGs that cover them
 * (RFC 4035 §3.1.3, §5.3): an RRSIG belongs to the RRset with its owner, class and type covered.
 */
import type { Name } from '../dns/name.ts';
import { RRClass, RRType } from '../dns/iana/rr-types.ts';
import { isType, type RecordOf, type ResourceRecord } from '../dns/record.ts';
import { canonicalRdata } from '../dns/canonical.ts';
import { toHex } from '../dns/encoding.ts';

export type RRSIGRecord = RecordOf<typeof RRType.RRSIG>;

/** One RRset and the signatures over it found beside it. */
export interface SignedRRset {
  readonly name: Name;
  readonly type: number;
  readonly records: ResourceRecord[];
  readonly rrsigs: RRSIGRecord[];
}

function key(name: Name, type: number): string {
  return `${name.key()}|${type}`;
}

/** The identity of a record within its RRset: its canonical RDATA (RFC 4034 §6.2), as a string key. */
function rdataKey(rr: ResourceRecord): string {
  let bytes: Uint8Array;
  try {
    bytes = canonicalRdata(rr.type, rr.rdata);
  } catch {
    bytes = rr.rdata; // malformed RDATA never verifies; it is at least not equal to a good record
  }
  return toHex(bytes);
}

/**
 * Splits records into RRsets (by owner, type and class), each with its covering RRSIGs. RRSIGs with
 * no RRset are kept apart. Duplicates (equal canonical RDATA) are dropped, keeping the first: an
 * RRset holds no two equal records (RFC 2181 §5, RFC 4034 §6.3), so the records a lookup returns are
 * exactly the set whose signature was verified.
 *
 * Only class IN records are kept: the validator asks IN questions only, and a record of another
 * class (RFC 1035 §3.2.4) answers none of them. Kept, a CH copy of an RRset placed first would be
 * taken for the answer (bogus in a signed zone, foreign data in an unsigned one).
 */
export function groupRRsets(records: readonly ResourceRecord[]): { rrsets: SignedRRset[]; orphanRrsigs: RRSIGRecord[] } {
  const map = new Map<string, SignedRRset>();
  const seen = new Set<string>();
  const sigs: RRSIGRecord[] = [];
  for (const rr of records) {
    if (rr.class !== RRClass.IN) continue;
    const k = `${key(rr.name, rr.type)}|${rr.class}`;
    const id = `${k}|${rdataKey(rr)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (isType(rr, RRType.RRSIG)) {
      sigs.push(rr);
      continue;
    }
    let set = map.get(k);
    if (!set) map.set(k, (set = { name: rr.name, type: rr.type, records: [], rrsigs: [] }));
    set.records.push(rr);
  }
  const orphanRrsigs: RRSIGRecord[] = [];
  for (const sig of sigs) {
    const set = map.get(`${key(sig.name, sig.data.typeCovered)}|${sig.class}`);
    if (set) set.rrsigs.push(sig);
    else orphanRrsigs.push(sig);
  }
  return { rrsets: [...map.values()], orphanRrsigs };
}

/** The RRset of `type` owned by `name`, if present. */
export function findRRset(rrsets: readonly SignedRRset[], name: Name, type: number): SignedRRset | undefined {
  return rrsets.find((s) => s.type === type && s.name.equals(name));
}
