/**
 * A small SMTP server on 127.0.0.1 (ephemeral port) for tests and the demo: 220 greeting, EHLO,
 * STARTTLS presenting a chosen certificate chain, QUIT. It accepts no mail unless `acceptMail`
 * says so (MAIL, RCPT, DATA, RSET: for the adapter tests, which must see a message arrive or not).
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
 *
 * Hostile behaviours, for a client's bounds on time and memory (issue 12's kit):
 * - `trickle`: every reply, the greeting included, goes out one octet at a time with `trickleMs`
 *   between octets; STARTTLS is offered and, with a certificate, the handshake follows the
 *   trickled 220 at full speed. A client whose timeouts restart on every octet waits forever;
 *   one with per-step deadlines waits for the sum of the steps;
 * - `flood-reply`: answers EHLO with a multi-line `250-` reply that never ends, written as fast
 *   as the socket drains (RFC 5321 §4.5.3.1.5 bounds lines, not the number of lines);
 * - `tls-stall`: answers STARTTLS with 220, then never sends a TLS byte (no ServerHello);
 * - `long-line`: a greeting line that never ends: `220 `, the host name, then octets without CR
 *   or LF, as fast as the socket drains.
 * The endless writers stop when the client closes, and are paced by the socket's drain event, so
 * a client that stops reading holds the server at one socket buffer (16 KiB), not more.
 * The TLS version range is configurable (e.g. TLS 1.1 at most, to test a client's minimum).
 *
 * `close()` destroys every connection the server accepted and stops listening; no timer or
 * writer outlives its connection.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext, type SecureVersion } from 'node:tls';

/** How long `plaintext-after-starttls` waits after its 220 (the client has begun its handshake by then). */
const PLAINTEXT_AFTER_STARTTLS_DELAY_MS = 30;

/** Default pause between two octets in `trickle` mode. */
export const DEFAULT_SMTP_TRICKLE_MS = 200;

/** How the server behaves; see the module comment. */
export type TestSmtpMode =
  | 'starttls'
  | 'no-starttls'
  | 'refuse-starttls'
  | 'silent'
  | 'reject-greeting'
  | 'inject-after-starttls'
  | 'plaintext-after-starttls'
  | 'trickle'
  | 'flood-reply'
  | 'tls-stall'
  | 'long-line';

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
  /** `trickle` mode: milliseconds between two octets (default {@link DEFAULT_SMTP_TRICKLE_MS}). */
  trickleMs?: number;
  /**
   * A context from {@link createTestSmtpContext}, used instead of `certPem`, `keyPem` and the
   * version range, so that servers can share one: a host on many addresses. (OpenSSL reads a
   * 50-certificate chain in ~11 ms a context, measured; 100 servers would spend 1.1 s on it.)
   */
  secureContext?: SecureContext;
  /** Accept MAIL, RCPT, DATA and RSET, and keep each message in {@link TestSmtpServer.received}. */
  acceptMail?: boolean;
}

/** A message a test server with `acceptMail` took. */
export interface ReceivedMessage {
  readonly from: string;
  readonly to: readonly string[];
  /** The message as sent (dot-unstuffed, lines joined with CRLF). */
  readonly data: string;
  /** Whether it came over TLS. */
  readonly secure: boolean;
}

/** The largest message a test server with `acceptMail` takes (552 above it). */
export const MAX_TEST_MESSAGE_OCTETS = 1024 * 1024;

/** A running test server. */
export interface TestSmtpServer {
  host: string;
  port: number;
  /** SNI names received in TLS handshakes, in order (`null` when the client sent none). */
  sniSeen: (string | null)[];
  /** Commands received, in order, plain and over TLS (message contents are not commands). */
  commands: string[];
  /** Messages taken (only with `acceptMail`). */
  received: ReceivedMessage[];
  /** Resolves once a command line equal to `line` (case-insensitive) has arrived. */
  waitForCommand(line: string): Promise<void>;
  close(): Promise<void>;
}

/** Upper bound on one command line the test server will buffer. */
const MAX_COMMAND_LINE = 4096;
/** Octets handed to the socket per write by the endless writers: one socket buffer (16 KiB high-water mark). */
const ENDLESS_CHUNK = 16 * 1024;

/** Writes a reply; `then` runs once its last octet is handed to the socket (never if the socket is gone). */
type Reply = (text: string, then?: () => void) => void;

/** Replies written at once. */
function directReply(socket: Socket): Reply {
  return (text, then) => {
    if (socket.destroyed) return;
    socket.write(text);
    then?.();
  };
}

/**
 * Replies written one octet per `intervalMs`, in order across calls. The first octet of a reply
 * goes out at once when nothing is queued. The pending timer is cleared when the socket closes,
 * so `close()` leaves nothing scheduled.
 */
