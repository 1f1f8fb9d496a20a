/** Small byte helpers shared by the crypto backends (no dependencies, no Node built-ins). */

/** Big-endian unsigned integer from bytes. */
export function bytesToBigInt(b: Uint8Array): bigint {
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt('0x' + hex);
}

/** Big-endian bytes of `v`, left-padded to `length` octets; undefined when it does not fit. */
export function bigIntToBytes(v: bigint, length: number): Uint8Array | undefined {
  let hex = v.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  if (hex.length / 2 > length) return undefined;
  const out = new Uint8Array(length);
  const start = length - hex.length / 2;
  for (let i = 0; i < hex.length / 2; i++) out[start + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Byte equality without early exit (the data are public here; this only avoids surprises). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** The concatenation of byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Lower-case hex of bytes. */
export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Parses hex (case-insensitive, even length); undefined when it is not hex. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
