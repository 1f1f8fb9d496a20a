/**
 * The system's resolvers, from resolv.conf(5).
 *
 * Only `nameserver` lines are read; `search`, `domain` and `options` do not apply to a resolver
 * that always asks for absolute names. Limitations: no `options ndots/timeout/attempts`, no
 * per-platform sources (Windows registry, macOS SystemConfiguration): pass `servers` there.
 */
import { readFile } from 'node:fs/promises';
import { MAX_RESOLV_CONF_BYTES, MAX_RESOLV_CONF_SERVERS } from './defaults.ts';
import { parseServerAddress, type ServerAddress } from './server-address.ts';

/** Where resolv.conf lives on Unix-like systems. */
export const RESOLV_CONF_PATH = '/etc/resolv.conf';

/** resolv.conf(5): with no usable `nameserver` line, the name server on the local machine is used. */
export const LOCAL_FALLBACK_SERVERS: readonly string[] = Object.freeze(['127.0.0.1', '::1']);

/** What a resolv.conf text yields. */
export interface ResolvConf {
  /** Usable upstreams in file order, at most {@link MAX_RESOLV_CONF_SERVERS}. */
  readonly servers: readonly ServerAddress[];
  /** Lines that named a nameserver we could not use, or one past the limit, with why. */
  readonly ignored: readonly { readonly line: number; readonly text: string; readonly why: string }[];
}

/** Parses resolv.conf text: `nameserver` lines (IPv4, IPv6, our `:port` forms), comments `#` and `;`. */
export function parseResolvConf(text: string): ResolvConf {
  const servers: ServerAddress[] = [];
  const ignored: { line: number; text: string; why: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.replace(/[#;].*$/, '').trim();
    const fields = line.split(/\s+/);
    if (fields[0] !== 'nameserver') continue;
    const value = fields[1];
    if (value === undefined) {
      ignored.push({ line: i + 1, text: raw, why: 'nameserver without an address' });
      continue;
    }
    if (servers.length >= MAX_RESOLV_CONF_SERVERS) {
      ignored.push({ line: i + 1, text: raw, why: `only the first ${MAX_RESOLV_CONF_SERVERS} nameservers are used` });
      continue;
    }
    try {
      servers.push(parseServerAddress(value));
    } catch (e) {
      ignored.push({ line: i + 1, text: raw, why: (e as Error).message });
    }
  }
  return { servers, ignored };
}

/**
 * The system's upstream resolvers: the `nameserver` lines of resolv.conf, or the local machine
 * ({@link LOCAL_FALLBACK_SERVERS}) when the file is missing or names none, as resolv.conf(5) says.
 */
export async function readSystemResolvers(path: string = RESOLV_CONF_PATH): Promise<ServerAddress[]> {
  let text = '';
  try {
    const bytes = await readFile(path);
    text = bytes.subarray(0, MAX_RESOLV_CONF_BYTES).toString('latin1');
  } catch {
    // A missing or unreadable file means "use the local machine" (resolv.conf(5)).
  }
  const { servers } = parseResolvConf(text);
  return servers.length > 0 ? [...servers] : LOCAL_FALLBACK_SERVERS.map((s) => parseServerAddress(s));
}
