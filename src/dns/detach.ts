/**
 * Records for long-lived caches, and what they cost in memory.
 *
 * A decoded message's names and RDATA are views into one private copy of the whole message
 * (message.ts), so a single record kept from it keeps the whole message alive: up to 64 KiB from a
 * TCP answer padded by whoever controls the zone. Caches that keep records beyond the lookup
 * (proven answers, zone keys, DS records) keep detached copies, whose octets are their own; caches
 * that keep whole messages count the messages' octets. Both use {@link retainedOctets}, an upper
 * estimate calibrated on Node 20 (`npm run bench:dane` prints the heap a full cache really holds).
 */
import { Name } from './name.ts';
import { recordFromRdata } from './rdata/index.ts';
import type { ResourceRecord } from './record.ts';

/** Object and map-slot costs, in octets (V8, 64-bit; a typed-array view costs ~100 with its header). */
const RECORD_OVERHEAD = 450;
const LABEL_OVERHEAD = 128;

/** `name` with its labels in one small buffer of its own. */
export function detachName(name: Name): Name {
  if (name.isRoot) return Name.ROOT;
  const buf = new Uint8Array(name.wireLength);
  const labels: Uint8Array[] = [];
  let at = 0;
  for (const l of name.labels) {
    buf.set(l, at);
    labels.push(buf.subarray(at, at + l.length));
    at += l.length;
  }
  return new Name(labels);
}

/** Detached names by their exact (case-preserving) text: the owners of one RRset and its RRSIGs are one name. */
export type DetachedNames = Map<string, Name>;

/** {@link detachName}, one copy per distinct name in `names`. */
export function detachNameOnce(name: Name, names: DetachedNames): Name {
  const text = name.toString();
  let copy = names.get(text);
  if (!copy) names.set(text, (copy = detachName(name)));
  return copy;
}

/** A copy of `rr` that shares no octets with the message it came from (its RDATA decoded again, alone). */
export function detachRecord<R extends ResourceRecord>(rr: R, names: DetachedNames = new Map()): R {
  return recordFromRdata(detachNameOnce(rr.name, names), rr.type, rr.class, rr.ttl, rr.rdata) as R;
}

export function detachRecords<R extends ResourceRecord>(records: readonly R[], names: DetachedNames = new Map()): R[] {
  return records.map((rr) => detachRecord(rr, names));
}

/**
 * {@link detachRecords}, or the records as they are when one does not decode alone again (it did
 * inside its message; a codec that judged it otherwise alone must not turn a proof into an error).
 */
export function detachedOrSame<R extends ResourceRecord>(records: readonly R[]): readonly R[] {
  try {
    return detachRecords(records);
  } catch {
    return records;
  }
}

/**
 * What keeping `records` keeps alive, in octets: object overheads plus every distinct buffer their
 * names and RDATA are views into, counted whole (a record detached or decoded alone counts its own
 * few octets; one kept from a message counts the message).
 */
export function retainedOctets(records: readonly ResourceRecord[], buffers = new Set<ArrayBufferLike>()): number {
  let n = 0;
  for (const rr of records) {
    n += RECORD_OVERHEAD;
    // A name shared by several records (detachNameOnce) is counted once, by its labels' buffer.
    if (!buffers.has(rr.name.labels[0]?.buffer ?? rr.rdata.buffer)) n += rr.name.labels.length * LABEL_OVERHEAD;
    for (const b of [rr.rdata.buffer, ...rr.name.labels.map((l) => l.buffer)]) {
      if (!buffers.has(b)) {
        buffers.add(b);
        n += b.byteLength;
      }
    }
  }
  return n;
}
