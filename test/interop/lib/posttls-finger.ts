/**
 * Postfix's DANE client as a peer: `posttls-finger -l dane` (Postfix's own DNS lookups through the
 * namespace's resolv.conf, i.e. the world's Unbound, trusting its AD bit as Postfix does) against
 * a mail domain, its log read back into an RFC 7672 outcome per MX host.
 *
 * posttls-finger probes and reports; it does not decide delivery. The decision it would lead to
 * in Postfix's smtp client is read from its log lines (Postfix 3.7 wording, src/tls/tls_dane.c,
 * src/smtp/smtp_connect.c, src/posttls-finger/posttls-finger.c):
 * - `Destination address lookup failed: ... type=MX: ... try again`: the MX lookup failed
 *   (SERVFAIL: bogus or indeterminate), delivery to the domain is deferred.
 * - `Domain <d> does not accept mail (nullMX)`: a null MX (RFC 7505), no host.
 * - `TLSA lookup error for <host>`: the TLSA lookup failed, the host is not used (bogus).
 * - `no TLSA records found, resorting to "secure"`: no usable DANE for the host (secure denial, or
 *   an insecure address or TLSA lookup, for which Postfix does not even ask): none. (posttls-finger
 *   then probes at its "secure" level, which says nothing about DANE.)
 * - `all TLSA records unusable, fallback to unauthenticated TLS`: mandatory TLS without
 *   authentication (RFC 7672 §2.2): unauthenticated when TLS is established, failed when not.
 * - otherwise DANE applies: `Verified TLS connection` after `Matched DANE ...`: authenticated
 *   (`Trusted` instead of `Verified` when the MX RRset was insecure, Postfix's wording for it);
 *   no STARTTLS, or a verification failure (`no matching DANE TLSA records`, `hostname
 *   mismatch`, `certificate has expired`): failed.
 *
 * One run reports one host: the MX host it connected to (`Connected to <host>[<address>]:25`),
 * the only one when the log names a single host. posttls-finger resolves every MX host but stops
 * at the first connection, so a domain's later hosts are probed one by one with the `[host]`
 * nexthop (lib/postfix-probes.ts).
 */
import type { World } from './world.ts';
import type { HostVerdict, MtaVerdict, Observed } from './types.ts';
import { run } from './exec.ts';

/** posttls-finger's TCP connect and SMTP command timeouts, seconds. */
const CONNECT_TIMEOUT_S = 5;
const COMMAND_TIMEOUT_S = 5;

/** An absolute name (trailing dot), lower-cased. */
function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Reads the MTA verdict from posttls-finger's `-v` log; throws on a log it cannot classify. */
export function parsePosttlsFinger(output: string): MtaVerdict {
  if (/Destination address lookup failed: .*type=MX/.test(output)) return { mx: 'deferred', hosts: [] };
  if (/Destination address lookup failed: Domain \S+ does not accept mail \(nullMX\)/.test(output)) {
    return { mx: 'no-mail', hosts: [] };
  }
  let hostNames = [...new Set([...output.matchAll(/addr_one: host (\S+)/g)].map((m) => absolute(m[1] ?? '')))];
  const tlsaError = /TLSA lookup error for ([^\s:]+)/.exec(output);
  if (hostNames.length === 0 && tlsaError) hostNames.push(absolute(tlsaError[1] ?? ''));
  if (hostNames.length > 1) {
    // Several MX hosts resolved: the verdict is about the one it connected to, and only a log
    // that connected to exactly one of them can be read (its host-neutral lines are that host's).
    const connected = [...new Set([...output.matchAll(CONNECTED)].map((m) => absolute(m[1] ?? '')))];
    if (connected.length !== 1) {
      throw new Error(`posttls-finger: ${hostNames.length} MX hosts in the log and ${connected.length} connected to; cannot tell whose verdict this is:\n${output}`);
    }
    hostNames = connected;
  }
  if (hostNames.length !== 1) {
    throw new Error(`posttls-finger: expected an MX host in the log, found none:\n${output}`);
  }
  const host = hostNames[0] ?? '';
  return { mx: 'ok', hosts: [classifyHost(host, output)] };
}

/** `Connected to <host>[<address>]:<port>`: the host and the address of the connection. */
const CONNECTED = /^posttls-finger: Connected to ([^[\s]+)\[([^\]]+)\]:\d+$/gm;

