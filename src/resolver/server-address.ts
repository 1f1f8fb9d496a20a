/**
 * Upstream resolver addresses. Plain DNS (UDP, with TCP for truncated answers): an IP address
 * with an optional port, `192.0.2.1`, `192.0.2.1:5353`, `2001:db8::1`, `[2001:db8::1]:5353`,
 * `fe80::1%eth0`. DNS over TLS (RFC 7858): `tls://` before it and `#` plus the name the server's
 * certificate must carry after it, `tls://192.0.2.1#dns.example`, `tls://[2001:db8::1]:8853#dns.example`
 * (port 853 by default, RFC 7858 §3.1; the name is required: RFC 8310 §5 strict privacy, so
 * that a DoT upstream is authenticated, not merely encrypted).
 *
 * `resolv.conf` itself has neither a port nor a TLS syntax; these forms are our own, for tests,
 * resolvers on a non-standard port and DoT. Host names are not accepted as addresses: a resolver
 * that needs DNS to find its upstream has nothing to ask.
 */
import { isIP } from 'node:net';

/** The standard DNS port (RFC 1035 §4.2). */
export const DNS_PORT = 53;
/** The DNS over TLS port (RFC 7858 §3.1). */
export const DOT_PORT = 853;

/** One upstream resolver. */
export interface ServerAddress {
  /** The IP address as given (an IPv6 zone, `%eth0`, kept). */
  readonly host: string;
  readonly port: number;
  readonly family: 4 | 6;
  /** `dns`: UDP, and TCP for truncated answers; `tls`: DNS over TLS only (RFC 7858). */
  readonly protocol: 'dns' | 'tls';
  /** For `tls`: the name the server's certificate must be valid for (RFC 8310 §8.1). */
  readonly tlsName?: string;
  /** The address for people and for reasons: `192.0.2.1`, `127.0.0.1:5353`, `[::1]:5353`, `tls://192.0.2.1#dns.example`. */
  readonly text: string;
}

function ipFamily(host: string): 0 | 4 | 6 {
  // node:net accepts an IPv6 zone index (fe80::1%eth0) only for family 6.
  const family = isIP(host);
  return family === 4 || family === 6 ? family : 0;
}

function parsePort(text: string, input: string): number {
  if (!/^[0-9]{1,5}$/.test(text)) throw new TypeError(`expected a port number 1-65535 in "${input}", got "${text}"`);
  const port = Number(text);
  if (port < 1 || port > 65_535) throw new TypeError(`expected a port number 1-65535 in "${input}", got ${port}`);
  return port;
}

/** A host name in LDH form (RFC 1123 §2.1), as a certificate's dNSName carries it. */
const TLS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** Prints an address the way {@link parseServerAddress} reads it, leaving out the default port. */
export function formatServerAddress(host: string, port: number, tlsName?: string): string {
  const defaultPort = tlsName === undefined ? DNS_PORT : DOT_PORT;
  const v6 = host.includes(':');
  const hostPort = port === defaultPort ? host : v6 ? `[${host}]:${port}` : `${host}:${port}`;
  return tlsName === undefined ? hostPort : `tls://${hostPort}#${tlsName}`;
}

/**
 * Parses an upstream address.
 * @param defaultPort the port of plain DNS when the text names none (default 53)
 * @throws TypeError when the text is not one of the forms above (caller misuse)
 */
export function parseServerAddress(text: string, defaultPort: number = DNS_PORT): ServerAddress {
  let input = text.trim();
  let tlsName: string | undefined;
  let port = defaultPort;
  if (input.toLowerCase().startsWith('tls://')) {
    const hash = input.lastIndexOf('#');
    if (hash < 0) throw new TypeError(`expected tls://address#name, with the name the certificate must carry, got "${text}"`);
    tlsName = input.slice(hash + 1);
    if (!TLS_NAME.test(tlsName)) throw new TypeError(`expected a host name after # in "${text}", got "${tlsName}"`);
    input = input.slice('tls://'.length, hash);
    port = DOT_PORT;
  }
  let host = input;
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(input);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], text);
    if (ipFamily(host) !== 6) throw new TypeError(`expected an IPv6 address inside brackets in "${text}"`);
  } else if (input.split(':').length - 1 === 1) {
    // One colon: IPv4 with a port. An IPv6 address always has at least two.
    const at = input.indexOf(':');
    host = input.slice(0, at);
    port = parsePort(input.slice(at + 1), text);
    if (ipFamily(host) !== 4) throw new TypeError(`expected an IPv4 address before the port in "${text}"`);
  }
  const family = ipFamily(host);
  if (family === 0) throw new TypeError(`expected an IP address, optionally with :port (IPv6 as [addr]:port), got "${text}"`);
  const base = { host, port, family, text: formatServerAddress(host, port, tlsName) };
  return Object.freeze(tlsName === undefined ? { ...base, protocol: 'dns' as const } : { ...base, protocol: 'tls' as const, tlsName });
}
