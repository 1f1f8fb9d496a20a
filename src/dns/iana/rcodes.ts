/**
 * IANA "DNS RCODEs" registry (RFC 6895 §2.3). Values above 15 only fit with EDNS (RFC 6891
 * §6.1.3: 8 extended bits in the OPT TTL); 16-23 are otherwise TSIG/TKEY errors.
 * Complete as of 2026-11 for codes a resolver can see in a message header.
 */
export const Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
  DSOTYPENI: 11,
  /** RFC 6891: bad OPT version (shares 16 with TSIG's BADSIG). */
  BADVERS: 16,
  BADKEY: 17,
  BADTIME: 18,
  BADMODE: 19,
  BADNAME: 20,
  BADALG: 21,
  BADTRUNC: 22,
  BADCOOKIE: 23,
} as const;

/** The largest RCODE: 4 header bits + 8 OPT bits (RFC 6891 §6.1.3). */
export const MAX_RCODE = 0xfff;

const BY_NUMBER = new Map<number, string>(Object.entries(Rcode).map(([k, v]) => [v, k]));

/** Mnemonic for an RCODE, or `RCODEnnn`. */
export function rcodeToString(rcode: number): string {
  return BY_NUMBER.get(rcode) ?? `RCODE${rcode}`;
}
