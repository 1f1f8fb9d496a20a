/**
 * Domain names as arrays of byte labels (RFC 1035 §3.1).
 *
 * A label is kept as the exact bytes it had on the wire or in escaped text: no UTF-8 round trip,
 * no splitting on a `.` inside a label. Case is preserved; comparisons fold ASCII A-Z only
 * (RFC 4343), never any other byte.
 */
import { DnsFormatError } from './errors.ts';

/** RFC 1035 §2.3.4: a label is at most 63 octets. */
export const MAX_LABEL_LENGTH = 63;
/** RFC 1035 §2.3.4: a name is at most 255 octets in wire form, counting length bytes and the root. */
export const MAX_NAME_WIRE_LENGTH = 255;

const EMPTY_LABELS: readonly Uint8Array[] = Object.freeze([]);

/** Lower-cases ASCII A-Z only (RFC 4034 §6.2, RFC 4343 §3). */
export function asciiLower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

/** Compares two labels as RFC 4034 §6.1 orders them: case-folded bytes, shorter first on a common prefix. */
export function compareLabels(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = asciiLower(a[i]!) - asciiLower(b[i]!);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * Case-insensitive label equality (RFC 4343): folds only where the bytes differ, so labels of the
 * same case (the usual case) compare at the cost of a plain byte loop.
 */
function labelsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) {
    const x = a[i]!, y = b[i]!;
    if (x !== y && asciiLower(x) !== asciiLower(y)) return false;
  }
  return true;
}

// Characters that must be escaped in presentation form (RFC 1035 §5.1 plus zone-file specials).
const SPECIAL = new Set([0x2e, 0x3b, 0x5c, 0x28, 0x29, 0x22, 0x40, 0x24]); // . ; \ ( ) " @ $

