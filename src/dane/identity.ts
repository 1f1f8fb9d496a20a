/**
 * Enforcing a DANE policy on a TLS connection that an MTA opens itself with `tls.connect`.
 *
 * Why not `checkServerIdentity` alone: node:tls calls `checkServerIdentity` only after OpenSSL's
 * own PKIX verification succeeded (measured with node 20: with a private-CA or self-signed
 * server certificate, the common DANE case, it is never called, whatever `rejectUnauthorized`
 * says). So the policy is enforced on `secureConnect` instead, with the same contract as
 * `checkServerIdentity`: an `Error` to fail the connection, `undefined` to accept it.
 *
 * ```ts
 * const socket = tls.connect({ socket: plain, ...daneTlsOptions('mx.example.net') }); // the TLSA base domain
 * socket.once('secureConnect', async () => {
 *   const err = await checkDaneIdentity(socket, policy);
 *   if (err) return; // socket already destroyed with err; defer the message, RFC 7672 §2.2
 *   ... send mail ...
 * });
 * ```
 */
import type { SecureVersion, TLSSocket } from 'node:tls';
import { peerCertificateChain } from '../smtp/session.ts';
import { matchChain, type MatchInput, type MatchResult } from './match.ts';
import type { TlsRptResultType } from './tlsrpt.ts';

/** A DANE policy for one server: its TLSA records and the names to check DANE-TA leaves against. */
export type DanePeerPolicy = Omit<MatchInput, 'chain'>;

/** The error a failed DANE check reports, with the match result attached. */
export class DaneVerificationError extends Error {
  override readonly name = 'DaneVerificationError';
  /** Like node's `ERR_TLS_CERT_ALTNAME_INVALID`: a stable code for logs. */
  readonly code = 'ERR_DANE_VERIFICATION';
  readonly tlsrpt: TlsRptResultType;
  constructor(readonly result: Extract<MatchResult, { ok: false }>) {
    super(`DANE verification failed: ${result.reason}`);
    this.tlsrpt = result.tlsrpt;
  }
}

/**
 * `tls.connect` options for a DANE connection: SNI set to the TLSA base domain (RFC 7672 §8.1),
 * node's PKIX verdict not enforced (DANE decides), no CA store (so the peer chain holds only what
 * the server sent), and TLS 1.2 at least.
 */
export function daneTlsOptions(
  servername: string,
  minVersion: SecureVersion = 'TLSv1.2',
): { servername: string; rejectUnauthorized: false; ca: string[]; minVersion: SecureVersion } {
  if (!servername) throw new TypeError('expected the TLSA base domain as servername');
  return { servername: servername.replace(/\.$/, ''), rejectUnauthorized: false, ca: [], minVersion };
}

/** Matches the socket's peer chain against the policy. */
export function verifyDanePeer(socket: TLSSocket, policy: DanePeerPolicy): Promise<MatchResult> {
  return matchChain({ ...policy, chain: peerCertificateChain(socket) });
}

/**
 * `checkServerIdentity`'s contract, on a connected socket: resolves to `undefined` when a usable
 * TLSA record authenticates the server, else destroys the socket and resolves to the
 * {@link DaneVerificationError} it was destroyed with.
 */
export async function checkDaneIdentity(socket: TLSSocket, policy: DanePeerPolicy): Promise<DaneVerificationError | undefined> {
  const result = await verifyDanePeer(socket, policy);
  if (result.ok) return undefined;
  const err = new DaneVerificationError(result);
  destroyWith(socket, err);
  return err;
}

/** Destroys `socket` with `err`. That emits 'error': an MTA with no listener must not crash on it. */
export function destroyWith(socket: TLSSocket, err: Error): void {
  if (socket.listenerCount('error') === 0) socket.once('error', () => {});
  socket.destroy(err);
}
