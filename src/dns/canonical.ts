/**
 * Canonical form of RDATA and canonical RRset order (RFC 4034 §6.2, §6.3; RFC 6840 §5.1).
 *
 * Works on RDATA bytes (uncompressed wire form, as `ResourceRecord.rdata` holds them), never on a
 * re-encoding of the structured fields: what is signed is what was received.
 */
import { DnsFormatError } from './errors.ts';
import type { ResourceRecord } from './record.ts';

/** A field of an RDATA layout: fixed octets, a domain name, a character-string, or the rest. */
type Field = number | 'name' | 'string' | 'rest';

/**
 * Types whose RDATA names are lower-cased in canonical form: RFC 4034 §6.2 item 3 as amended by
 * RFC 6840 §5.1 (NSEC removed: its next name keeps its case; HINFO listed but holds no names).
 * Every other type, known or not, is canonical as it stands (RFC 3597 §7).
 */
const LAYOUTS: ReadonlyMap<number, readonly Field[]> = new Map<number, readonly Field[]>([
  [2, ['name']], // NS
  [3, ['name']], // MD
  [4, ['name']], // MF
  [5, ['name']], // CNAME
  [6, ['name', 'name', 20]], // SOA
  [7, ['name']], // MB
  [8, ['name']], // MG
  [9, ['name']], // MR
  [12, ['name']], // PTR
  [14, ['name', 'name']], // MINFO
  [15, [2, 'name']], // MX
  [17, ['name', 'name']], // RP
  [18, [2, 'name']], // AFSDB
  [21, [2, 'name']], // RT
  [24, [18, 'name', 'rest']], // SIG
  [26, [2, 'name', 'name']], // PX
  [30, ['name', 'rest']], // NXT
  [33, [6, 'name']], // SRV
  [35, [2, 2, 'string', 'string', 'string', 'name']], // NAPTR
  [36, [2, 'name']], // KX
  [39, ['name']], // DNAME
  [46, [18, 'name', 'rest']], // RRSIG
]);

const A6 = 38;

/** LAYOUTS as an array indexed by type: an array read instead of a Map lookup per record. */
const LAYOUT_BY_TYPE: readonly (readonly Field[] | undefined)[] = Array.from(
  { length: Math.max(...LAYOUTS.keys()) + 1 },
  (_, type) => LAYOUTS.get(type),
);

/** True when canonical form of this type's RDATA may differ from its wire form. */
export function hasCanonicalNames(type: number): boolean {
  return LAYOUTS.has(type) || type === A6;
}

/** Most labels an RDATA name can have: a name is at most 255 octets (RFC 1035 §2.3.4). */
const MAX_NAME_LABELS = 128;

/**
 * Checks the uncompressed name at `offset`; lower-cases it in place when `lower` is set.
 * Returns the offset after it, negated when the name holds an ASCII capital (so a read-only pass
 * can tell whether a copy is needed at all).
 */
function nameAt(buf: Uint8Array, offset: number, type: number, lower: boolean): number {
  let o = offset;
  let upper = false;
  for (let guard = 0; guard < MAX_NAME_LABELS; guard++) {
    if (o >= buf.length) break;
    const len = buf[o]!;
    if (len === 0) return upper ? -(o + 1) : o + 1;
    if (len > 63) throw new DnsFormatError('bad-field', `compressed or invalid label in canonical RDATA of type ${type}`);
    const end = o + 1 + len;
    if (end > buf.length) break;
    for (let i = o + 1; i < end; i++) {
      const b = buf[i]!;
      if (b >= 0x41 && b <= 0x5a) {
        upper = true;
        if (lower) buf[i] = b | 0x20;
      }
    }
    o = end;
  }
  throw new DnsFormatError('truncated', `name runs past the RDATA of type ${type}`);
}

/**
 * Walks an RDATA layout, checking that it fits exactly; lower-cases its names in place when
 * `lower` is set. Returns true when a name held an ASCII capital.
 */
