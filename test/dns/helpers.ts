/** Small helpers shared by the DNS data layer tests. */
import { DnsFormatError } from '../../src/dns/errors.ts';
import { fromHex } from '../../src/dns/encoding.ts';
import { Name } from '../../src/dns/name.ts';

/** A name from presentation text. */
export const n = (s: string): Name => Name.parse(s);

/** Bytes from hex text that may contain white space. */
export const hex = (s: string): Uint8Array => fromHex(s.replace(/\s+/g, ''));

/** The `code` of the DnsFormatError that `fn` throws; anything else thrown, or nothing, fails the test. */
export function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DnsFormatError) return e.code;
    throw e;
  }
  throw new Error('expected a DnsFormatError');
}
