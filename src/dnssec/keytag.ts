/**
 * DNSKEY key tags (RFC 4034 Appendix B).
 *
 * A key tag is a 16-bit checksum of the DNSKEY RDATA (flags, protocol, algorithm, public key) that
 * lets an RRSIG or DS name its key cheaply. It is not unique: several keys may share one, which
 * rrsig.ts bounds (KeyTrap). The flags are part of the sum, so setting the REVOKE bit changes the
 * tag (RFC 5011 §2.1).
 */
import { DnssecAlgorithm } from '../dns/iana/dnssec-algorithms.ts';

/** RDATA of a DNSKEY is at least flags (2), protocol (1) and algorithm (1). */
const DNSKEY_FIXED_OCTETS = 4;

/**
 * The key tag of a DNSKEY RDATA in wire form.
 *
 * For algorithm 1 (RSA/MD5) RFC 4034 Appendix B.1 defines the tag as the most significant 16 of
 * the least significant 24 bits of the modulus, i.e. the third- and second-to-last octets of the
 * RDATA; every other algorithm uses the ones'-complement-style sum of Appendix B.
 * @throws RangeError when `rdata` is shorter than a DNSKEY's fixed fields (caller misuse: the
 *   data layer never produces such a DNSKEY)
 */
export function keyTag(dnskeyRdata: Uint8Array): number {
  if (dnskeyRdata.length < DNSKEY_FIXED_OCTETS) {
    throw new RangeError(`expected DNSKEY RDATA of at least ${DNSKEY_FIXED_OCTETS} octets, got length=${dnskeyRdata.length}`);
  }
  if (dnskeyRdata[3] === DnssecAlgorithm.RSAMD5) {
    // RFC 4034 B.1: needs at least 3 octets of key; shorter keys have no defined tag, use 0.
    if (dnskeyRdata.length < DNSKEY_FIXED_OCTETS + 3) return 0;
    return (dnskeyRdata[dnskeyRdata.length - 3]! << 8) | dnskeyRdata[dnskeyRdata.length - 2]!;
  }
  let ac = 0;
  for (let i = 0; i < dnskeyRdata.length; i++) ac += i & 1 ? dnskeyRdata[i]! : dnskeyRdata[i]! << 8;
  ac += (ac >>> 16) & 0xffff;
  return ac & 0xffff;
}