/** Prints one label in presentation form with RFC 1035 escapes. */
export function formatLabel(label: Uint8Array): string {
  let s = '';
  for (const b of label) {
    if (SPECIAL.has(b)) s += '\\' + String.fromCharCode(b);
    else if (b > 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += '\\' + b.toString().padStart(3, '0');
  }
  return s;
}

/** An immutable, absolute domain name. */
export class Name {
  /** The root name, `.`. */
  static readonly ROOT = new Name(EMPTY_LABELS);

  /** Labels from left (most specific) to right; the root label is implied, never stored. */
  readonly labels: readonly Uint8Array[];
  /** Octets this name occupies in uncompressed wire form. */
  readonly wireLength: number;
  /** {@link key}, once asked for. */
  #key: string | undefined;

  /**
   * Builds a name from labels, checking the RFC 1035 length limits.
   * @throws DnsFormatError `label-too-long`, `name-too-long` or `name-syntax` (empty label)
   */
  constructor(labels: readonly Uint8Array[]) {
    let len = 1;
    for (const l of labels) {
      if (l.length === 0) throw new DnsFormatError('name-syntax', 'empty label inside a name');
      if (l.length > MAX_LABEL_LENGTH) {
        throw new DnsFormatError('label-too-long', `label of ${l.length} octets exceeds ${MAX_LABEL_LENGTH}`);
      }
      len += l.length + 1;
    }
    if (len > MAX_NAME_WIRE_LENGTH) {
      throw new DnsFormatError('name-too-long', `name of ${len} octets exceeds ${MAX_NAME_WIRE_LENGTH}`);
    }
    this.labels = labels === EMPTY_LABELS ? labels : Object.freeze(labels.slice());
    this.wireLength = len;
  }

  /**
   * Parses a name in presentation form with RFC 1035 §5.1 escapes (`\.`, `\\`, `\DDD`).
   * A name without a trailing dot is relative to `origin` (default: the root).
   * Only printable ASCII is accepted unescaped: write other bytes as `\DDD` and IDNs as A-labels.
   * @throws DnsFormatError on bad syntax or length
   */
  static parse(text: string, origin: Name = Name.ROOT): Name {
    if (text === '.') return Name.ROOT;
    if (text === '') throw new DnsFormatError('name-syntax', 'empty name');
    if (text === '@') return origin;
    const labels: Uint8Array[] = [];
    let cur: number[] = [];
    let absolute = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2e) {
        if (cur.length === 0) throw new DnsFormatError('name-syntax', `empty label in "${text}"`);
        labels.push(Uint8Array.from(cur));
        cur = [];
        if (i === text.length - 1) absolute = true;
      } else if (c === 0x5c) {
        const next = text.charCodeAt(i + 1);
        if (Number.isNaN(next)) throw new DnsFormatError('name-syntax', `dangling backslash in "${text}"`);
        if (next >= 0x30 && next <= 0x39) {
          const ddd = text.slice(i + 1, i + 4);
          if (!/^[0-9]{3}$/.test(ddd)) throw new DnsFormatError('name-syntax', `\\DDD escape needs three digits in "${text}"`);
          const v = Number(ddd);
          if (v > 255) throw new DnsFormatError('name-syntax', `\\${ddd} is above 255 in "${text}"`);
          cur.push(v);
          i += 3;
        } else {
          if (next > 0x7e || next < 0x20) throw new DnsFormatError('name-syntax', `non-ASCII escaped character in "${text}"`);
          cur.push(next);
          i += 1;
        }
      } else if (c > 0x20 && c < 0x7f) {
        cur.push(c);
      } else {
        throw new DnsFormatError('name-syntax', `character U+${c.toString(16).padStart(4, '0')} must be written as \\DDD (IDNs as A-labels) in "${text}"`);
      }
      if (cur.length > MAX_LABEL_LENGTH) {
        throw new DnsFormatError('label-too-long', `label of more than ${MAX_LABEL_LENGTH} octets in "${text}"`);
      }
    }
    if (!absolute) {
      labels.push(Uint8Array.from(cur));
      return new Name([...labels, ...origin.labels]);
    }
    return new Name(labels);
  }

  /** Builds a name from its ASCII labels without escape processing (test and internal convenience). */
  static fromLabels(labels: readonly (string | Uint8Array)[]): Name {
    return new Name(labels.map((l) => (typeof l === 'string' ? Uint8Array.from(l, (ch) => ch.charCodeAt(0) & 0xff) : l)));
  }

  /** Number of labels, not counting the root (RFC 4034 §3.1.3 counts a leading `*` separately: see {@link rrsigLabelCount}). */
  get labelCount(): number {
    return this.labels.length;
  }

  /** Number of labels as an RRSIG Labels field counts them: without the root and without a leading `*` (RFC 4034 §3.1.3). */
  get rrsigLabelCount(): number {
    return this.isWildcard ? this.labels.length - 1 : this.labels.length;
  }

  get isRoot(): boolean {
    return this.labels.length === 0;
  }

  /** True when the left-most label is exactly `*` (RFC 4592). */
  get isWildcard(): boolean {
    const l = this.labels[0];
    return l !== undefined && l.length === 1 && l[0] === 0x2a;
  }

  /** The name one label up; the root's parent is an error. */
  parent(): Name {
    if (this.isRoot) throw new RangeError('the root has no parent');
    return new Name(this.labels.slice(1));
  }

  /** The right-most `count` labels of this name (count 0 gives the root). */
  suffix(count: number): Name {
    if (!Number.isInteger(count) || count < 0 || count > this.labels.length) {
      throw new RangeError(`suffix(${count}) of a name with ${this.labels.length} labels`);
    }
    return count === this.labels.length ? this : new Name(this.labels.slice(this.labels.length - count));
  }

  /** This name and each ancestor up to and including the root, most specific first. */
  *ancestors(): Generator<Name> {
    for (let i = this.labels.length; i >= 0; i--) yield this.suffix(i);
  }

  /** A child name: `label` prepended (a string is taken as raw ASCII bytes, not escaped text). */
  child(label: string | Uint8Array): Name {
    const l = typeof label === 'string' ? Uint8Array.from(label, (ch) => ch.charCodeAt(0) & 0xff) : label;
    return new Name([l, ...this.labels]);
  }

  /** `*.` + this name. */
  wildcard(): Name {
    return this.child('*');
  }

  /** Case-insensitive equality (RFC 4343). */
  equals(other: Name): boolean {
    if (this === other) return true;
    if (this.labels.length !== other.labels.length || this.wireLength !== other.wireLength) return false;
    for (let i = 0; i < this.labels.length; i++) if (!labelsEqual(this.labels[i]!, other.labels[i]!)) return false;
    return true;
  }

  /** True when this name is `other` or below it. */
  isSubdomainOf(other: Name): boolean {
    const d = this.labels.length - other.labels.length;
    if (d < 0) return false;
    for (let i = 0; i < other.labels.length; i++) if (!labelsEqual(this.labels[d + i]!, other.labels[i]!)) return false;
    return true;
  }

  /** Number of right-most labels this name shares with `other`. */
  commonLabelCount(other: Name): number {
    let n = 0;
    const a = this.labels, b = other.labels;
    while (n < a.length && n < b.length && labelsEqual(a[a.length - 1 - n]!, b[b.length - 1 - n]!)) n++;
    return n;
  }

  /**
   * Canonical DNS name order (RFC 4034 §6.1): compare right-most labels first, each as
   * case-folded octet strings; a name sorts before its descendants. Returns <0, 0 or >0.
   */
  compare(other: Name): number {
    const a = this.labels, b = other.labels;
    const n = Math.min(a.length, b.length);
    for (let i = 1; i <= n; i++) {
      const d = compareLabels(a[a.length - i]!, b[b.length - i]!);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  }

  /** The same name with ASCII A-Z folded to lower case (RFC 4034 §6.2). */
  toLowerCase(): Name {
    let changed = false;
    const out = this.labels.map((l) => {
      if (!l.some((b) => b >= 0x41 && b <= 0x5a)) return l;
      changed = true;
      return l.map(asciiLower);
    });
    return changed ? new Name(out) : this;
  }

  /** Uncompressed wire form. */
  toWire(): Uint8Array {
    const out = new Uint8Array(this.wireLength);
    this.writeWire(out, 0, false);
    return out;
  }

  /** Uncompressed wire form with ASCII lower-cased: the canonical form of RFC 4034 §6.2. */
  toCanonicalWire(): Uint8Array {
    const out = new Uint8Array(this.wireLength);
    this.writeWire(out, 0, true);
    return out;
  }

  /** Writes the uncompressed wire form into `out` at `offset`; returns the offset after it. */
  writeWire(out: Uint8Array, offset: number, lowerCase = false): number {
    let o = offset;
    const ls = this.labels;
    for (let i = 0; i < ls.length; i++) {
      const l = ls[i]!;
      out[o++] = l.length;
      // a byte loop: labels are short, and TypedArray#set costs more below ~24 octets (measured)
      if (lowerCase) for (let j = 0; j < l.length; j++) out[o++] = asciiLower(l[j]!);
      else for (let j = 0; j < l.length; j++) out[o++] = l[j]!;
    }
    out[o++] = 0;
    return o;
  }

  /** Presentation form with RFC 1035 escapes and a trailing dot. */
  toString(): string {
    if (this.isRoot) return '.';
    let s = '';
    for (const l of this.labels) s += formatLabel(l) + '.';
    return s;
  }

  /** Lower-case presentation form: a key for maps that must be case-insensitive. */
  key(): string {
    // Computed once per name: the caches look names up by key on every warm lookup.
    return (this.#key ??= this.toLowerCase().toString());
  }

}
