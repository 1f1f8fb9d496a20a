/**
 * A DNS server for tests on the loopback interface: UDP and TCP on the same ephemeral port, each
 * query decoded and handed to a handler that returns the response, with faults injected on the
 * way out so that a client can be tested against every way a resolver or an attacker misbehaves.
 *
 * - UDP answers that do not fit the client's advertised EDNS payload size (512 octets without
 *   EDNS, RFC 1035 §4.2.1; never less than 512, RFC 6891 §6.2.5) are sent with TC=1 and every
 *   section emptied, OPT kept (RFC 2181 §9, RFC 6891 §7).
 * - TCP: 2-octet length framing, any number of queries per connection, answered as they complete
 *   (out of order when one is delayed) (RFC 7766 §6.2.1.1, §7).
 * - DNS over TLS (RFC 7858) on a port of its own when given a certificate: the TCP framing
 *   inside TLS, reported to the handler and to fault rules as transport `tls`.
 * - A query that does not decode gets FORMERR when its header can be read, else nothing.
 * - A handler that throws or rejects yields SERVFAIL.
 *
 * This is test equipment: it binds 127.0.0.1 (or a given loopback address) only, keeps a log of
 * the queries it saw (bounded), and answers whatever it is asked.
 */
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { EventEmitter, once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { decodeMessage, encodeMessage, type Message } from '../dns/message.ts';
import { Rcode } from '../dns/iana/rcodes.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import type { ResourceRecord } from '../dns/record.ts';

/** RFC 1035 §4.2.1: the UDP payload limit without EDNS; also the floor for an advertised size (RFC 6891 §6.2.5). */
export const CLASSIC_UDP_LIMIT = 512;
/** The UDP payload size this server advertises in its own OPT records. */
export const SERVER_UDP_PAYLOAD_SIZE = 1232;
/** Queries kept in {@link DnsServer.log}; older ones are discarded. */
export const MAX_QUERY_LOG = 10_000;
/** Tries to find a port free for both UDP and TCP before giving up. */
export const MAX_BIND_TRIES = 32;
/** ALPN identifier of DNS over TLS (IANA TLS ALPN registry). */
const DOT_ALPN = 'dot';
/** RFC 1035 §4.1.1: a header is 12 octets. */
const HEADER_LENGTH = 12;

/** The transport a query came over. */
export type DnsTransport = 'udp' | 'tcp' | 'tls';

/** What the handler is told besides the query. */
export interface QueryInfo {
  readonly transport: DnsTransport;
  readonly remote: { readonly address: string; readonly port: number };
}

/** Makes the response to a query. */
export type DnsHandler = (query: Message, info: QueryInfo) => Message | Promise<Message>;

/**
 * One fault. Those that send a bad message (`wrong-id`, `wrong-question`, `wrong-source`,
 * `garbage`) send it first and then the real answer, or only the bad one with `alone: true`.
 */
export type Fault =
  /** Send nothing. */
  | { readonly kind: 'drop' }
  /** Wait before sending. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Send the answer twice. */
  | { readonly kind: 'duplicate' }
  /** A copy of the answer with another message ID. */
  | { readonly kind: 'wrong-id'; readonly alone?: boolean }
  /** A copy of the answer whose question has another name. */
  | { readonly kind: 'wrong-question'; readonly alone?: boolean }
  /** UDP only: a copy of the answer from another port of this host. */
  | { readonly kind: 'wrong-source'; readonly alone?: boolean }
  /** Bytes with the query's ID that do not decode as a message. */
  | { readonly kind: 'garbage'; readonly alone?: boolean }
  /** Answer SERVFAIL with empty sections. */
  | { readonly kind: 'servfail' }
  /** Answer this RCODE with empty sections (REFUSED, FORMERR, NOTIMP ...). */
  | { readonly kind: 'rcode'; readonly rcode: number }
  /** Behave like a resolver without DNSSEC: RRSIG, NSEC, NSEC3 removed and DO cleared. */
  | { readonly kind: 'strip-dnssec' }
  /** Remove RRSIG records only (OPT, DO, NSEC and NSEC3 kept), as a broken middlebox does. */
  | { readonly kind: 'strip-rrsig' }
  /** Leave the OPT record out of the answer. */
  | { readonly kind: 'strip-opt' }
  /** Keep the OPT record but clear its DO bit. */
  | { readonly kind: 'clear-do' }
  /** Send TC=1 with emptied sections, whatever the answer's size. */
  | { readonly kind: 'truncate' }
  /** TCP and TLS only: close the connection instead of answering. */
  | { readonly kind: 'close' }
  /**
   * TCP and TLS only: write the framed answer one octet at a time, `intervalMs` apart (default
   * 200), so that a client whose read timeout restarts on every octet would wait for ever.
   */
  | { readonly kind: 'trickle'; readonly intervalMs?: number };

/** Default gap between the octets of a `trickle` answer. */
export const DEFAULT_TRICKLE_INTERVAL_MS = 200;

/** When a fault applies. */
export interface FaultRule {
  readonly fault: Fault;
  /** Only on this transport (default both). */
  readonly transport?: DnsTransport;
  /** Only for queries this accepts. */
  readonly match?: (query: Message) => boolean;
  /** Only this many times (default: until cleared). */
  readonly times?: number;
}

/** One query as the server saw it. */
export interface LoggedQuery {
  readonly transport: DnsTransport;
  readonly remote: { readonly address: string; readonly port: number };
  readonly bytes: Uint8Array;
  /** Undefined when the query did not decode. */
  readonly message: Message | undefined;
}

/** Options of {@link startDnsServer}. */
export interface DnsServerOptions {
  readonly handler: DnsHandler;
  /** Address to bind (default 127.0.0.1; `::1` for IPv6). */
  readonly host?: string;
  /** Compress names in responses (default true, as real servers do). */
  readonly compress?: boolean;
  /** Faults from the start. */
  readonly faults?: readonly FaultRule[];
  /** Also serve DNS over TLS (RFC 7858) on {@link DnsServer.tlsPort} with this certificate chain (PEM, leaf first) and key. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

/**
 * A response to `query` with its ID, opcode, question, RD and CD copied, QR and RA set, and an OPT
 * record echoing DO when the query had EDNS (RFC 3225 §3, RFC 6891 §7).
 */
export function replyTo(
  query: Message,
  sections: { rcode?: number; aa?: boolean; answers?: ResourceRecord[]; authorities?: ResourceRecord[]; additionals?: ResourceRecord[] } = {},
): Message {
  const msg: Message = {
    id: query.id,
    opcode: query.opcode,
    flags: { qr: true, aa: sections.aa ?? false, tc: false, rd: query.flags.rd, ra: true, ad: false, cd: query.flags.cd },
    rcode: sections.rcode ?? Rcode.NOERROR,
    questions: query.questions.map((q) => ({ ...q })),
    answers: sections.answers ?? [],
    authorities: sections.authorities ?? [],
    additionals: sections.additionals ?? [],
  };
  if (query.edns) msg.edns = { udpSize: SERVER_UDP_PAYLOAD_SIZE, version: 0, dnssecOk: query.edns.dnssecOk, options: [] };
  return msg;
}

const DNSSEC_ONLY_TYPES: ReadonlySet<number> = new Set([RRType.RRSIG, RRType.NSEC, RRType.NSEC3]);

function without(rrs: readonly ResourceRecord[], types: ReadonlySet<number>): ResourceRecord[] {
  return rrs.filter((rr) => !types.has(rr.type));
}
const RRSIG_ONLY: ReadonlySet<number> = new Set([RRType.RRSIG]);

/** The response with the message-changing faults applied. */
function applyMessageFaults(response: Message, faults: readonly Fault[]): Message {
  let m: Message = { ...response, flags: { ...response.flags } };
  for (const f of faults) {
    switch (f.kind) {
      case 'servfail':
      case 'rcode':
        m = { ...m, rcode: f.kind === 'servfail' ? Rcode.SERVFAIL : f.rcode, answers: [], authorities: [], additionals: [] };
        break;
      case 'strip-dnssec':
      case 'strip-rrsig': {
        const types = f.kind === 'strip-dnssec' ? DNSSEC_ONLY_TYPES : RRSIG_ONLY;
        m = { ...m, answers: without(m.answers, types), authorities: without(m.authorities, types), additionals: without(m.additionals, types) };
        if (f.kind === 'strip-dnssec' && m.edns) m.edns = { ...m.edns, dnssecOk: false };
        break;
      }
      case 'strip-opt': {
        const { edns: _dropped, ...rest } = m;
        m = rest;
        break;
      }
      case 'clear-do':
        if (m.edns) m.edns = { ...m.edns, dnssecOk: false };
        break;
      case 'truncate':
        m = truncated(m);
        break;
      default:
        break;
    }
  }
  return m;
}

/** TC=1 with every section emptied; the OPT record stays (RFC 6891 §7). */
function truncated(m: Message): Message {
  return { ...m, flags: { ...m.flags, tc: true }, answers: [], authorities: [], additionals: [] };
}

/** Bytes that carry `id` and a header promising records that are not there: they never decode. */
function garbageFor(id: number): Uint8Array {
  // QR=1, QDCOUNT=1, ANCOUNT=5, then a compression pointer that points forward past the end.
  return Uint8Array.from([id >> 8, id & 0xff, 0x81, 0x80, 0x00, 0x01, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xff, 0x00, 0x01]);
}

/** A header-only FORMERR for a query that did not decode, or undefined when not even the header can be read. */
function formerrFor(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < HEADER_LENGTH) return undefined;
  const opcode = (bytes[2]! >> 3) & 0xf;
  return Uint8Array.from([bytes[0]!, bytes[1]!, 0x80 | (opcode << 3), Rcode.FORMERR, 0, 0, 0, 0, 0, 0, 0, 0]);
}

interface SendPlan {
  readonly drop: boolean;
  readonly close: boolean;
  readonly delayMs: number;
  /** Stream transports: write octet by octet this far apart (0: at once). */
  readonly trickleMs: number;
  /** Messages sent before the answer (wire form), and whether any must come from another port. */
  readonly before: { readonly bytes: Uint8Array; readonly fromOtherPort: boolean }[];
  readonly answerCopies: number;
}

/** A running test DNS server. */
export class DnsServer extends EventEmitter {
  /** Every query seen, oldest first, at most {@link MAX_QUERY_LOG}. */
  readonly log: LoggedQuery[] = [];
  /** Errors thrown by the handler or while answering (each answered SERVFAIL or not at all), for tests to inspect. */
  readonly errors: Error[] = [];
  /** Queries seen so far over each transport, and TCP connections accepted. */
  readonly stats = { udp: 0, tcp: 0, tls: 0, tcpConnections: 0, tlsConnections: 0 };
  private readonly rules: { rule: FaultRule; left: number }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly connections = new Set<Socket>();
  private closed = false;
  private otherUdp: UdpSocket | undefined;

  /** @internal use {@link startDnsServer} */
  constructor(
    readonly host: string,
    readonly port: number,
    private readonly udp: UdpSocket,
    private readonly tcp: Server,
    private readonly handler: DnsHandler,
    private readonly compress: boolean,
    private readonly tlsServer: TlsServer | undefined,
    /** The DNS-over-TLS port, when the server was given a certificate. */
    readonly tlsPort: number | undefined,
  ) {
    super();
    tlsServer?.on('error', () => {});
    tlsServer?.on('tlsClientError', () => {});
    // The raw TCP socket under each TLS session, handshake or not, so that close() never waits on one.
    tlsServer?.on('connection', (raw: Socket) => {
      this.connections.add(raw);
      raw.on('close', () => this.connections.delete(raw));
    });
    tlsServer?.on('secureConnection', (sock) => this.onStreamConnection(sock, 'tls'));
    // A failed send to a client that went away must not crash the test run.
    udp.on('error', () => {});
    tcp.on('error', () => {});
    udp.on('message', (msg, rinfo) => this.guard(this.onUdp(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength), rinfo)));
    tcp.on('connection', (sock) => this.onStreamConnection(sock, 'tcp'));
  }

  /** The address in the form the stub resolver reads: `127.0.0.1:PORT` or `[::1]:PORT`. */
  get address(): string {
    return this.host.includes(':') ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }

  /** Adds a fault rule; rules apply in the order added. */
  addFault(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? Infinity });
  }

  /** Removes every fault rule. */
  clearFaults(): void {
    this.rules.length = 0;
  }

  /** Resolves with the next query the server receives. */
  async nextQuery(): Promise<LoggedQuery> {
    const [q] = (await once(this, 'query')) as [LoggedQuery];
    return q;
  }

  /** Stops listening, closes every connection and cancels delayed answers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.connections) s.destroy();
    this.connections.clear();
    const done: Promise<unknown>[] = [new Promise<void>((r) => this.tcp.close(() => r()))];
    if (this.tlsServer) {
      const t = this.tlsServer;
      done.push(new Promise<void>((r) => t.close(() => r())));
    }
    done.push(new Promise<void>((r) => this.udp.close(() => r())));
    if (this.otherUdp) {
      const o = this.otherUdp;
      done.push(new Promise<void>((r) => o.close(() => r())));
    }
    await Promise.all(done);
  }

  /** Keeps a failure while answering from becoming an unhandled rejection. */
  private guard(p: Promise<void>): void {
    p.catch((e: unknown) => this.errors.push(e instanceof Error ? e : new Error(String(e))));
  }

  private record(q: LoggedQuery): void {
    this.stats[q.transport]++;
    this.log.push(q);
    if (this.log.length > MAX_QUERY_LOG) this.log.shift();
    this.emit('query', q);
  }

  /** The faults that apply to this query, counting down limited rules. */
  private faultsFor(query: Message, transport: DnsTransport): Fault[] {
    const out: Fault[] = [];
    for (const r of this.rules) {
      if (r.left <= 0) continue;
      if (r.rule.transport !== undefined && r.rule.transport !== transport) continue;
      if (r.rule.match !== undefined && !r.rule.match(query)) continue;
      r.left--;
      out.push(r.rule.fault);
    }
    return out;
  }

  /** Decodes, asks the handler, applies faults: the answer's wire form and how to send it. */
  private async respond(bytes: Uint8Array, transport: DnsTransport, remote: QueryInfo['remote']): Promise<{ answer: Uint8Array; plan: SendPlan } | undefined> {
    let query: Message | undefined;
    try {
      query = decodeMessage(bytes);
    } catch {
      query = undefined;
    }
    this.record({ transport, remote, bytes, message: query });
    if (query === undefined || query.flags.qr) {
      const formerr = query === undefined ? formerrFor(bytes) : undefined;
      return formerr && { answer: formerr, plan: { drop: false, close: false, delayMs: 0, trickleMs: 0, before: [], answerCopies: 1 } };
    }
    const faults = this.faultsFor(query, transport);
    let response: Message;
    try {
      response = await this.handler(query, { transport, remote });
    } catch (e) {
      this.errors.push(e as Error);
      response = replyTo(query, { rcode: Rcode.SERVFAIL });
    }
    response = applyMessageFaults(response, faults);
    let answer: Uint8Array;
    try {
      answer = encodeMessage(response, { compress: this.compress });
    } catch (e) {
      // A handler's response that cannot be encoded is a bug in the test: answer SERVFAIL, keep the error.
      this.errors.push(e as Error);
      response = replyTo(query, { rcode: Rcode.SERVFAIL });
      answer = encodeMessage(response, { compress: this.compress });
    }
    if (transport === 'udp') {
      // RFC 6891 §6.2.5 / RFC 1035 §4.2.1: what the client can take over UDP.
      const limit = query.edns ? Math.max(CLASSIC_UDP_LIMIT, query.edns.udpSize) : CLASSIC_UDP_LIMIT;
      if (answer.length > limit) {
        response = truncated(response);
        answer = encodeMessage(response, { compress: this.compress });
      }
    }
    return { answer, plan: this.plan(response, answer, faults, transport) };
  }

  private plan(response: Message, answer: Uint8Array, faults: readonly Fault[], transport: DnsTransport): SendPlan {
    let drop = false, close = false, delayMs = 0, trickleMs = 0, answerCopies = 1, alone = false;
    const before: { bytes: Uint8Array; fromOtherPort: boolean }[] = [];
    for (const f of faults) {
      switch (f.kind) {
        case 'drop':
          drop = true;
          break;
        case 'close':
          if (transport !== 'udp') close = true;
          break;
        case 'delay':
          delayMs += f.ms;
          break;
        case 'trickle':
          if (transport !== 'udp') trickleMs = f.intervalMs ?? DEFAULT_TRICKLE_INTERVAL_MS;
          break;
        case 'duplicate':
          answerCopies = 2;
          break;
        case 'wrong-id': {
          const copy = answer.slice();
          copy[0] = (answer[0]! ^ 0x5a) & 0xff;
          before.push({ bytes: copy, fromOtherPort: false });
          alone ||= f.alone === true;
          break;
        }
        case 'wrong-question': {
          const other = { ...response, questions: response.questions.map((q) => ({ ...q, name: q.name.child('wrong') })) };
          before.push({ bytes: encodeMessage(other, { compress: this.compress }), fromOtherPort: false });
          alone ||= f.alone === true;
          break;
        }
        case 'wrong-source':
          if (transport === 'udp') {
            before.push({ bytes: answer, fromOtherPort: true });
            alone ||= f.alone === true;
          }
          break;
        case 'garbage':
          before.push({ bytes: garbageFor(response.id), fromOtherPort: false });
          alone ||= f.alone === true;
          break;
        default:
          break;
      }
    }
    return { drop, close, delayMs, trickleMs, before, answerCopies: alone ? 0 : answerCopies };
  }

  private async afterDelay(ms: number): Promise<boolean> {
    if (ms <= 0) return !this.closed;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
    return !this.closed;
  }

  private async onUdp(bytes: Uint8Array, rinfo: RemoteInfo): Promise<void> {
    const remote = { address: rinfo.address, port: rinfo.port };
    const r = await this.respond(bytes, 'udp', remote);
    if (r === undefined || r.plan.drop || !(await this.afterDelay(r.plan.delayMs))) return;
    for (const b of r.plan.before) {
      const sock = b.fromOtherPort ? await this.otherPortSocket() : this.udp;
      await this.sendUdp(sock, b.bytes, remote);
    }
    for (let i = 0; i < r.plan.answerCopies; i++) await this.sendUdp(this.udp, r.answer, remote);
  }

  private sendUdp(sock: UdpSocket, bytes: Uint8Array, to: QueryInfo['remote']): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => sock.send(bytes, to.port, to.address, () => resolve()));
  }

  /** A second UDP socket on the same host, for answers from the wrong port. */
  private async otherPortSocket(): Promise<UdpSocket> {
    if (this.otherUdp === undefined) {
      const s = createSocket(this.host.includes(':') ? 'udp6' : 'udp4');
      this.otherUdp = s;
      s.bind(0, this.host);
      await once(s, 'listening');
    }
    return this.otherUdp;
  }

  private onStreamConnection(sock: Socket, transport: 'tcp' | 'tls'): void {
    if (this.closed) {
      sock.destroy();
      return;
    }
    if (transport === 'tcp') this.stats.tcpConnections++;
    else this.stats.tlsConnections++;
    this.connections.add(sock);
    sock.on('close', () => this.connections.delete(sock));
    sock.on('error', () => sock.destroy());
    const remote = { address: sock.remoteAddress ?? '', port: sock.remotePort ?? 0 };
    let buf: Buffer = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const len = buf.readUInt16BE(0);
        const frame = new Uint8Array(buf.subarray(2, 2 + len));
        buf = buf.subarray(2 + len);
        this.guard(this.onStreamFrame(sock, transport, frame, remote));
      }
    });
  }

  private async onStreamFrame(sock: Socket, transport: 'tcp' | 'tls', frame: Uint8Array, remote: QueryInfo['remote']): Promise<void> {
    const r = await this.respond(frame, transport, remote);
    if (r === undefined || r.plan.drop) return;
    if (r.plan.close) {
      sock.destroy();
      return;
    }
    if (!(await this.afterDelay(r.plan.delayMs)) || sock.destroyed) return;
    const frames: Buffer[] = [];
    const addFrame = (bytes: Uint8Array): void => {
      const out = Buffer.allocUnsafe(2 + bytes.length);
      out.writeUInt16BE(bytes.length, 0);
      out.set(bytes, 2);
      frames.push(out);
    };
    for (const b of r.plan.before) addFrame(b.bytes);
    for (let i = 0; i < r.plan.answerCopies; i++) addFrame(r.answer);
    if (r.plan.trickleMs <= 0) {
      for (const f of frames) sock.write(f);
      return;
    }
    for (const octet of Buffer.concat(frames)) {
      if (!(await this.afterDelay(r.plan.trickleMs)) || sock.destroyed) return;
      sock.write(Uint8Array.of(octet));
    }
  }
}

