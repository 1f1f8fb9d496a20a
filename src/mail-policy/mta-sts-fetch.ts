/**
 * Fetching an MTA-STS policy body (RFC 8461 §3.3): `GET /.well-known/mta-sts.txt` over HTTPS
 * from `mta-sts.<domain>`, at addresses the caller resolved (through our validator, see
 * mta-sts-lookup.ts), never at whatever the system resolver would say. The TLS connection is
 * pinned to such an address and sends SNI `mta-sts.<domain>`; the certificate must be PKIX-valid
 * for that name (RFC 8461 §3.3, RFC 6125), against the given CA bundle or node's CA store.
 *
 * Rules and bounds (every one is a stranger's input):
 * - RFC 8461 §3.3: only HTTP 200 counts; redirects (3xx) are not followed; the media type must be
 *   `text/plain` (parameters such as `charset` are allowed and ignored: the parser reads UTF-8).
 * - Size: the body stops at {@link MAX_MTA_STS_POLICY_BYTES} (a larger Content-Length is refused
 *   before the body is read; a body that grows past it is cut and refused); response headers at
 *   {@link MAX_MTA_STS_HEADER_BYTES} (node's `maxHeaderSize`).
 * - Time: the whole fetch at one address (connect, TLS, headers, body) takes at most
 *   `timeoutMs` (default {@link MTA_STS_FETCH_TIMEOUT_MS}); at most {@link MAX_MTA_STS_ADDRESSES}
 *   addresses are tried, one after another, the next only when the previous one could not be
 *   reached (connection refused, timeout): an answer that is wrong (a bad certificate, a
 *   redirect) ends the fetch, since another address of the same host is unlikely to disagree and
 *   trying them all multiplies the time a stranger can take.
 * - No connection reuse (`agent: false`), no cookies, no compression asked for.
 *
 * Limitation: node's CA store is its bundled Mozilla list plus `NODE_EXTRA_CA_CERTS` (or the
 * system's, when node runs with `--use-system-ca` / `--use-openssl-ca`); pass `ca` to replace it.
 */
import type { IncomingMessage } from 'node:http';
import type { SecureVersion } from 'node:tls';
import { MAX_MTA_STS_POLICY_BYTES } from './mta-sts-policy.ts';
import { clip } from './txt-fields.ts';

/** Milliseconds one policy fetch at one address may take, connect to last body octet. */
export const MTA_STS_FETCH_TIMEOUT_MS = 20_000;
/** Octets of HTTP response headers read at most (node `maxHeaderSize`). */
export const MAX_MTA_STS_HEADER_BYTES = 8_192;
/** Addresses of `mta-sts.<domain>` tried at most per fetch. */
export const MAX_MTA_STS_ADDRESSES = 3;
/** The path of the policy (RFC 8461 §3.2). */
export const MTA_STS_POLICY_PATH = '/.well-known/mta-sts.txt';

export type MtaStsFetchErrorCode =
  /** No address to connect to. */
  | 'no-address'
  /** TCP connection failed. */
  | 'connect'
  | 'timeout'
  /** The certificate is not PKIX-valid for `mta-sts.<domain>` (RFC 8460 `sts-webpki-invalid`). */
  | 'certificate'
  /** TLS failed for another reason (protocol version, handshake). */
  | 'tls'
  /** A 3xx answer: not followed (RFC 8461 §3.3). */
  | 'redirect'
  /** Another status than 200. */
  | 'status'
  | 'content-type'
  | 'too-large'
  /** Headers too large or not HTTP/1.x. */
  | 'http'
  | 'aborted';

export interface MtaStsFetchOptions {
  /** The policy domain, in A-labels, with or without the trailing dot (`example.com`). */
  readonly domain: string;
  /** Addresses of `mta-sts.<domain>`, as our resolver proved or found them. */
  readonly addresses: readonly string[];
  /** HTTPS port (default 443; tests use another). */
  readonly port?: number;
  /** Trusted CA certificates (PEM) replacing node's CA store. */
  readonly ca?: string | readonly string[];
  /** Milliseconds for the fetch at one address (default {@link MTA_STS_FETCH_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
  /** Lowest TLS version (default TLSv1.2). */
  readonly minTlsVersion?: SecureVersion;
  readonly signal?: AbortSignal;
}

/** What one fetch gave: the body, or why there is none with the TLS-RPT result type to report (RFC 8460 §4.3.2.2). */
export type MtaStsFetchResult =
  | { readonly ok: true; readonly body: Uint8Array; readonly address: string; readonly contentType: string; readonly url: string }
  | {
      readonly ok: false;
      readonly code: MtaStsFetchErrorCode;
      readonly tlsrpt: 'sts-policy-fetch-error' | 'sts-webpki-invalid';
      readonly reason: string;
      readonly url: string;
      /** The address the failure was met at (the last one tried). */
      readonly address?: string;
    };

/** node/OpenSSL error codes that say the certificate is not PKIX-valid for the name. */
const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED', 'CERT_REVOKED', 'CERT_SIGNATURE_FAILURE', 'CERT_REJECTED', 'INVALID_CA', 'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE',
  'ERR_TLS_CERT_ALTNAME_FORMAT',
]);
/** Failures after which the next address is tried: the host could not be reached there. */
const UNREACHABLE: ReadonlySet<MtaStsFetchErrorCode> = new Set(['connect', 'timeout']);

type Attempt = Exclude<MtaStsFetchResult, { ok: true }> | Extract<MtaStsFetchResult, { ok: true }>;

/**
 * Fetches the policy body of `domain`. Never rejects for anything the network or the server does;
 * the body is returned as octets for `parseMtaStsPolicy`.
 * @throws RangeError for a port or timeout out of range (caller misuse)
 */
