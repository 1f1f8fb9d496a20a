/**
 * Upstream resolver addresses: an IP address with an optional port, in the forms
 * `192.0.2.1`, `192.0.2.1:5353`, `2001:db8::1`, `[2001:db8::1]:5353` and `fe80::1%eth0`.
 *
 * `resolv.conf` itself has no port syntax; the `host:port` and `[v6]:port` forms are our own,
 * for tests and for resolvers on a non-standard port. Host names are not accepted: a resolver
 * that needs DNS to find its upstream has nothing to ask.
 */
import { isIP } from 'node:net';

/** The standard DNS port (RFC 1035 §4.2). */
export const DNS_PORT = 53;

/** One upstream resolver. */
export interface ServerAddress {
  /** The IP address as given (an IPv6 zone, `%eth0`, kept). */
  readonly host: string;
  readonly port: number;
  readonly family: 4 | 6;
  /** The address for people and for reasons: `192.0.2.1`, `192.0.2.1:5353`, `[::1]:5353`. */
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

/** Prints an address the way {@link parseServerAddress} reads it, leaving out port 53. */
export function formatServerAddress(host: string, port: number): string {
  const v6 = host.includes(':');
  if (port === DNS_PORT) return host;
  return v6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Parses an upstream address.
 * @param defaultPort the port when the text names none (default 53)
 * @throws TypeError when the text is not an IP address with an optional port (caller misuse)
 */
export function parseServerAddress(text: string, defaultPort: number = DNS_PORT): ServerAddress {
  const input = text.trim();
  let host = input;
  let port = defaultPort;
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(input);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], input);
    if (ipFamily(host) !== 6) throw new TypeError(`expected an IPv6 address inside brackets in "${input}"`);
  } else {
    const colons = input.split(':').length - 1;
    if (colons === 1) {
      // One colon: IPv4 with a port. An IPv6 address always has at least two.
      const at = input.indexOf(':');
      host = input.slice(0, at);
      port = parsePort(input.slice(at + 1), input);
      if (ipFamily(host) !== 4) throw new TypeError(`expected an IPv4 address before the port in "${input}"`);
    }
  }
  const family = ipFamily(host);
  if (family === 0) throw new TypeError(`expected an IP address, optionally with :port (IPv6 as [addr]:port), got "${text}"`);
  return Object.freeze({ host, port, family, text: formatServerAddress(host, port) });
}
