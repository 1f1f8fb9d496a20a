/**
 * An HTTPS server for MTA-STS policies (RFC 8461 §3.2) on loopback, with a private CA made at run
 * time (certs.ts; validity around `now`, so it holds with any clock), and knobs to break it the
 * ways a fetcher must refuse: a certificate for another name, an expired one, one from no trusted
 * CA, a redirect, another Content-Type, another status, a body too large (streamed, or announced
 * by Content-Length), a server too slow to answer.
 *
 * ```ts
 * const ca = createMtaStsCa();
 * const s = await startTestMtaStsServer({ domain: 'example.', ca, policy: 'version: STSv1\r\n...' });
 * await fetchMtaStsPolicy({ domain: 'example', addresses: [s.address], port: s.port, ca: ca.pem });
 * await s.close();
 * ```
 * The server answers any path with the policy (a fetcher asks only `/.well-known/mta-sts.txt`;
 * `requests` records what was asked).
 */
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { createTestCertificate, type TestCert } from './certs.ts';
import { formatMtaStsPolicy } from '../mail-policy/mta-sts-policy.ts';

/** How a test MTA-STS server misbehaves. */
export type MtaStsServerBreak =
  /** The certificate names `mta-sts.wrong.invalid` instead of `mta-sts.<domain>`. */
  | 'wrong-name'
  /** The certificate expired a day before `now`. */
  | 'expired'
  /** A self-signed certificate: no trusted CA issued it. */
  | 'untrusted'
  /** A body of {@link OVERSIZED_POLICY_BYTES} octets, sent in chunks without Content-Length. */
  | 'too-large'
  /** A Content-Length of {@link OVERSIZED_POLICY_BYTES}, and the body never sent. */
  | 'too-large-declared'
  /** Headers only after `slowMs`. */
  | 'slow'
  /** 301 to `https://elsewhere.invalid/.well-known/mta-sts.txt`. */
  | 'redirect'
  /** Content-Type text/html. */
  | 'content-type'
  /** 404. */
  | 'not-found'
  /** A 20000-octet header beside the policy. */
  | 'huge-headers';

/** Octets of the body a `too-large` server sends (past RFC 8461 §3.3's 64 KiB). */
export const OVERSIZED_POLICY_BYTES = 70_000;
/** How long a `slow` server waits before answering, by default. */
export const DEFAULT_SLOW_MS = 30_000;
const DAY_MS = 86_400_000;

/** A private CA for MTA-STS servers (issue one per test run, trust its `pem`). */
export function createMtaStsCa(now: Date = new Date()): TestCert {
  return createTestCertificate({ subjectCN: 'Test MTA-STS Root CA', ca: true, now });
}

export interface TestMtaStsServerOptions {
  /** The policy domain (`example.` or `example`): the certificate names `mta-sts.<domain>`. */
  readonly domain: string;
  /** The CA that issues the certificate (default: a new one, returned as `ca`). */
  readonly ca?: TestCert;
  /** The policy body (default: mode enforce, `mx: *.<domain>`, max_age 86400). */
  readonly policy?: string | Uint8Array;
  readonly break?: MtaStsServerBreak;
  /** For `slow` (default {@link DEFAULT_SLOW_MS}). */
  readonly slowMs?: number;
  /** Listen address (default 127.0.0.1) and port (default: any free one). */
  readonly address?: string;
  readonly port?: number;
  /** The clock the certificate's validity is made around (default: now). */
  readonly now?: Date;
}

export interface TestMtaStsServer {
  readonly address: string;
  readonly port: number;
  /** `mta-sts.<domain>`, without the trailing dot. */
  readonly host: string;
  readonly ca: TestCert;
  readonly certificate: TestCert;
  /** Request paths with their Host headers, in order (bounded to the first 100). */
  readonly requests: readonly { readonly path: string; readonly host: string; readonly servername: string }[];
  close(): Promise<void>;
}

/** The default policy of a test server for `domain`. */
export function defaultTestPolicy(domain: string): string {
  return formatMtaStsPolicy({ mode: 'enforce', mx: [`*.${domain.replace(/\.$/, '')}`], maxAge: 86_400, extensions: [] });
}

function certificateFor(host: string, o: TestMtaStsServerOptions, ca: TestCert, now: Date): TestCert {
  switch (o.break) {
    case 'wrong-name':
      return createTestCertificate({ subjectCN: 'mta-sts.wrong.invalid', dnsNames: ['mta-sts.wrong.invalid'], issuer: ca, now });
    case 'expired':
      return createTestCertificate({ subjectCN: host, dnsNames: [host], issuer: ca, notBefore: new Date(now.getTime() - 30 * DAY_MS), notAfter: new Date(now.getTime() - DAY_MS) });
    case 'untrusted':
      return createTestCertificate({ subjectCN: host, dnsNames: [host], now });
    default:
      return createTestCertificate({ subjectCN: host, dnsNames: [host], issuer: ca, now });
  }
}

/** Starts a server. @throws the listen error (EADDRINUSE ...) */
export async function startTestMtaStsServer(o: TestMtaStsServerOptions): Promise<TestMtaStsServer> {
  const now = o.now ?? new Date();
  const host = `mta-sts.${o.domain.replace(/\.$/, '')}`;
  const ca = o.ca ?? createMtaStsCa(now);
  const certificate = certificateFor(host, o, ca, now);
  const body = typeof o.policy === 'string' ? Buffer.from(o.policy, 'utf8') : o.policy ? Buffer.from(o.policy) : Buffer.from(defaultTestPolicy(o.domain), 'utf8');
  const requests: { path: string; host: string; servername: string }[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer({ cert: certificate.pem + (o.break === 'untrusted' ? '' : ca.pem), key: certificate.keyPem }, (req, res) => {
    if (requests.length < 100) requests.push({ path: req.url ?? '', host: req.headers.host ?? '', servername: (req.socket as { servername?: string }).servername ?? '' });
    const send = () => {
      switch (o.break) {
        case 'redirect':
          res.writeHead(301, { Location: `https://elsewhere.invalid/.well-known/mta-sts.txt`, 'Content-Type': 'text/plain' }).end('moved\n');
          return;
        case 'content-type':
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
          return;
        case 'not-found':
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
          return;
        case 'huge-headers':
          res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Padding': 'a'.repeat(20_000) }).end(body);
          return;
        case 'too-large-declared':
          res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(OVERSIZED_POLICY_BYTES) });
          res.write(body.subarray(0, Math.min(body.length, 10)));
          return; // the rest never comes: a fetcher must not wait for it
        case 'too-large': {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.write(body);
          const line = Buffer.from(`x: ${'a'.repeat(1000)}\r\n`);
          for (let sent = body.length; sent < OVERSIZED_POLICY_BYTES; sent += line.length) res.write(line);
          res.end();
          return;
        }
        default:
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length) }).end(body);
      }
    };
    if (o.break === 'slow') {
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, o.slowMs ?? DEFAULT_SLOW_MS);
      timers.add(t);
    } else send();
  });
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // A client that gives up mid-handshake is no failure of the test server.
  server.on('tlsClientError', () => undefined);
  const address = o.address ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  let closed: Promise<void> | undefined;
  return {
    address,
    port,
    host,
    ca,
    certificate,
    requests,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
