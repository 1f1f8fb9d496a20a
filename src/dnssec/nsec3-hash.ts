/**
 * NSEC3 owner name hashing (RFC 5155 §5).
 *
 *   IH(salt, x, 0) = H(x || salt)
 *   IH(salt, x, k) = H(IH(salt, x, k-1) || salt)
 *
 * with x the owner name in canonical wire form (lower-cased, uncompressed; RFC 5155 §5 refers to
 * RFC 4034 §6.2) and H = SHA-1 (hash algorithm 1, the only one assigned). The text form is RFC 4648
 * base32hex without padding, printed in **lower case** (as RFC 5155's own examples and most zone
 * files show it; compare case-insensitively when matching owner names).
 *
 * Limitation, by design: this module hashes whatever iteration count it is given, up to the 16-bit
 * field maximum. The validator must refuse to hash above its own limit (RFC 9276 §3.2) before
 * calling here.
 */
import { Name } from '../dns/name.ts';
import { MAX_NSEC3_ITERATIONS_FIELD, MAX_NSEC3_SALT_OCTETS } from './limits.ts';
import { defaultBackend } from './algorithms.ts';
import { fromHex } from './crypto/bytes.ts';
import type { CryptoBackend } from './crypto/types.ts';

/** RFC 5155 §11: NSEC3 hash algorithm numbers. */
export const NSEC3_HASH_SHA1 = 1;
/** A SHA-1 digest is 20 octets, 32 base32hex characters. */
export const NSEC3_SHA1_LENGTH = 20;

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** RFC 4648 §7 base32hex, lower case, without padding (RFC 5155 §3.3). */
export function base32HexLower(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32HEX[(acc >>> bits) & 0x1f];
    }
    acc &= 0xff; // keep the accumulator small: at most 4 leftover bits matter
  }
  if (bits > 0) out += BASE32HEX[(acc << (5 - bits)) & 0x1f];
  return out;
}

function checkIterations(iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > MAX_NSEC3_ITERATIONS_FIELD) {
    throw new RangeError(`expected NSEC3 iterations as an integer 0..${MAX_NSEC3_ITERATIONS_FIELD}, got ${iterations}`);
  }
}

/**
 * The raw NSEC3 hash (20 octets) of a name already in canonical wire form.
 * @param ownerCanonicalWire the owner name, lower-cased and uncompressed (`Name.toCanonicalWire()`)
 * @param salt the salt octets (empty for none)
 * @param iterations additional iterations, 0..65535
 * @throws RangeError for an iteration count or salt the NSEC3 fields cannot hold
 */
export function nsec3HashBytes(
  ownerCanonicalWire: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  backend: CryptoBackend = defaultBackend(),
): Uint8Array {
  checkIterations(iterations);
  if (salt.length > MAX_NSEC3_SALT_OCTETS) {
    throw new RangeError(`expected an NSEC3 salt of at most ${MAX_NSEC3_SALT_OCTETS} octets, got length=${salt.length}`);
  }
  const buf = new Uint8Array(Math.max(ownerCanonicalWire.length, NSEC3_SHA1_LENGTH) + salt.length);
  buf.set(ownerCanonicalWire, 0);
  buf.set(salt, ownerCanonicalWire.length);
  let h = backend.digest('sha1', buf.subarray(0, ownerCanonicalWire.length + salt.length));
  if (iterations > 0) {
    const round = buf.subarray(0, NSEC3_SHA1_LENGTH + salt.length);
    round.set(salt, NSEC3_SHA1_LENGTH);
    for (let i = 0; i < iterations; i++) {
      round.set(h, 0);
      h = backend.digest('sha1', round);
    }
  }
  return h;
}

/**
 * The NSEC3 hash of a name as the first label of an NSEC3 owner name: lower-case base32hex without
 * padding (RFC 5155 §5, §3.3).
 * @param name a `Name` or presentation text (absolute; a relative name is taken relative to the root)
 * @param saltHex the salt in hex as the NSEC3 presentation form writes it; `-` or `''` for no salt
 * @param iterations additional iterations, 0..65535
 * @throws RangeError for a malformed salt or iteration count; DnsFormatError for a malformed name
 */
export function nsec3Hash(name: Name | string, saltHex: string, iterations: number, backend?: CryptoBackend): string {
  const n = typeof name === 'string' ? Name.parse(name) : name;
  const salt = saltHex === '-' || saltHex === '' ? new Uint8Array(0) : fromHex(saltHex);
  if (!salt) throw new RangeError(`expected the NSEC3 salt as hex, '-' or '', got "${saltHex}"`);
  return base32HexLower(nsec3HashBytes(n.toCanonicalWire(), salt, iterations, backend));
}
