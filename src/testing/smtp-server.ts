/**
 * A small SMTP server on 127.0.0.1 (ephemeral port) for tests and the demo: 220 greeting, EHLO,
 * STARTTLS presenting a chosen certificate chain, QUIT. It accepts no mail.
 *
 * Behaviours for the failure cases a DANE client must handle:
 * - `starttls`: offers STARTTLS and completes the TLS handshake (the normal case);
 * - `no-starttls`: does not advertise STARTTLS and answers it with 502;
 * - `refuse-starttls`: advertises STARTTLS, then answers it with 454 (RFC 3207 §4);
 * - `silent`: accepts the TCP connection and never says anything (for timeouts);
 * - `plaintext-after-starttls`: answers STARTTLS with 220, then sends an SMTP reply in plaintext in a
 *   later TCP segment instead of a TLS handshake (an injection that arrives after the client began TLS);
 * - `reject-greeting`: greets with 554 (RFC 5321 §3.1: no SMTP service here);
 * - `inject-after-starttls`: sends a stray reply line right after the 220 to STARTTLS, in the
 *   same segment (the response-injection attack of CVE-2011-0411 / RFC 3207 §5).
 * The TLS version range is configurable (e.g. TLS 1.1 at most, to test a client's minimum).
 *
 * `close()` destroys every connection the server accepted and stops listening.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureVersion } from 'node:tls';

/** How the server behaves; see the module comment. */
/** How long `plaintext-after-starttls` waits after its 220 (the client has begun its handshake by then). */
const PLAINTEXT_AFTER_STARTTLS_DELAY_MS = 30;

export type TestSmtpMode = 'starttls' | 'no-starttls' | 'refuse-starttls' | 'silent' | 'reject-greeting' | 'inject-after-starttls' | 'plaintext-after-starttls';

/** Options for {@link startTestSmtpServer}. */
export interface TestSmtpServerOptions {
  /** PEM of the chain to present, leaf first (node:tls `cert`). */
  certPem?: string;
  /** PEM of the leaf's private key. */
  keyPem?: string;
  mode?: TestSmtpMode;
  /** Name in the greeting and the EHLO reply. */
  hostname?: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** Send the greeting as a multi-line reply. */
  multilineGreeting?: boolean;
  /** Loopback address to listen on (default 127.0.0.1): a world gives each MX host its own. */
  listenAddress?: string;
  /** Port to listen on (default 0: an ephemeral port). */
  port?: number;
}

/** A running test server. */
export interface TestSmtpServer {
  host: string;
  port: number;
  /** SNI names received in TLS handshakes, in order (`null` when the client sent none). */
  sniSeen: (string | null)[];
  /** Commands received, in order, plain and over TLS. */
  commands: string[];
  /** Resolves once a command line equal to `line` (case-insensitive) has arrived. */
  waitForCommand(line: string): Promise<void>;
  close(): Promise<void>;
}

/** Upper bound on one command line the test server will buffer. */
const MAX_COMMAND_LINE = 4096;

/** Starts a server and resolves once it listens. */
export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const mode = options.mode ?? 'starttls';
  const hostname = options.hostname ?? 'mx.test.invalid';
  const needsTls = mode === 'starttls' || mode === 'inject-after-starttls';
  if (needsTls && (!options.certPem || !options.keyPem)) throw new TypeError('expected certPem and keyPem for a STARTTLS server');
  const below12 = options.minVersion === 'TLSv1' || options.minVersion === 'TLSv1.1';
  const context = needsTls
    ? createSecureContext({
        cert: options.certPem,
        key: options.keyPem,
        minVersion: options.minVersion ?? 'TLSv1.2',
        maxVersion: options.maxVersion ?? 'TLSv1.3',
        // OpenSSL 3 refuses TLS 1.0/1.1 above security level 0.
        ...(below12 ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
      })
    : undefined;
  const sockets = new Set<Socket>();
  const sniSeen: (string | null)[] = [];
  const commands: string[] = [];
  const commandWaiters: { line: string; resolve: () => void }[] = [];
  const recordCommand = (line: string) => {
    commands.push(line);
    for (let i = commandWaiters.length - 1; i >= 0; i--) {
      if (commandWaiters[i]!.line === line.toUpperCase()) commandWaiters.splice(i, 1)[0]!.resolve();
    }
  };

  const serve = (socket: Socket | TLSSocket, secure: boolean): void => {
    let buffer = '';
    const write = (text: string) => {
      if (!socket.destroyed) socket.write(text);
    };
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (buffer.length > MAX_COMMAND_LINE) {
        socket.destroy();
        return;
      }
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        recordCommand(line);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') {
          const ext = ['PIPELINING', ...(mode !== 'no-starttls' && !secure ? ['STARTTLS'] : []), '8BITMIME'];
          write([hostname, ...ext].map((l, i, a) => `250${i === a.length - 1 ? ' ' : '-'}${l}\r\n`).join(''));
        } else if (verb === 'HELO') {
          write(`250 ${hostname}\r\n`);
        } else if (verb === 'STARTTLS' && mode === 'plaintext-after-starttls') {
          // The 220, then plaintext in a later segment instead of a TLS handshake.
          socket.off('data', onData);
          socket.write('220 2.0.0 Ready to start TLS\r\n');
          setTimeout(() => socket.writable && socket.write('250 2.0.0 injected in plaintext\r\n'), PLAINTEXT_AFTER_STARTTLS_DELAY_MS);
          return;
        } else if (verb === 'STARTTLS' && !secure && context && mode !== 'refuse-starttls') {
          socket.off('data', onData);
          socket.write(mode === 'inject-after-starttls' ? '220 2.0.0 Ready\r\n250 injected\r\n' : '220 2.0.0 Ready to start TLS\r\n');
          let gotSni = false;
          const tlsSocket = new TLSSocket(socket, {
            isServer: true,
            secureContext: context,
            SNICallback: (name, cb) => {
              gotSni = true;
              sniSeen.push(name);
              cb(null, context);
            },
          });
          tlsSocket.on('error', () => tlsSocket.destroy());
          tlsSocket.on('secure', () => {
            if (!gotSni) sniSeen.push(null);
          });
          serve(tlsSocket, true);
          return;
        } else if (verb === 'STARTTLS' && mode === 'refuse-starttls') {
          write('454 4.7.0 TLS not available due to temporary reason\r\n');
        } else if (verb === 'QUIT') {
          write('221 2.0.0 Bye\r\n');
          socket.end();
          return;
        } else if (verb === 'NOOP') {
          write('250 2.0.0 OK\r\n');
        } else {
          write('502 5.5.2 Command not implemented\r\n');
        }
      }
    };
    socket.on('data', onData);
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (mode === 'silent') return;
    if (mode === 'reject-greeting') {
      socket.write(`554 5.3.2 ${hostname} no SMTP service here\r\n`);
      serve(socket, false);
      return;
    }
    socket.write(options.multilineGreeting ? `220-${hostname} ESMTP test server\r\n220 no mail accepted here\r\n` : `220 ${hostname} ESMTP test server\r\n`);
    serve(socket, false);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.listenAddress ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    host: address,
    port,
    sniSeen,
    commands,
    waitForCommand: (line) =>
      commands.some((c) => c.toUpperCase() === line.toUpperCase())
        ? Promise.resolve()
        : new Promise<void>((resolve) => commandWaiters.push({ line: line.toUpperCase(), resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
