/**
 * Bounded reading and writing of DNS wire form (RFC 1035 §4.1).
 *
 * `WireReader` reads big-endian integers, byte strings and domain names from a window of a buffer;
 * every read checks the window and throws {@link DnsFormatError}, never a `RangeError`. Names may
 * follow compression pointers (RFC 1035 §4.1.4) only when the caller allows it, and every pointer
 * must point strictly before itself, so no input can make the reader loop.
 *
 * `WireWriter` appends to a growing buffer and can compress names against those it wrote before.
 */
import { DnsFormatError, type DnsFormatErrorCode } from './errors.ts';
import { MAX_NAME_WIRE_LENGTH, Name } from './name.ts';

/** RFC 1035 §4.1.4: a pointer is 14 bits, so only the first 16 KiB of a message can be a target. */
export const MAX_POINTER_TARGET = 0x3fff;
/**
 * Most pointers one name may follow. A legitimate name needs at most one pointer per label plus
 * one; a 255-octet name has at most 127 labels. Strictly backward pointers already terminate;
 * this bound caps the work at a small constant instead of the message size.
 */
export const MAX_POINTERS_PER_NAME = 128;
/** A DNS message is at most 65535 octets (TCP length prefix, RFC 1035 §4.2.2). */
export const MAX_MESSAGE_LENGTH = 0xffff;
/** Initial capacity of a {@link WireWriter}: a typical DNSSEC response fits without growing. */
export const WRITER_INITIAL_CAPACITY = 512;

const LABEL_TYPE_MASK = 0xc0;
const LABEL_TYPE_POINTER = 0xc0;

/** Reads DNS wire form from `buf[start, end)`; offsets are absolute indexes into `buf`. */
export class WireReader {
  /** Current read position (absolute). */
  offset: number;
  /** Compression pointers followed so far (lets a caller tell whether a name was compressed). */
  pointersFollowed = 0;

  /**
   * @param buf the whole buffer; compression pointers are resolved against it (the message)
   * @param start first octet of the window
   * @param end octet after the window; reads past it fail
   * @param overrunCode the error code of a read past `end`: `truncated` for a message,
   *   `rdata-length` for a record's RDATA (RDLENGTH shorter than its fields)
   * @param share return views into `buf` from `bytes`, `rest` and name labels instead of copies.
   *   Only for a buffer the caller owns and never changes (e.g. a private copy of a message):
   *   it saves one allocation per field on the decoding hot path.
   */
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end: number = buf.length,
    readonly overrunCode: DnsFormatErrorCode = 'truncated',
    readonly share = false,
  ) {
    if (start < 0 || end > buf.length || start > end) {
      throw new RangeError(`window [${start}, ${end}) outside a buffer of ${buf.length} octets`);
    }
    this.offset = start;
  }

  /** Octets left in the window. */
  get remaining(): number {
    return this.end - this.offset;
  }

  /** Throws unless `n` more octets are in the window. */
  need(n: number, field: string): void {
    if (this.end - this.offset < n) {
      throw new DnsFormatError(this.overrunCode, `needs ${n} octets, ${this.end - this.offset} left`, field);
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.buf[this.offset++]!;
  }

  u16(field: string): number {
    this.need(2, field);
    const b = this.buf, o = this.offset;
    this.offset = o + 2;
    return (b[o]! << 8) | b[o + 1]!;
  }

  u32(field: string): number {
    this.need(4, field);
    const b = this.buf, o = this.offset;
    this.offset = o + 4;
    return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
  }

  /** The next `n` octets: a copy, or a view when the reader was made with `share`. */
  bytes(n: number, field: string): Uint8Array {
    this.need(n, field);
    const o = this.offset;
    this.offset = o + n;
    return this.share ? this.buf.subarray(o, o + n) : this.buf.slice(o, o + n);
  }

  /** Everything left in the window: a copy, or a view when the reader was made with `share`. */
  rest(): Uint8Array {
    const o = this.offset;
    this.offset = this.end;
    return this.share ? this.buf.subarray(o, this.end) : this.buf.slice(o, this.end);
  }

  /**
   * Reads a domain name. With `allowCompression`, pointers are followed (RFC 1035 §4.1.4); each
   * must point strictly before itself (`pointer-loop` otherwise), and the labels reached through
   * them may lie anywhere earlier in the buffer. Without it, a pointer is `bad-pointer`
   * (RFC 3597 §4: only the RFC 1035 types may be compressed). The octets read in the window
   * itself (before the first pointer) are bounded by `end`.
   * @throws DnsFormatError truncated / rdata-length, bad-pointer, pointer-loop, bad-label-type,
   *   name-too-long
   */
  name(field: string, allowCompression: boolean): Name {
    const buf = this.buf;
    const labels: Uint8Array[] = [];
    let pos = this.offset;
    let limit = this.end; // labels in the window are bounded by it; after a pointer, by the pointer
    let afterFirstPointer = -1;
    let pointers = 0;
    let wireLength = 1;
    for (;;) {
      if (pos >= limit) throw this.nameOverrun(afterFirstPointer, field);
      const len = buf[pos]!;
      const kind = len & LABEL_TYPE_MASK;
      if (kind === LABEL_TYPE_POINTER) {
        if (!allowCompression) {
          throw new DnsFormatError('bad-pointer', `compression pointer at offset ${pos} where none is allowed`, field);
        }
        if (pos + 1 >= limit) throw this.nameOverrun(afterFirstPointer, field);
        const target = ((len & 0x3f) << 8) | buf[pos + 1]!;
        if (afterFirstPointer < 0) afterFirstPointer = pos + 2;
        // Strictly backwards: a pointer may not reach itself or anything after it, so every jump
        // lowers `pos` and the walk ends. RFC 1035 §4.1.4 only says "a prior occurrence".
        if (target >= pos) {
          throw new DnsFormatError('pointer-loop', `pointer at offset ${pos} to ${target} does not point backwards`, field);
        }
        this.pointersFollowed++;
        if (++pointers > MAX_POINTERS_PER_NAME) {
          throw new DnsFormatError('pointer-loop', `more than ${MAX_POINTERS_PER_NAME} compression pointers in one name`, field);
        }
        limit = pos;
        pos = target;
        continue;
      }
      if (kind !== 0) {
        // 0x40 (RFC 6891 §5 deprecates extended label types) and 0x80 (reserved).
        throw new DnsFormatError('bad-label-type', `label type 0x${kind.toString(16)} at offset ${pos}`, field);
      }
      if (len === 0) {
        pos += 1;
        break;
      }
      wireLength += len + 1;
      if (wireLength > MAX_NAME_WIRE_LENGTH) {
        throw new DnsFormatError('name-too-long', `name exceeds ${MAX_NAME_WIRE_LENGTH} octets`, field);
      }
      if (pos + 1 + len > limit) throw this.nameOverrun(afterFirstPointer, field);
      labels.push(this.share ? buf.subarray(pos + 1, pos + 1 + len) : buf.slice(pos + 1, pos + 1 + len));
      pos += 1 + len;
    }
    this.offset = afterFirstPointer >= 0 ? afterFirstPointer : pos;
    return labels.length === 0 ? Name.ROOT : new Name(labels);
  }

  private nameOverrun(afterFirstPointer: number, field: string): DnsFormatError {
    // Running off the window before any pointer is the window's fault (truncated message or short
    // RDATA); running into the pointer's own position after a jump means the target was not a
    // complete name before it.
    return afterFirstPointer < 0
      ? new DnsFormatError(this.overrunCode, 'name runs past the end', field)
      : new DnsFormatError('bad-pointer', 'compression pointer target is not a complete earlier name', field);
  }
}

