/** IANA "DNS EDNS0 Option Codes (OPT)" registry, the codes this library reads or sends. As of 2026-11. */
export const EdnsOptionCode = {
  NSID: 3,
  CLIENT_SUBNET: 8,
  COOKIE: 10,
  TCP_KEEPALIVE: 11,
  PADDING: 12,
  /** RFC 8914 Extended DNS Error. */
  EDE: 15,
} as const;
