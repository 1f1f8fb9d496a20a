/**
 * The connect plan: what an MTA that opens its own sockets needs from a DANE policy, one target per
 * usable host and validated address, each with the TLS options to connect with and a `verify` that
 * does the whole RFC 7672 check on the connected socket (issue #14). An adapter for nodemailer,
 * mx-connect or Haraka then only connects, calls STARTTLS with `tlsOptions`, and asks `verify`
 * before MAIL FROM.
 *
 * ```ts
 * const plan = connectPlan(await resolveDanePolicy('example.com'));
 * if (plan.action !== 'deliver') return plan.action === 'defer' ? tempfail(plan.reason) : bounce(plan.reason);
 * for (const t of plan.targets) {
 *   const socket = await smtpStartTls(t.address, t.port, t.tlsOptions); // never t.host: no second resolution
 *   if (!socket) { if (t.requireTls) continue; else ... }             // no plaintext where TLS is required
 *   const v = await t.verify(socket, { destroy: true });
 *   if (v.ok) return send(socket);
 *   report(v.tlsrpt, t);                                             // try the next target
 * }
 * ```
 *
 * Why not `checkServerIdentity`: node calls it only after OpenSSL's own PKIX verification passed,
 * so never for the self-signed or private-CA certificates DANE is for (dane/identity.ts).
 */
import type { SecureVersion, TLSSocket } from 'node:tls';
import { daneTlsOptions, DaneVerificationError, destroyWith, verifyDanePeer } from './identity.ts';
import type { MatchResult } from './match.ts';
import { referenceIdentifiers, secureNextHop, type DanePolicy, type HostPolicy } from './policy.ts';
import type { TlsRptResultType } from './tlsrpt.ts';
import { MAX_ADDRESSES_PER_HOST } from './verify.ts';
import { outOfRange } from '../misuse.ts';

/** `tls.connect` options of a target: SNI, no PKIX verdict enforced (DANE or nothing decides), TLS 1.2 at least. */
export interface TargetTlsOptions {
  readonly servername: string;
  readonly rejectUnauthorized: false;
  readonly ca: string[];
  readonly minVersion: SecureVersion;
}

/** What {@link ConnectTarget.verify} found. */
export type TargetVerdict =
  | {
      readonly ok: true;
      /** A TLSA record authenticated the server; false for opportunistic or mandatory unauthenticated TLS. */
      readonly authenticated: boolean;
      readonly usage?: 'DANE-EE' | 'DANE-TA';
      /** Depth of the certificate that matched (0 = the server's own). */
      readonly depth?: number;
      readonly reason: string;
    }
  | {
      readonly ok: false;
      /** RFC 8460 result type to report. */
      readonly tlsrpt: TlsRptResultType;
      readonly reason: string;
      /** The error the socket was (or would be) destroyed with. */
      readonly error: DaneVerificationError | DaneRequiredError;
    };

/** A connection to try, in order. */
export interface ConnectTarget {
  /** The MX host name as the MX record gives it (for logs and TLS-RPT `receiving-mx-hostname`). */
  readonly host: string;
  readonly preference: number;
  /** A validated address of the host: connect to it, never to `host` (that would resolve it again, unvalidated). */
  readonly address: string;
  readonly port: number;
  /** STARTTLS must succeed before MAIL FROM: no plaintext fallback (DANE, or a secure TLSA RRset of unusable records). */
  readonly requireTls: boolean;
  /** The host's policy: `dane`, `mandatory-tls` (encrypt, do not authenticate) or `none` (opportunistic). */
  readonly policy: 'dane' | 'mandatory-tls' | 'none';
  /** The SNI to send: the TLSA base domain (RFC 7672 §8.1) where TLSA applies, else the MX host name. */
  readonly servername: string;
  readonly tlsOptions: TargetTlsOptions;
  /** The whole policy of the host, for logs. */
  readonly hostPolicy: HostPolicy;
  /**
   * Checks a socket connected with {@link tlsOptions} (after STARTTLS, before MAIL FROM): under
   * `dane`, the server's chain against the TLSA records and, for DANE-TA, the reference
   * identifiers (the TLSA base domain, and the next-hop domain behind a secure MX RRset). Never
   * rejects for anything the peer did. With `destroy: true` a failed socket is destroyed with the
   * verdict's error (an `'error'` listener is added if it has none, so that it cannot crash the MTA).
   */
  verify(socket: TLSSocket, opts?: { readonly destroy?: boolean; readonly now?: Date }): Promise<TargetVerdict>;
}

/** A host the plan leaves out, and why. */
export interface SkippedHost {
  readonly host: string;
  readonly preference: number;
  readonly reason: string;
  /** A DNSSEC failure (bogus) rather than a temporary one or no address. */
  readonly bogus: boolean;
  /** DNS proved the host has no address: skipped, as MTAs skip it. */
  readonly noAddresses: boolean;
  readonly tlsrpt?: TlsRptResultType;
}

export interface ConnectPlan {
  readonly domain: string;
  /**
   * `deliver`: try `targets` in order; `defer`: a temporary failure, retry later (the MX lookup or
   * every host failed to validate; never "no DANE"); `no-mail`: the domain takes no mail (NXDOMAIN, null MX).
   */
  readonly action: 'deliver' | 'defer' | 'no-mail';
  readonly reason: string;
  readonly targets: readonly ConnectTarget[];
  readonly skipped: readonly SkippedHost[];
  /** Addresses left out past MAX_ADDRESSES_PER_HOST per host. */
  readonly addressesLeftOut: number;
}

