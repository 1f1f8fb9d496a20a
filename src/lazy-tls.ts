/**
 * node:tls, loaded at the first TLS connection (SMTP STARTTLS, DNS over TLS) rather than when the
 * library is imported: ~10 ms of start-up (issue #19). `process.getBuiltinModule` is synchronous,
 * so callers keep node:tls's own `connect` shape.
 */
import type { ConnectionOptions, TLSSocket } from 'node:tls';

export function tlsConnect(options: ConnectionOptions): TLSSocket {
  return (process.getBuiltinModule('node:tls') as typeof import('node:tls')).connect(options);
}
