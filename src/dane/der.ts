/**
 * Just enough DER (X.690 §8.1, §10.1) to find byte ranges in a certificate: the tag, length and
 * extent of one element, read without recursion and without decoding any value.
 *
 * Why by hand: TLSA selector 1 hashes the SubjectPublicKeyInfo exactly as the certificate encodes
 * it, so it must be cut out, never re-encoded (node's X509Certificate only re-encodes the key).
 * asn1js did the cut by parsing the whole certificate into objects, and cost ~40 ms of start-up
 * for every process that imports the library (issue #19) plus a full parse per certificate. This
 * reads a handful of headers. Checked against asn1js on a million generated certificates
 * (`npm run fuzz -- --target certs`, test/dane/der.test.ts).
 *
 * Strict where a certificate must be DER: definite lengths only, in the fewest octets; tags of
 * any number are read (so that any field can be skipped).
 */

/** One element: its first tag octet (class, constructed bit, low tag number) and where it lies. */
export interface DerElement {
  /** The first identifier octet, e.g. 0x30 for SEQUENCE, 0xa0 for [0] constructed. */
  readonly tag: number;
  /** Offset of the first identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just past the last content octet. */
  readonly end: number;
}

/** The SEQUENCE tag (universal, constructed, 16). */
export const DER_SEQUENCE = 0x30;
/** Length octets after the first in the long form: 4 reach 4 GiB, far past any certificate. */
const MAX_LENGTH_OCTETS = 4;

/**
 * The element that starts at `offset` and ends at or before `limit` (default: the end of the
 * bytes), or undefined when there is none that is well-formed DER.
 */
export function readElement(bytes: Uint8Array, offset: number, limit = bytes.length): DerElement | undefined {
  let at = offset;
  if (at >= limit) return undefined;
  const tag = bytes[at++]!;
  if ((tag & 0x1f) === 0x1f) {
    // High tag number form (X.690 §8.1.2.4): base-128 octets, the last without bit 8.
    let octets = 0;
    for (;;) {
      if (at >= limit || ++octets > MAX_LENGTH_OCTETS) return undefined;
      const b = bytes[at++]!;
      if (octets === 1 && b === 0x80) return undefined; // not the fewest octets
      if ((b & 0x80) === 0) break;
    }
  }
  if (at >= limit) return undefined;
  const first = bytes[at++]!;
  let length: number;
  if (first < 0x80) length = first;
  else {
    const n = first & 0x7f;
    // 0x80 is the indefinite form (BER only); 0xff is reserved.
    if (n === 0 || n > MAX_LENGTH_OCTETS || at + n > limit) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[at++]!;
    // DER: the long form only for 128 and more, in the fewest octets.
    if (length < 0x80 || bytes[at - n] === 0) return undefined;
  }
  const end = at + length;
  if (end > limit) return undefined;
  return { tag, start: offset, contentStart: at, end };
}

/** The elements inside a constructed element, in order; undefined when they do not tile its content exactly. */
export function children(bytes: Uint8Array, parent: DerElement, max: number): DerElement[] | undefined {
  const out: DerElement[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    if (out.length === max) return undefined;
    const e = readElement(bytes, at, parent.end);
    if (!e) return undefined;
    out.push(e);
    at = e.end;
  }
  return out;
}