/**
 * Starts a {@link DnsServer} on `host` (default 127.0.0.1), UDP and TCP on the same ephemeral port.
 * @throws Error when no port free for both is found in {@link MAX_BIND_TRIES} tries
 */
export async function startDnsServer(opts: DnsServerOptions): Promise<DnsServer> {
  const host = opts.host ?? '127.0.0.1';
  const family = host.includes(':') ? 'udp6' : 'udp4';
  for (let i = 0; i < MAX_BIND_TRIES; i++) {
    const udp = createSocket(family);
    udp.bind(0, host);
    await once(udp, 'listening');
    const port = udp.address().port;
    const tcp = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, host, () => resolve(true));
    });
    if (!ok) {
      await new Promise<void>((r) => udp.close(() => r()));
      continue;
    }
    let tlsServer: TlsServer | undefined;
    let tlsPort: number | undefined;
    if (opts.tls) {
      tlsServer = createTlsServer({ cert: opts.tls.cert, key: opts.tls.key, ALPNProtocols: [DOT_ALPN] });
      tlsServer.listen(0, host);
      await once(tlsServer, 'listening');
      tlsPort = (tlsServer.address() as AddressInfo).port;
    }
    const server = new DnsServer(host, port, udp, tcp, opts.handler, opts.compress ?? true, tlsServer, tlsPort);
    for (const rule of opts.faults ?? []) server.addFault(rule);
    return server;
  }
  throw new Error(`no port free for both UDP and TCP on ${host} after ${MAX_BIND_TRIES} tries`);
}