/** Appends DNS wire form to a growing buffer. */
export class WireWriter {
  private buf: Uint8Array;
  private len = 0;
  /** Suffix key (exact label bytes) -> offset, for name compression. */
  private readonly names: Map<string, number> | undefined;

  /** @param compress record where names were written so later names can point to them */
  constructor(compress = false, capacity = WRITER_INITIAL_CAPACITY) {
    this.buf = new Uint8Array(capacity);
    this.names = compress ? new Map() : undefined;
  }

  /** Octets written so far. */
  get length(): number {
    return this.len;
  }

  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): void {
    this.grow(1);
    this.buf[this.len++] = v & 0xff;
  }

  u16(v: number): void {
    this.grow(2);
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }

  u32(v: number): void {
    this.grow(4);
    this.buf[this.len++] = (v >>> 24) & 0xff;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Overwrites a 16-bit value written earlier (e.g. RDLENGTH once RDATA is known). */
  patchU16(at: number, v: number): void {
    if (at < 0 || at + 2 > this.len) throw new RangeError(`patch at ${at} outside ${this.len} written octets`);
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }

  /**
   * Writes a name; with `compress` (and a writer made with compression on) the longest suffix
   * written before within the first 16 KiB becomes a pointer (RFC 1035 §4.1.4). Matching is
   * byte-exact, case included, so a decoder sees every name with the case it was given (servers
   * that match case-insensitively hand out the first occurrence's case instead).
   */
  name(name: Name, compress = false): void {
    const map = compress ? this.names : undefined;
    if (!map) {
      this.grow(name.wireLength);
      this.len = name.writeWire(this.buf, this.len);
      return;
    }
    const labels = name.labels;
    const keys = suffixKeys(name);
    for (let i = 0; i < labels.length; i++) {
      const target = map.get(keys[i]!);
      if (target !== undefined) {
        this.u16(0xc000 | target);
        return;
      }
      if (this.len <= MAX_POINTER_TARGET) map.set(keys[i]!, this.len);
      const l = labels[i]!;
      this.u8(l.length);
      this.bytes(l);
    }
    this.u8(0);
  }

  /** A copy of the octets written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Keys for each suffix of a name, longest first: exact label bytes joined unambiguously. */
function suffixKeys(name: Name): string[] {
  const labels = name.labels;
  const keys = new Array<string>(labels.length);
  let acc = '';
  for (let i = labels.length - 1; i >= 0; i--) {
    let s = '';
    for (const b of labels[i]!) s += String.fromCharCode(b);
    // A length prefix keeps labels unambiguous even when they contain any byte.
    acc = String.fromCharCode(s.length) + s + acc;
    keys[i] = acc;
  }
  return keys;
}