export async function fetchMtaStsPolicy(o: MtaStsFetchOptions): Promise<MtaStsFetchResult> {
  const port = o.port ?? 443;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`expected port from 1 to 65535, got ${port}`);
  const timeoutMs = o.timeoutMs ?? MTA_STS_FETCH_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) throw new RangeError(`expected timeoutMs from 1 to 600000, got ${timeoutMs}`);
  const host = `mta-sts.${o.domain.replace(/\.$/, '')}`;
  const url = `https://${host}${port === 443 ? '' : `:${port}`}${MTA_STS_POLICY_PATH}`;
  if (o.addresses.length === 0) return { ok: false, code: 'no-address', tlsrpt: 'sts-policy-fetch-error', url, reason: `${host} has no address to fetch the policy from` };
  let last: Attempt | undefined;
  const tried = o.addresses.slice(0, MAX_MTA_STS_ADDRESSES);
  for (const address of tried) {
    last = await fetchAt(host, address, port, url, timeoutMs, o);
    if (last.ok || !UNREACHABLE.has(last.code) || o.signal?.aborted) break;
  }
  if (!last!.ok && o.addresses.length > tried.length && UNREACHABLE.has(last!.code)) {
    return { ...last!, reason: `${last!.reason} (${tried.length} of ${o.addresses.length} addresses tried: MAX_MTA_STS_ADDRESSES)` } as Attempt;
  }
  return last!;
}

function fetchAt(host: string, address: string, port: number, url: string, timeoutMs: number, o: MtaStsFetchOptions): Promise<Attempt> {
  const at = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      req.destroy();
      resolve(r);
    };
    const fail = (code: MtaStsFetchErrorCode, reason: string, tlsrpt: 'sts-policy-fetch-error' | 'sts-webpki-invalid' = 'sts-policy-fetch-error') =>
      done({ ok: false, code, tlsrpt, reason: `${url} at ${at}: ${reason}`, url, address });
    // node:https (and node:tls under it) load at the first fetch, not when the library is imported (issue #19).
    const { request } = process.getBuiltinModule('node:https') as typeof import('node:https');
    const req = request({
      host: address,
      port,
      path: MTA_STS_POLICY_PATH,
      method: 'GET',
      // The connection goes to the resolved address; SNI and the certificate check use the name.
      servername: host,
      headers: { Host: port === 443 ? host : `${host}:${port}`, Accept: 'text/plain', 'User-Agent': 'dane-verify' },
      agent: false,
      rejectUnauthorized: true,
      ...(o.ca !== undefined ? { ca: typeof o.ca === 'string' ? o.ca : [...o.ca] } : {}),
      minVersion: o.minTlsVersion ?? 'TLSv1.2',
      maxHeaderSize: MAX_MTA_STS_HEADER_BYTES,
    });
    const timer = setTimeout(() => fail('timeout', `no complete answer within ${timeoutMs} ms (MTA_STS_FETCH_TIMEOUT_MS)`), timeoutMs);
    const onAbort = () => fail('aborted', 'aborted by the caller');
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      if (CERTIFICATE_CODES.has(code)) return fail('certificate', `the certificate is not valid for ${host} (${code}: ${clip(e.message, 200)}) (RFC 8461 §3.3)`, 'sts-webpki-invalid');
      if (code === 'HPE_HEADER_OVERFLOW') return fail('http', `response headers exceed ${MAX_MTA_STS_HEADER_BYTES} octets (MAX_MTA_STS_HEADER_BYTES)`);
      if (code.startsWith('HPE_')) return fail('http', `not a valid HTTP response (${code})`);
      if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'EPROTO') return fail('tls', `TLS failed (${code}: ${clip(e.message, 200)})`);
      return fail('connect', `connection failed (${code || clip(e.message, 200)})`);
    });
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        const loc = typeof res.headers.location === 'string' ? ` to "${clip(res.headers.location, 120)}"` : '';
        return fail('redirect', `HTTP ${status} redirect${loc} not followed (RFC 8461 §3.3: only a 200 answer counts)`);
      }
      if (status !== 200) return fail('status', `HTTP ${status}: only 200 gives a policy (RFC 8461 §3.3)`);
      const type = res.headers['content-type'] ?? '';
      const media = type.split(';', 1)[0]!.trim().toLowerCase();
      if (media !== 'text/plain') return fail('content-type', `Content-Type "${clip(type, 80)}" is not text/plain (RFC 8461 §3.2)`);
      const declared = res.headers['content-length'];
      if (declared !== undefined && /^[0-9]+$/.test(declared) && Number(declared) > MAX_MTA_STS_POLICY_BYTES) {
        return fail('too-large', `Content-Length ${declared} exceeds ${MAX_MTA_STS_POLICY_BYTES} octets (MAX_MTA_STS_POLICY_BYTES, RFC 8461 §3.3)`);
      }
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_MTA_STS_POLICY_BYTES) return fail('too-large', `the body exceeds ${MAX_MTA_STS_POLICY_BYTES} octets (MAX_MTA_STS_POLICY_BYTES, RFC 8461 §3.3); stopped reading`);
        chunks.push(chunk);
      });
      res.on('end', () => done({ ok: true, body: new Uint8Array(Buffer.concat(chunks)), address, contentType: type, url }));
      res.on('aborted', () => fail('http', 'the server closed the connection before the body ended'));
      res.on('error', (e: NodeJS.ErrnoException) => fail('http', `reading the body failed (${e.code ?? clip(e.message, 120)})`));
    });
    // After the handlers: an abort destroys a request that already listens for its errors.
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}
