/**
 * IANA "Resource Record (RR) TYPEs" registry: mnemonics for the types in use (source: IANA
 * dns-parameters, as of 2026-11; obsolete and experimental ones that nobody signs are left out).
 * Types with a codec in `rdata/` get structured data and their own text form; every other type,
 * named here or not, is carried exactly as RFC 3597 unknown RDATA (`\#` in text, `TYPEnnn`
 * when it has no mnemonic).
 */
export const RRType = {
  A: 1,
  NS: 2,
  MD: 3,
  MF: 4,
  CNAME: 5,
  SOA: 6,
  MB: 7,
  MG: 8,
  MR: 9,
  NULL: 10,
  PTR: 12,
  HINFO: 13,
  MINFO: 14,
  MX: 15,
  TXT: 16,
  RP: 17,
  AFSDB: 18,
  SIG: 24,
  KEY: 25,
  PX: 26,
  AAAA: 28,
  LOC: 29,
  NXT: 30,
  SRV: 33,
  NAPTR: 35,
  KX: 36,
  CERT: 37,
  A6: 38,
  DNAME: 39,
  OPT: 41,
  APL: 42,
  DS: 43,
  SSHFP: 44,
  IPSECKEY: 45,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  DHCID: 49,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
  SMIMEA: 53,
  HIP: 55,
  CDS: 59,
  CDNSKEY: 60,
  OPENPGPKEY: 61,
  CSYNC: 62,
  ZONEMD: 63,
  SVCB: 64,
  HTTPS: 65,
  SPF: 99,
  TKEY: 249,
  TSIG: 250,
  IXFR: 251,
  AXFR: 252,
  ANY: 255,
  URI: 256,
  CAA: 257,
} as const;

export type RRTypeName = keyof typeof RRType;

const BY_NUMBER = new Map<number, string>(Object.entries(RRType).map(([k, v]) => [v, k]));

/** Mnemonic for a type number, or RFC 3597's `TYPEnnn` for one we have no name for. */
export function rrTypeToString(type: number): string {
  return BY_NUMBER.get(type) ?? `TYPE${type}`;
}

/** Type number for a mnemonic or `TYPEnnn` (case-insensitive); undefined when unknown. */
export function rrTypeFromString(text: string): number | undefined {
  const up = text.toUpperCase();
  const known = (RRType as Record<string, number>)[up];
  if (known !== undefined) return known;
  const m = /^TYPE([0-9]{1,5})$/.exec(up);
  if (m) {
    const n = Number(m[1]);
    if (n <= 0xffff) return n;
  }
  return undefined;
}

/** DNS classes (RFC 1035 §3.2.4, RFC 2136). */
export const RRClass = { IN: 1, CH: 3, HS: 4, NONE: 254, ANY: 255 } as const;

const CLASS_BY_NUMBER = new Map<number, string>(Object.entries(RRClass).map(([k, v]) => [v, k]));

export function rrClassToString(cls: number): string {
  return CLASS_BY_NUMBER.get(cls) ?? `CLASS${cls}`;
}

export function rrClassFromString(text: string): number | undefined {
  const up = text.toUpperCase();
  const known = (RRClass as Record<string, number>)[up];
  if (known !== undefined) return known;
  const m = /^CLASS([0-9]{1,5})$/.exec(up);
  if (m) {
    const n = Number(m[1]);
    if (n <= 0xffff) return n;
  }
  return undefined;
}
