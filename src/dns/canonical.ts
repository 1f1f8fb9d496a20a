/**
 * Canonical form of RDATA and canonical RRset order (RFC 4034 §6.2, §6.3; RFC 6840 §5.1).
 *
 * Works on RDATA bytes (uncompressed wire form, as `ResourceRecord.rdata` holds them), never on a
 * re-encoding of the structured fields: what is signed is what was received.
 */
import { DnsFormatError } from './errors.ts';
import { asciiLower } from './name.ts';
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

/** True when canonical form of this type's RDATA may differ from its wire form. */
export function hasCanonicalNames(type: number): boolean {
  return LAYOUTS.has(type) || type === A6;
}

/** Lower-cases the uncompressed name at `offset` in place; returns the offset after it. */
function lowerNameAt(buf: Uint8Array, offset: number, type: number): number {
  let o = offset;
  for (let guard = 0; guard < 128; guard++) {
    if (o >= buf.length) break;
    const len = buf[o]!;
    if (len === 0) return o + 1;
    if (len > 63) throw new DnsFormatError('bad-field', `compressed or invalid label in canonical RDATA of type ${type}`);
    const end = o + 1 + len;
    if (end > buf.length) break;
    for (let i = o + 1; i < end; i++) buf[i] = asciiLower(buf[i]!);
    o = end;
  }
  throw new DnsFormatError('truncated', `name runs past the RDATA of type ${type}`);
}

function walk(buf: Uint8Array, type: number, layout: readonly Field[]): void {
  let o = 0;
  for (const f of layout) {
    if (f === 'name') o = lowerNameAt(buf, o, type);
    else if (f === 'string') {
      if (o >= buf.length) throw new DnsFormatError('truncated', `character-string runs past the RDATA of type ${type}`);
      o += 1 + buf[o]!;
    } else if (f === 'rest') o = buf.length;
    else o += f;
    if (o > buf.length) throw new DnsFormatError('truncated', `RDATA of type ${type} is too short`);
  }
  if (o !== buf.length) throw new DnsFormatError('trailing-data', `RDATA of type ${type} has ${buf.length - o} octets too many`);
}

/**
 * Canonical RDATA (RFC 4034 §6.2 item 3, RFC 6840 §5.1): names inside the RDATA lower-cased for the
 * listed types only. Returns the input itself when nothing changes (no copy on the hot path).
 * @throws DnsFormatError when the RDATA does not fit the type's layout
 */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  if (type === A6) return canonicalA6(rdata);
  const layout = LAYOUTS.get(type);
  if (!layout) return rdata;
  const out = rdata.slice();
  walk(out, type, layout);
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
  const out = rdata.slice();
  const end = lowerNameAt(out, start, A6);
  if (end !== out.length) throw new DnsFormatError('trailing-data', 'A6 RDATA has trailing octets');
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

/**
 * The canonical RDATA of an RRset, sorted (RFC 4034 §6.3) and with exact duplicates removed.
 * This is the RDATA sequence that RRSIG signed data is built from (RFC 4034 §3.1.8.1).
 */
export function canonicalRdataSet(rrset: readonly ResourceRecord[]): Uint8Array[] {
  const all = rrset.map((rr) => canonicalRdata(rr.type, rr.rdata));
  all.sort(compareBytes);
  const out: Uint8Array[] = [];
  for (const r of all) {
    const last = out[out.length - 1];
    if (last === undefined || compareBytes(last, r) !== 0) out.push(r);
  }
  return out;
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