function walk(buf: Uint8Array, type: number, layout: readonly Field[], lower: boolean): boolean {
  let o = 0;
  let upper = false;
  for (let k = 0; k < layout.length; k++) {
    const f = layout[k]!;
    if (f === 'name') {
      o = nameAt(buf, o, type, lower);
      if (o < 0) {
        upper = true;
        o = -o;
      }
    } else if (f === 'string') {
      if (o >= buf.length) throw new DnsFormatError('truncated', `character-string runs past the RDATA of type ${type}`);
      o += 1 + buf[o]!;
    } else if (f === 'rest') o = buf.length;
    else o += f;
    if (o > buf.length) throw new DnsFormatError('truncated', `RDATA of type ${type} is too short`);
  }
  if (o !== buf.length) throw new DnsFormatError('trailing-data', `RDATA of type ${type} has ${buf.length - o} octets too many`);
  return upper;
}

/**
 * Canonical RDATA (RFC 4034 §6.2 item 3, RFC 6840 §5.1): names inside the RDATA lower-cased for the
 * listed types only. Returns the input itself when it is already canonical (no copy on the hot
 * path: a read-only pass checks the layout and looks for capitals first); otherwise a lower-cased
 * copy, never touching the input. Treat the result as read-only.
 * @throws DnsFormatError when the RDATA does not fit the type's layout
 */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  if (type === A6) return canonicalA6(rdata);
  const layout = type < LAYOUT_BY_TYPE.length ? LAYOUT_BY_TYPE[type] : undefined;
  if (!layout) return rdata;
  if (!walk(rdata, type, layout, false)) return rdata;
  const out = rdata.slice();
  walk(out, type, layout, true);
  return out;
}

// RFC 2874 §3.1: prefix length (0..128), address suffix of ceil((128 - P) / 8) octets, prefix name if P > 0.
function canonicalA6(rdata: Uint8Array): Uint8Array {
  const p = rdata[0];
  if (p === undefined || p > 128) throw new DnsFormatError('bad-field', 'A6 prefix length');
  const start = 1 + Math.ceil((128 - p) / 8);
  if (p === 0) {
    if (rdata.length !== start) throw new DnsFormatError('rdata-length', 'A6 RDATA length');
    return rdata;
  }
  const end = nameAt(rdata, start, A6, false);
  if (Math.abs(end) !== rdata.length) throw new DnsFormatError('trailing-data', 'A6 RDATA has trailing octets');
  if (end > 0) return rdata;
  const out = rdata.slice();
  nameAt(out, start, A6, true);
  return out;
}

/** Compares octet strings as RFC 4034 §6.3 orders RDATA: left-justified, shorter first on a common prefix. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** RRsets up to this size are sorted by insertion (no comparator calls through Array.prototype.sort). */
const INSERTION_SORT_MAX = 16;

/** Sorts `a` in place by {@link compareBytes}. */
function sortRdatas(a: Uint8Array[]): void {
  if (a.length > INSERTION_SORT_MAX) {
    a.sort(compareBytes);
    return;
  }
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && compareBytes(a[j]!, x) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/**
 * The canonical RDATA of an RRset, sorted (RFC 4034 §6.3) and with exact duplicates removed.
 * This is the RDATA sequence that RRSIG signed data is built from (RFC 4034 §3.1.8.1).
 * Elements are the records' own RDATA arrays where already canonical: treat them as read-only.
 */
export function canonicalRdataSet(rrset: readonly ResourceRecord[]): Uint8Array[] {
  const all: Uint8Array[] = [];
  for (let i = 0; i < rrset.length; i++) {
    const rr = rrset[i]!;
    all.push(canonicalRdata(rr.type, rr.rdata));
  }
  if (all.length < 2) return all;
  sortRdatas(all);
  // drop exact duplicates in place (they are adjacent once sorted)
  let k = 1;
  for (let i = 1; i < all.length; i++) {
    const r = all[i]!;
    if (compareBytes(all[k - 1]!, r) !== 0) all[k++] = r;
  }
  if (k !== all.length) all.length = k;
  return all;
}

/** The RRset's records in canonical order (by canonical RDATA), exact duplicates removed (RFC 4034 §6.3). */
export function canonicalRRset<R extends ResourceRecord>(rrset: readonly R[]): R[] {
  const keyed = rrset.map((rr) => ({ rr, c: canonicalRdata(rr.type, rr.rdata) }));
  keyed.sort((x, y) => compareBytes(x.c, y.c));
  const out: R[] = [];
  let prev: Uint8Array | undefined;
  for (const { rr, c } of keyed) {
    if (prev === undefined || compareBytes(prev, c) !== 0) out.push(rr);
    prev = c;
  }
  return out;
}
