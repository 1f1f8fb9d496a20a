/**
 * Wire messages with one malformed record, for the scrubbing tests: the message is encoded without
 * name compression (so octets can be inserted without moving any pointer target), and the A record
 * of {@link PLACEHOLDER_ADDRESS} it holds is then made malformed in place.
 */
import { encodeMessage, type Message } from '../../src/dns/message.ts';

export const PLACEHOLDER_ADDRESS = '203.0.113.77';
const RDATA = [0x00, 0x04, 203, 0, 113, 77]; // RDLENGTH 4, then the address

/**
 * `long-a`: the placeholder's RDATA gets a fifth octet (RFC 1035 §3.4.1: an A record has four);
 * `short-rrsig`: the placeholder is re-typed RRSIG, whose fixed fields alone need 18 octets.
 */
export function withMalformedRecord(msg: Message, how: 'long-a' | 'short-rrsig'): Uint8Array {
  const bytes = encodeMessage(msg, { compress: false });
  let at = -1;
  for (let i = 0; i + RDATA.length <= bytes.length && at < 0; i++) if (RDATA.every((b, j) => bytes[i + j] === b)) at = i;
  if (at < 0) throw new Error(`the message holds no A record of ${PLACEHOLDER_ADDRESS}`);
  if (how === 'short-rrsig') {
    const out = bytes.slice();
    out[at - 8] = 0x00; // TYPE sits before CLASS (2) and TTL (4) and after the owner
    out[at - 7] = 46;
    return out;
  }
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes.subarray(0, at));
  out.set([0x00, 0x05, 203, 0, 113, 77, 0x00], at);
  out.set(bytes.subarray(at + RDATA.length), at + RDATA.length + 1);
  return out;
}