function trickleReply(socket: Socket, intervalMs: number): Reply {
  const queue: { octets: Buffer; sent: number; then: (() => void) | undefined }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const step = () => {
    timer = undefined;
    const head = queue[0];
    if (!head || !socket.writable) return;
    socket.write(head.octets.subarray(head.sent, head.sent + 1));
    if (++head.sent === head.octets.length) {
      queue.shift();
      head.then?.();
    }
    if (queue.length > 0) timer = setTimeout(step, intervalMs);
  };
  socket.once('close', () => {
    clearTimeout(timer);
    queue.length = 0;
  });
  return (text, then) => {
    if (socket.destroyed) return;
    queue.push({ octets: Buffer.from(text, 'latin1'), sent: 0, then });
    if (queue.length === 1 && !timer) step();
  };
}

/**
 * Writes `chunk` again and again, as fast as the socket drains, until the socket stops being
 * writable (the client closed, or `close()` destroyed it). Never more than one chunk is queued
 * beyond the socket's buffer: a client that stops reading stalls the writer, it does not grow it.
 */
function writeForever(socket: Socket, chunk: Buffer): void {
  const pump = () => {
    while (socket.writable) {
      if (!socket.write(chunk)) {
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/** `n` octets of `text` repeated (whole lines when `text` is one). */
function repeatTo(text: string, n: number): Buffer {
  return Buffer.from(text.repeat(Math.max(1, Math.floor(n / text.length))), 'latin1');
}

/**
 * The TLS context a server presents its chain with: TLS 1.2 to 1.3 unless `minVersion` or
 * `maxVersion` say otherwise.
 */
export function createTestSmtpContext(options: Pick<TestSmtpServerOptions, 'certPem' | 'keyPem' | 'minVersion' | 'maxVersion'>): SecureContext {
  const below12 = options.minVersion === 'TLSv1' || options.minVersion === 'TLSv1.1';
  return createSecureContext({
    cert: options.certPem,
    key: options.keyPem,
    minVersion: options.minVersion ?? 'TLSv1.2',
    maxVersion: options.maxVersion ?? 'TLSv1.3',
    // OpenSSL 3 refuses TLS 1.0/1.1 above security level 0.
    ...(below12 ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
  });
}

/** Starts a server and resolves once it listens. */
export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const mode = options.mode ?? 'starttls';
  const hostname = options.hostname ?? 'mx.test.invalid';
  const trickleMs = options.trickleMs ?? DEFAULT_SMTP_TRICKLE_MS;
  if (!Number.isFinite(trickleMs) || trickleMs < 0) throw new RangeError(`expected trickleMs to be a finite number of at least 0, got ${trickleMs}`);
  const needsTls = mode === 'starttls' || mode === 'inject-after-starttls';
  const hasCert = options.secureContext !== undefined || (options.certPem !== undefined && options.keyPem !== undefined);
  if (needsTls && !options.secureContext && (!options.certPem || !options.keyPem)) throw new TypeError('expected certPem and keyPem for a STARTTLS server');
  // `trickle` completes the handshake when it has a certificate, and refuses STARTTLS with 502 when not.
  const wantsTls = needsTls || (mode === 'trickle' && hasCert);
  const context = wantsTls ? (options.secureContext ?? createTestSmtpContext(options)) : undefined;
  const sockets = new Set<Socket>();
  const sniSeen: (string | null)[] = [];
  const commands: string[] = [];
  const received: ReceivedMessage[] = [];
  const commandWaiters: { line: string; resolve: () => void }[] = [];
  const recordCommand = (line: string) => {
    commands.push(line);
    for (let i = commandWaiters.length - 1; i >= 0; i--) {
      if (commandWaiters[i]!.line === line.toUpperCase()) commandWaiters.splice(i, 1)[0]!.resolve();
    }
  };
  const replyFor = (socket: Socket): Reply => (mode === 'trickle' ? trickleReply(socket, trickleMs) : directReply(socket));

  const startTls = (socket: Socket): void => {
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
    // Tracked as well, so that close() ends it (and any trickle timer on it) directly.
    sockets.add(tlsSocket);
    tlsSocket.on('close', () => sockets.delete(tlsSocket));
    tlsSocket.on('error', () => tlsSocket.destroy());
    tlsSocket.on('secure', () => {
      if (!gotSni) sniSeen.push(null);
    });
    serve(tlsSocket, true, replyFor(tlsSocket));
  };

  const serve = (socket: Socket | TLSSocket, secure: boolean, reply: Reply): void => {
    let buffer = '';
    // A mail transaction (acceptMail): the envelope, and the message while DATA is being read.
    let from: string | undefined;
    let to: string[] = [];
    let data: string[] | undefined;
    let dataOctets = 0;
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      // One line may not be longer; a chunk of many lines (pipelined commands, a message) may be.
      if (buffer.length - (buffer.lastIndexOf('\n') + 1) > MAX_COMMAND_LINE) {
        socket.destroy();
        return;
      }
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (data) {
          if (line !== '.') {
            dataOctets += line.length + 2;
            data.push(line.startsWith('..') ? line.slice(1) : line);
            continue;
          }
          const message = data.join('\r\n');
          data = undefined;
          if (dataOctets > MAX_TEST_MESSAGE_OCTETS) reply('552 5.3.4 Message too big\r\n');
          else {
            received.push({ from: from!, to, data: message, secure });
            reply('250 2.0.0 Ok: queued\r\n');
          }
          from = undefined;
          to = [];
          continue;
        }
        recordCommand(line);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO' && mode === 'flood-reply' && !secure) {
          // Commands after this one are not read: the reply never ends, so none is due.
          socket.off('data', onData);
          socket.write(`250-${hostname}\r\n`);
          writeForever(socket, repeatTo('250-X-FLOOD this reply has no last line\r\n', ENDLESS_CHUNK));
          return;
        } else if (verb === 'EHLO') {
          const ext = ['PIPELINING', ...(mode !== 'no-starttls' && !secure ? ['STARTTLS'] : []), '8BITMIME'];
          reply([hostname, ...ext].map((l, i, a) => `250${i === a.length - 1 ? ' ' : '-'}${l}\r\n`).join(''));
        } else if (verb === 'HELO') {
          reply(`250 ${hostname}\r\n`);
        } else if (verb === 'STARTTLS' && mode === 'plaintext-after-starttls') {
          // The 220, then plaintext in a later segment instead of a TLS handshake.
          socket.off('data', onData);
          socket.write('220 2.0.0 Ready to start TLS\r\n');
          setTimeout(() => socket.writable && socket.write('250 2.0.0 injected in plaintext\r\n'), PLAINTEXT_AFTER_STARTTLS_DELAY_MS);
          return;
        } else if (verb === 'STARTTLS' && mode === 'tls-stall' && !secure) {
          // The client's ClientHello is read and dropped; no TLS byte is ever sent back.
          socket.off('data', onData);
          socket.write('220 2.0.0 Ready to start TLS\r\n');
          socket.resume();
          return;
        } else if (verb === 'STARTTLS' && !secure && context && mode !== 'refuse-starttls') {
          socket.off('data', onData);
          // Node wraps the socket for TLS in the same tick as the 220's last octet: the client
          // cannot have sent its ClientHello yet, so no handshake byte is read as a command.
          reply(mode === 'inject-after-starttls' ? '220 2.0.0 Ready\r\n250 injected\r\n' : '220 2.0.0 Ready to start TLS\r\n', () => startTls(socket));
          return;
        } else if (verb === 'STARTTLS' && mode === 'refuse-starttls') {
          reply('454 4.7.0 TLS not available due to temporary reason\r\n');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye\r\n', () => socket.end());
          return;
        } else if (verb === 'NOOP') {
          reply('250 2.0.0 OK\r\n');
        } else if (options.acceptMail && verb === 'MAIL' && /^MAIL FROM:/i.test(line)) {
          from = line.slice(line.indexOf(':') + 1).trim().replace(/^<([^>]*)>.*$/, '$1');
          to = [];
          reply('250 2.1.0 Ok\r\n');
        } else if (options.acceptMail && verb === 'RCPT' && /^RCPT TO:/i.test(line)) {
          if (from === undefined) reply('503 5.5.1 MAIL first\r\n');
          else {
            to.push(line.slice(line.indexOf(':') + 1).trim().replace(/^<([^>]*)>.*$/, '$1'));
            reply('250 2.1.5 Ok\r\n');
          }
        } else if (options.acceptMail && verb === 'DATA') {
          if (to.length === 0) reply('503 5.5.1 RCPT first\r\n');
          else {
            data = [];
            dataOctets = 0;
            reply('354 End data with <CR><LF>.<CR><LF>\r\n');
          }
        } else if (options.acceptMail && verb === 'RSET') {
          from = undefined;
          to = [];
          reply('250 2.0.0 Ok\r\n');
        } else {
          reply('502 5.5.2 Command not implemented\r\n');
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
    if (mode === 'long-line') {
      // CR and LF are taken out of a hostile host name too: this line must never end.
      socket.resume();
      socket.write(`220 ${hostname.replace(/[\r\n]/g, '')} `);
      writeForever(socket, repeatTo('x', ENDLESS_CHUNK));
      return;
    }
    const reply = replyFor(socket);
    if (mode === 'reject-greeting') {
      reply(`554 5.3.2 ${hostname} no SMTP service here\r\n`);
      serve(socket, false, reply);
      return;
    }
    reply(options.multilineGreeting ? `220-${hostname} ESMTP test server\r\n220 no mail accepted here\r\n` : `220 ${hostname} ESMTP test server\r\n`);
    serve(socket, false, reply);
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
    received,
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