export interface ConnectPlanOptions {
  /** SMTP port (default: 25). The policy's TLSA names were looked up for its own port. */
  readonly port?: number;
  /** Refuse hosts without DANE (policy `none`: tlsrpt `dane-required`; `mandatory-tls`: `tlsa-invalid` at verify). */
  readonly requireDane?: boolean;
  /** Lowest TLS version (default TLSv1.2). */
  readonly minTlsVersion?: SecureVersion;
}

/** A server that DANE does not authenticate, with DANE required. */
export class DaneRequiredError extends Error {
  override readonly name = 'DaneRequiredError';
  readonly code = 'ERR_DANE_REQUIRED';
  readonly tlsrpt: TlsRptResultType = 'tlsa-invalid';
}

function fail(socket: TLSSocket, destroy: boolean | undefined, error: DaneVerificationError | DaneRequiredError): TargetVerdict {
  if (destroy) destroyWith(socket, error);
  return { ok: false, tlsrpt: error.tlsrpt, reason: error.message, error };
}

function target(policy: DanePolicy, host: HostPolicy & { policy: 'dane' | 'mandatory-tls' | 'none' }, address: string, o: ConnectPlanOptions): ConnectTarget {
  const servername = (host.tlsaBase ?? host.host).replace(/\.$/, '');
  const refs = referenceIdentifiers(host, secureNextHop(policy));
  const records = host.tlsa.map((t) => t.data);
  const kind = host.policy;
  return Object.freeze({
    host: host.host,
    preference: host.preference,
    address,
    port: o.port ?? 25,
    requireTls: kind !== 'none',
    policy: kind,
    servername,
    tlsOptions: Object.freeze(daneTlsOptions(servername, o.minTlsVersion)),
    hostPolicy: host,
    async verify(socket: TLSSocket, v: { readonly destroy?: boolean; readonly now?: Date } = {}): Promise<TargetVerdict> {
      if (kind === 'none') return { ok: true, authenticated: false, reason: `${host.host}: no DANE (${host.reason}); TLS, if any, is opportunistic` };
      if (!socket.encrypted || socket.destroyed) {
        return fail(socket, v.destroy, new DaneRequiredError(`${host.host} [${address}]: the socket is not a connected TLS socket, and TLS is mandatory (RFC 7672 §2.2)`));
      }
      if (kind === 'mandatory-tls') {
        if (o.requireDane) return fail(socket, v.destroy, new DaneRequiredError(`DANE required, but no TLSA record at ${host.tlsaName} is usable for SMTP (RFC 7672 §3.1)`));
        return { ok: true, authenticated: false, reason: `TLS without authentication: the secure TLSA RRset at ${host.tlsaName} holds no usable record (RFC 7672 §2.2)` };
      }
      let m: MatchResult;
      try {
        m = await verifyDanePeer(socket, { records, referenceIdentifiers: refs, ...(v.now ? { now: v.now } : {}) });
      } catch (e) {
        // A peer's certificates must never make verify reject: whatever went wrong, no authentication.
        m = { ok: false, code: 'bad-certificate', tlsrpt: 'validation-failure', reason: `the server's certificates could not be read: ${(e as Error).message}`, records: [] };
      }
      if (!m.ok) return fail(socket, v.destroy, new DaneVerificationError(m));
      return { ok: true, authenticated: true, usage: m.usage, depth: m.depth, reason: m.reason };
    },
  });
}

/**
 * The connect plan of a policy (from `resolveDanePolicy`, `resolveDanePolicyWith` or a `verifyDane`
 * result's `policy`): targets in MX preference order, each address of each usable host.
 * @throws RangeError (`code: 'ERR_OUT_OF_RANGE'`) for a port outside 1-65535 (caller misuse)
 */
export function connectPlan(policy: DanePolicy, options: ConnectPlanOptions = {}): ConnectPlan {
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 1 && options.port <= 65535)) {
    throw outOfRange(`expected port as a whole number in 1-65535, got ${options.port}`);
  }
  const base = { domain: policy.domain, skipped: [] as SkippedHost[], targets: [] as ConnectTarget[], addressesLeftOut: 0 };
  if (policy.action !== 'deliver') return Object.freeze({ ...base, action: policy.action, reason: policy.reason });
  for (const h of policy.hosts) {
    const skip = (reason: string, tlsrpt?: TlsRptResultType) => base.skipped.push({ host: h.host, preference: h.preference, reason, bogus: h.bogus, noAddresses: h.noAddresses === true, ...(tlsrpt ? { tlsrpt } : {}) });
    if (h.policy === 'no-delivery') {
      skip(h.reason, h.bogus ? 'dnssec-invalid' : undefined);
      continue;
    }
    if (h.policy === 'none' && options.requireDane) {
      skip(`DANE required, but ${h.reason}`, 'dane-required');
      continue;
    }
    const usable = h as HostPolicy & { policy: 'dane' | 'mandatory-tls' | 'none' };
    for (const a of h.addresses.slice(0, MAX_ADDRESSES_PER_HOST)) base.targets.push(target(policy, usable, a, options));
    base.addressesLeftOut += Math.max(0, h.addresses.length - MAX_ADDRESSES_PER_HOST);
  }
  // Hosts DNS proved to have no address are skipped as MTAs skip them; with none left to try, the
  // domain is deferred when a host failed to validate (never "no DANE"), as verifyDane's exit 3 or 1.
  if (base.targets.length > 0) {
    return Object.freeze({ ...base, action: 'deliver', reason: `${base.targets.length} target${base.targets.length > 1 ? 's' : ''} to try in order${base.skipped.length ? `; ${base.skipped.length} host${base.skipped.length > 1 ? 's' : ''} left out` : ''}` });
  }
  const why = base.skipped.map((s) => `${s.host}: ${s.reason}`).join('; ') || 'no host';
  return Object.freeze({ ...base, action: 'defer', reason: `no host can be used now: ${why}` });
}