/** The address posttls-finger connected to, if it connected (IPv6 without brackets). */
export function connectedAddress(output: string): string | undefined {
  const all = [...output.matchAll(CONNECTED)];
  return all.length === 1 ? all[0]?.[2] : undefined;
}

function classifyHost(host: string, output: string): HostVerdict {
  if (/TLSA lookup error for /.test(output)) return { host, outcome: 'bogus', tlsRpt: 'dnssec-invalid' };
  if (/Failed to establish session .*Host not found, try again/.test(output)) {
    // An address lookup that Unbound SERVFAILed: Postfix cannot tell bogus from an outage.
    return { host, outcome: 'bogus', tlsRpt: 'dnssec-invalid' };
  }
  if (/Destination address lookup failed: .*type=(A|AAAA): Host not found$/m.test(output)) {
    return { host, outcome: 'error' }; // the host has no address (NXDOMAIN or NODATA)
  }
  const established = /(Verified|Trusted|Untrusted|Anonymous) TLS connection established/.exec(output)?.[1];
  const startedTls = /^posttls-finger: > STARTTLS$/m.test(output);
  if (/no TLSA records found, resorting to/.test(output)) return { host, outcome: 'none' };
  if (/all TLSA records unusable, fallback to unauthenticated TLS/.test(output)) {
    return established ? { host, outcome: 'unauthenticated' } : { host, outcome: 'failed', tlsRpt: 'starttls-not-supported' };
  }
  // Usable TLSA records: DANE applies.
  // Postfix logs a DANE-matched connection as "Trusted" instead of "Verified" when the MX RRset
  // was insecure ("MX RRset insecure: log verified as trusted"): the peer is still authenticated.
  if ((established === 'Verified' || established === 'Trusted') && /Matched DANE (EE|TA) /.test(output)) {
    return { host, outcome: 'authenticated' };
  }
  if (!startedTls && /^posttls-finger: Connected to /m.test(output)) {
    return { host, outcome: 'failed', tlsRpt: 'starttls-not-supported' };
  }
  if (/verification failed for .*hostname mismatch/.test(output)) {
    return { host, outcome: 'failed', tlsRpt: 'certificate-host-mismatch' };
  }
  if (/verification failed for .*certificate has expired/.test(output)) {
    return { host, outcome: 'failed', tlsRpt: 'certificate-expired' };
  }
  if (/verification failed for .*no matching DANE TLSA records/.test(output) || established === 'Untrusted') {
    return { host, outcome: 'failed' };
  }
  throw new Error(`posttls-finger: cannot classify the log for ${host}:\n${output}`);
}

/** The log lines worth showing beside a disagreement (the -v log is long). */
export function posttlsFingerSummary(output: string): string {
  const keep = /(TLSA|DANE|TLS connection|STARTTLS|verification|Connected to|lookup|Failed|resorting|fallback|Matched|warning)/;
  return output.split('\n').filter((l) => keep.test(l) && !/dict_|ctable_|match_/.test(l)).join('\n');
}

/** How to probe: the destination and the address family to prefer. */
export interface ProbeOptions {
  /**
   * `ipv4` (default): the IPv4-only client (A records only); `ipv6`: the dual-stack client
   * (A and AAAA) preferring IPv6 (`-a ipv6`, smtp_address_preference).
   */
  family?: 'ipv4' | 'ipv6';
  /** Probe one MX host with the `[host]` nexthop (no MX lookup) instead of the domain. */
  host?: boolean;
}

/** The posttls-finger command line for a destination (a mail domain, or a host with `host`). */
export function posttlsFingerArgs(name: string, options: ProbeOptions = {}): string[] {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  const destination = options.host ? `[${bare}]` : bare;
  return ['-v', '-l', 'dane', '-a', options.family ?? 'ipv4', '-t', String(CONNECT_TIMEOUT_S), '-T', String(COMMAND_TIMEOUT_S), destination];
}

/** Runs posttls-finger in DANE mode against a mail domain or one host (inside the world's namespace). */
export async function runPosttlsFinger(world: World, name: string, options: ProbeOptions = {}): Promise<Observed<MtaVerdict>> {
  const config = options.family === 'ipv6' ? world.postfixClientConfigDual : world.postfixClientConfig;
  const args = posttlsFingerArgs(name, options);
  const { output } = await run('posttls-finger', args, { MAIL_CONFIG: config });
  return { verdict: parsePosttlsFinger(output), output: `$ posttls-finger ${args.join(' ')}\n${output}` };
}
