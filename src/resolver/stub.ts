/**
 * The stub resolver: asks recursive resolvers (the upstreams) for DNS data that the validator
 * will prove, and trusts nothing they say.
 *
 * - Each query: EDNS0 with DO=1 and CD=1 (see `query.ts`), a CSPRNG message ID, a fresh UDP
 *   source port, and an answer accepted only from the upstream's address and port with the same
 *   ID and question; everything else is dropped and counted (RFC 5452).
 * - TC=1 over UDP: asked again over TCP (RFC 7766 §5), on a connection that may carry several
 *   queries and is reused while open.
 * - Upstreams are tried in order, `attempts` rounds over the list, each try bounded by
 *   `timeoutMs` and the whole query by `deadlineMs`. SERVFAIL, REFUSED, FORMERR, NOTIMP, other
 *   non-answer RCODEs, undecodable traffic and an upstream that strips DNSSEC data all move on to
 *   the next upstream. When every try fails, the result is a failure value naming each upstream
 *   and what it did, never a throw.
 * - Answers (NOERROR, NXDOMAIN) are cached for their TTL (see `cache-ttl.ts`), in a cache bounded
 *   in entries; concurrent identical questions share one query. Nothing cached is trusted: the
 *   validator asks again with `fresh` what it found bogus in cached data, and caps the lifetime of
 *   what stays bogus (`capCacheLifetime`).
 *
 * - DNS-over-TLS upstreams (`tls://address#name`, RFC 7858) are asked over TLS only, their
 *   certificate checked against the name (RFC 8310 §8.1), on connections reused like TCP ones.
 *
 * Limitations: no DoH; upstreams are tried one at a time, never raced; the upstream list is
 * read from resolv.conf once, on the first query.
 */
import { outOfRange } from '../misuse.ts';
import { performance } from 'node:perf_hooks';
import { encodeMessage, type Message } from '../dns/message.ts';
import { Name } from '../dns/name.ts';
import { RRClass, RRType, rrTypeToString } from '../dns/iana/rr-types.ts';
import { Rcode, rcodeToString } from '../dns/iana/rcodes.ts';
import { ageMessage, cacheTtlSeconds } from './cache-ttl.ts';
import { InFlight, TtlCache, questionKey } from './cache.ts';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_CACHE_ENTRIES,
  DEFAULT_CACHE_OCTETS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_UDP_PAYLOAD_SIZE,
  MAX_ATTEMPTS,
  MAX_ID_DRAWS,
  MAX_UDP_PAYLOAD_SIZE,
  MAX_UPSTREAMS,
  MIN_UDP_PAYLOAD_SIZE,
} from './defaults.ts';
import { findDnssecStripping } from './dnssec-stripping.ts';
import { buildQuery, matchResponse, randomQueryId } from './query.ts';
import { readSystemResolvers, RESOLV_CONF_PATH } from './resolv-conf.ts';
import {
  FAILURE_PRECEDENCE,
  type Attempt,
  type FailureCode,
  type QueryAnswer,
  type QueryFailure,
  type QueryOptions,
  type QueryResult,
  type Resolver,
  type Transport,
} from './result.ts';

export type { QueryOptions } from './result.ts';
import { parseServerAddress, type ServerAddress } from './server-address.ts';
import { TcpConnection, type TcpOpenOutcome } from './transport-tcp.ts';
import { udpExchange } from './transport-udp.ts';
import { retainedOctets } from '../dns/detach.ts';
import { UpstreamPacer } from './pacer.ts';
import { abortReason, addDrops, describeDrops, noDrops, totalDrops, type DropCounts, type ExchangeOutcome } from './transport.ts';

/** A connection that failed at once on reuse (the server may have closed it while idle) is replaced this many times (RFC 7766 §6.2.1). */
const MAX_TCP_RECONNECTS = 1;
/** The longest time the whole query, or one try, may be given (a day: anything longer is a mistake). */
const MAX_TIME_OPTION_MS = 86_400_000;

/** Options of a {@link StubResolver}; every field has a default. */
export interface StubResolverOptions {
  /**
   * Upstreams, e.g. `['192.0.2.53', '[2001:db8::53]:5353', 'tls://192.0.2.53#dns.example']`
   * (see `server-address.ts`); default: the `nameserver` lines of resolv.conf.
   */
  readonly servers?: readonly string[];
  /** CA certificates (PEM) that DNS-over-TLS upstreams are checked against instead of the system's. */
  readonly tlsCa?: string | readonly string[];
  /** Where to read the system's upstreams when `servers` is not given (default `/etc/resolv.conf`). */
  readonly resolvConfPath?: string;
  /** Time one try may take (default {@link DEFAULT_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
  /** Rounds over the upstream list (default {@link DEFAULT_ATTEMPTS}). */
  readonly attempts?: number;
  /** Time the whole query may take (default {@link DEFAULT_DEADLINE_MS}). */
  readonly deadlineMs?: number;
  /** EDNS0 UDP payload size to advertise (default {@link DEFAULT_UDP_PAYLOAD_SIZE}). */
  readonly udpSize?: number;
  /** Answers the cache holds; 0 disables caching (default {@link DEFAULT_CACHE_ENTRIES}). */
  readonly cacheSize?: number;
  /** Octets of answers the cache holds, each counted with what it keeps alive (default {@link DEFAULT_CACHE_OCTETS}). */
  readonly cacheOctets?: number;
  /** The clock for cache lifetimes, in milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
  /** Most queries a second sent to each upstream (pacer.ts); default: no limit. Cache hits are not counted. */
  readonly queriesPerSecond?: number;
}

/** Counters since the resolver was made. */
export interface ResolverStats {
  readonly udpQueries: number;
  /** Queries sent over TCP or TLS. */
  readonly tcpQueries: number;
  readonly cacheHits: number;
  /** Queries that joined an identical one already in flight instead of sending their own. */
  readonly deduplicated: number;
  /** Messages that arrived and were not taken as an answer, by reason. */
  readonly dropped: DropCounts;
}

interface Question {
  readonly name: Name;
  readonly type: number;
  readonly class: number;
}

interface Cached {
  readonly message: Message;
  readonly server: string;
  readonly transport: Transport;
}

/** The RCODEs with a failure code of their own; any other RCODE but NOERROR/NXDOMAIN is `rcode` (RFC 1035 §4.1.1). */
const RCODE_FAILURES: ReadonlyMap<number, FailureCode> = new Map([
  [Rcode.FORMERR, 'formerr'],
  [Rcode.SERVFAIL, 'servfail'],
  [Rcode.NOTIMP, 'notimp'],
  [Rcode.REFUSED, 'refused'],
]);

function checkInt(value: number | undefined, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw outOfRange(`expected ${what} to be an integer in ${min}..${max}, got ${value}`);
  }
  return value;
}

/** What caching `m` keeps alive: its records, and the decoded message's buffer they are views into. */
function messageOctets(m: Message): number {
  const buffers = new Set<ArrayBufferLike>();
  return 512 + retainedOctets(m.answers, buffers) + retainedOctets(m.authorities, buffers) + retainedOctets(m.additionals, buffers);
}

function questionText(q: Question): string {
  const cls = q.class === RRClass.IN ? '' : ` CLASS${q.class}`;
  return `${q.name.toString()}${cls} ${rrTypeToString(q.type)}`;
}

/** A stub resolver over UDP and TCP; see the module comment for what it does. */
export class StubResolver implements Resolver {
  private readonly configuredServers: readonly ServerAddress[] | undefined;
  private readonly resolvConfPath: string;
  private systemServers: Promise<readonly ServerAddress[]> | undefined;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly deadlineMs: number;
  private readonly udpSize: number;
  private readonly now: () => number;
  private readonly tlsCa: string | readonly string[] | undefined;
  private readonly pacer: UpstreamPacer | undefined;
  private readonly cache: TtlCache<Cached>;
  private readonly inFlight = new InFlight<QueryResult>();
  /** The connection new TCP queries to an upstream go to, by upstream. */
  private readonly tcp = new Map<string, TcpConnection>();
  /** Connections being opened, by upstream, so that concurrent queries share one. */
  private readonly tcpOpening = new Map<string, Promise<TcpOpenOutcome>>();
  /** Every connection not yet known to be closed, for {@link close}. */
  private readonly tcpAll = new Set<TcpConnection>();
  private readonly counters = { udpQueries: 0, tcpQueries: 0, cacheHits: 0, deduplicated: 0, dropped: noDrops() };

  /**
   * @throws TypeError or RangeError for an unusable option (a server that is not an IP address,
   *   a negative timeout ...): caller misuse, with the option named
   */
  constructor(opts: StubResolverOptions = {}) {
    if (opts.servers !== undefined) {
      if (opts.servers.length === 0) throw outOfRange('expected at least one server, got an empty list');
      if (opts.servers.length > MAX_UPSTREAMS) throw outOfRange(`expected at most ${MAX_UPSTREAMS} servers, got ${opts.servers.length}`);
      this.configuredServers = Object.freeze(opts.servers.map((s) => parseServerAddress(s)));
    }
    this.resolvConfPath = opts.resolvConfPath ?? RESOLV_CONF_PATH;
    this.timeoutMs = checkInt(opts.timeoutMs, DEFAULT_TIMEOUT_MS, 1, MAX_TIME_OPTION_MS, 'timeoutMs');
    this.attempts = checkInt(opts.attempts, DEFAULT_ATTEMPTS, 1, MAX_ATTEMPTS, 'attempts');
    this.deadlineMs = checkInt(opts.deadlineMs, DEFAULT_DEADLINE_MS, 1, MAX_TIME_OPTION_MS, 'deadlineMs');
    this.udpSize = checkInt(opts.udpSize, DEFAULT_UDP_PAYLOAD_SIZE, MIN_UDP_PAYLOAD_SIZE, MAX_UDP_PAYLOAD_SIZE, 'udpSize');
    this.cache = new TtlCache(
      checkInt(opts.cacheSize, DEFAULT_CACHE_ENTRIES, 0, Number.MAX_SAFE_INTEGER, 'cacheSize'),
      checkInt(opts.cacheOctets, DEFAULT_CACHE_OCTETS, 0, Number.MAX_SAFE_INTEGER, 'cacheOctets'),
    );
    this.now = opts.now ?? Date.now;
    this.tlsCa = opts.tlsCa;
    this.pacer = opts.queriesPerSecond === undefined ? undefined : new UpstreamPacer(opts.queriesPerSecond);
  }

  /** The upstreams in the order they are tried. */
  servers(): Promise<readonly ServerAddress[]> {
    if (this.configuredServers !== undefined) return Promise.resolve(this.configuredServers);
    this.systemServers ??= readSystemResolvers(this.resolvConfPath).then((s) => Object.freeze(s.slice(0, MAX_UPSTREAMS)));
    return this.systemServers;
  }

  /** A snapshot of the counters. */
  get stats(): ResolverStats {
    return { ...this.counters, dropped: { ...this.counters.dropped } };
  }

  /**
   * Asks the upstreams for `name`/`type`. Never rejects for anything the network does.
   * @throws TypeError when `name` is not a {@link Name} or `type`/`class` is not a 16-bit number (caller misuse)
   */
  query(name: Name, type: number, opts: QueryOptions = {}): Promise<QueryResult> {
    if (!(name instanceof Name)) throw new TypeError('expected name to be a Name');
    const cls = opts.class ?? RRClass.IN;
    for (const [v, what] of [[type, 'type'], [cls, 'class']] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new TypeError(`expected ${what} to be an integer in 0..65535, got ${v}`);
    }
    const question: Question = { name, type, class: cls };
    const requireSignatures = opts.requireSignatures === true;
    const signal = opts.signal;
    if (signal?.aborted) return Promise.resolve(this.aborted(abortReason(signal)));

    const key = questionKey(name, type, cls);
    const hit = opts.fresh === true ? undefined : this.cache.get(key, this.now());
    if (hit !== undefined) {
      const probe = buildQuery(question, { id: 0, udpSize: this.udpSize });
      if (findDnssecStripping(probe, hit.value.message, requireSignatures) === undefined) {
        this.counters.cacheHits++;
        const { message, server, transport } = hit.value;
        return Promise.resolve({ ok: true, message: ageMessage(message, hit.ageSeconds), server, transport, fromCache: true, attempts: [] });
      }
    }
    const flightKey = requireSignatures ? `${key} +sigs` : key;
    if (this.inFlight.has(flightKey)) this.counters.deduplicated++;
    return this.inFlight.run(
      flightKey,
      signal,
      (shared) => this.resolve(question, key, requireSignatures, shared),
      () => this.aborted(signal ? abortReason(signal) : 'aborted'),
    );
  }

  /** {@inheritDoc Resolver.capCacheLifetime} (class IN). */
  capCacheLifetime(name: Name, type: number, seconds: number): void {
    this.cache.cap(questionKey(name, type, RRClass.IN), seconds, this.now());
  }

  /** Closes open TCP connections and empties the cache. Queries in flight end with `network`. */
  close(): void {
    for (const c of this.tcpAll) c.close();
    this.tcpAll.clear();
    this.tcp.clear();
    this.cache.clear();
  }

  private aborted(reason: string): QueryFailure {
    return { ok: false, code: 'aborted', reason: `query aborted: ${reason}`, attempts: [] };
  }

  private async resolve(question: Question, key: string, requireSignatures: boolean, signal: AbortSignal): Promise<QueryResult> {
    const deadlineAt = performance.now() + this.deadlineMs;
    const servers = await this.servers();
    const attempts: Attempt[] = [];
    for (let round = 0; round < this.attempts; round++) {
      for (const server of servers) {
        if (signal.aborted) return this.failure(question, attempts, 'aborted', abortReason(signal));
        const remaining = Math.floor(deadlineAt - performance.now());
        // The code stays the most telling of the tries (a stripping upstream says more than the clock); `timeout` when none.
        if (remaining <= 0) return this.failure(question, attempts, undefined, `deadline of ${this.deadlineMs} ms reached`);
        if (this.pacer) {
          await this.pacer.wait(server.text, deadlineAt, signal);
          if (signal.aborted) return this.failure(question, attempts, 'aborted', abortReason(signal));
          if (deadlineAt - performance.now() <= 0) return this.failure(question, attempts, undefined, `deadline of ${this.deadlineMs} ms reached waiting for the rate limit of ${this.pacer.queriesPerSecond} queries a second`);
        }
        const answer = await this.tryServer(server, question, requireSignatures, deadlineAt, signal, attempts);
        if (answer !== undefined) {
          // The cache keeps its own copy: the caller may change the message it was given.
          const stored = { message: ageMessage(answer.message, 0), server: answer.server, transport: answer.transport };
          this.cache.set(key, stored, cacheTtlSeconds(answer.message), this.now(), messageOctets(stored.message));
          return answer;
        }
      }
    }
    if (signal.aborted) return this.failure(question, attempts, 'aborted', abortReason(signal));
    return this.failure(question, attempts);
  }

  private failure(question: Question, attempts: readonly Attempt[], code?: FailureCode, why?: string): QueryFailure {
    const codes = new Set(attempts.map((a) => a.code));
    const chosen = code ?? FAILURE_PRECEDENCE.find((c) => codes.has(c)) ?? 'timeout';
    const tries = attempts.map((a) => `${a.server} over ${a.transport.toUpperCase()}: ${a.reason}`).join('; ');
    const head = `no usable answer for ${questionText(question)}`;
    const reason = [head + (why ? ` (${why})` : ''), tries].filter((s) => s !== '').join(': ');
    return { ok: false, code: chosen, reason, attempts };
  }

  private remaining(deadlineAt: number): number {
    return Math.max(1, Math.min(this.timeoutMs, Math.floor(deadlineAt - performance.now())));
  }

  /** One upstream: UDP, then TCP when the UDP answer is truncated. Records its tries in `attempts`. */
  private async tryServer(
    server: ServerAddress,
    question: Question,
    requireSignatures: boolean,
    deadlineAt: number,
    signal: AbortSignal,
    attempts: Attempt[],
  ): Promise<QueryAnswer | undefined> {
    if (server.protocol === 'tls') {
      // RFC 7858: a DoT upstream is asked over TLS only, never in clear over UDP.
      const dot = await this.tcpExchange(server, question, deadlineAt, signal);
      return this.judgeStream(server, 'tls', dot, requireSignatures, attempts);
    }
    const query = buildQuery(question, { id: randomQueryId(), udpSize: this.udpSize });
    this.counters.udpQueries++;
    const udp = await udpExchange({
      server,
      query: encodeMessage(query),
      accept: (b) => matchResponse(query, b),
      timeoutMs: this.remaining(deadlineAt),
      signal,
    });
    addDrops(this.counters.dropped, udp.dropped);
    if (!udp.ok) {
      attempts.push(failedExchange(server, 'udp', udp));
      return undefined;
    }
    if (!udp.value.flags.tc) return this.judge(server, 'udp', query, udp.value, udp.dropped, requireSignatures, attempts);

    // RFC 7766 §5, RFC 1035 §4.2.1: a truncated UDP answer is asked again over TCP.
    attempts.push({ server: server.text, transport: 'udp', code: 'retry-tcp', reason: 'answer truncated (TC=1), asked again over TCP', dropped: udp.dropped });
    if (deadlineAt - performance.now() <= 0) {
      attempts.push({ server: server.text, transport: 'tcp', code: 'timeout', reason: `deadline of ${this.deadlineMs} ms reached before the TCP retry`, dropped: noDrops() });
      return undefined;
    }
    const tcp = await this.tcpExchange(server, question, deadlineAt, signal);
    return this.judgeStream(server, 'tcp', tcp, requireSignatures, attempts);
  }

  /** Judges the outcome of a query over a stream (TCP or TLS), where TC=1 means nothing can be done. */
  private judgeStream(
    server: ServerAddress,
    transport: Transport,
    sent: { outcome: ExchangeOutcome<Message>; query: Message },
    requireSignatures: boolean,
    attempts: Attempt[],
  ): QueryAnswer | undefined {
    if (!sent.outcome.ok) {
      attempts.push(failedExchange(server, transport, sent.outcome));
      return undefined;
    }
    const message = sent.outcome.value;
    if (message.flags.tc) {
      const reason = `answer truncated (TC=1) even over ${transport.toUpperCase()}`;
      attempts.push({ server: server.text, transport, code: 'truncated', reason, dropped: sent.outcome.dropped });
      return undefined;
    }
    return this.judge(server, transport, sent.query, message, sent.outcome.dropped, requireSignatures, attempts);
  }

  /** Whether an accepted message is an answer we can use: RCODE, then DNSSEC stripping. */
  private judge(
    server: ServerAddress,
    transport: Transport,
    query: Message,
    message: Message,
    dropped: DropCounts,
    requireSignatures: boolean,
    attempts: Attempt[],
  ): QueryAnswer | undefined {
    const base = { server: server.text, transport, dropped };
    if (message.rcode !== Rcode.NOERROR && message.rcode !== Rcode.NXDOMAIN) {
      attempts.push({ ...base, code: RCODE_FAILURES.get(message.rcode) ?? 'rcode', reason: rcodeToString(message.rcode) });
      return undefined;
    }
    if (isReferral(message)) {
      attempts.push({ ...base, code: 'not-recursive', reason: `the resolver at ${server.text} answered with a referral: not a recursive resolver` });
      return undefined;
    }
    const stripped = findDnssecStripping(query, message, requireSignatures);
    if (stripped !== undefined) {
      attempts.push({ ...base, code: 'dnssec-stripped', reason: `the resolver at ${server.text} strips DNSSEC records: ${stripped}` });
      return undefined;
    }
    attempts.push({ ...base, code: 'ok', reason: rcodeToString(message.rcode) });
    return { ok: true, message, server: server.text, transport, fromCache: false, attempts: [...attempts] };
  }

  /**
   * The upstream's open connection when it has room (`reused`), else a new one; a connection
   * being opened by a concurrent query is shared.
   */
  private async tcpConnection(
    server: ServerAddress,
    deadlineAt: number,
    signal: AbortSignal,
  ): Promise<{ ok: true; connection: TcpConnection; reused: boolean } | Extract<TcpOpenOutcome, { ok: false }>> {
    const current = this.tcp.get(server.text);
    if (current?.hasRoom) return { ok: true, connection: current, reused: true };
    const opening = this.tcpOpening.get(server.text);
    if (opening !== undefined) {
      const o = await opening;
      if (o.ok && o.connection.hasRoom) return { ok: true, connection: o.connection, reused: false };
    }
    const tls = server.protocol === 'tls' ? { servername: server.tlsName ?? '', ca: this.tlsCa } : undefined;
    const p = TcpConnection.open(server, { timeoutMs: this.remaining(deadlineAt), signal, onUnmatched: (r) => this.counters.dropped[r]++, tls });
    this.tcpOpening.set(server.text, p);
    const o = await p;
    if (this.tcpOpening.get(server.text) === p) this.tcpOpening.delete(server.text);
    if (!o.ok) return o;
    for (const c of this.tcpAll) if (c.closed) this.tcpAll.delete(c);
    this.tcpAll.add(o.connection);
    this.tcp.set(server.text, o.connection);
    return { ok: true, connection: o.connection, reused: false };
  }

  /** One query over TCP, on the upstream's open connection when it has room, else on a new one. */
  private async tcpExchange(
    server: ServerAddress,
    question: Question,
    deadlineAt: number,
    signal: AbortSignal,
  ): Promise<{ outcome: ExchangeOutcome<Message>; query: Message }> {
    let query = buildQuery(question, { id: randomQueryId(), udpSize: this.udpSize });
    for (let reconnects = 0; ; reconnects++) {
      const got = await this.tcpConnection(server, deadlineAt, signal);
      if (!got.ok) return { outcome: { ok: false, code: got.code, reason: got.reason, dropped: noDrops() }, query };
      const { connection: conn, reused } = got;
      // RFC 7766 §7: IDs must be unique among the queries outstanding on one connection.
      let draws = 0;
      while (conn.hasPending(query.id)) {
        if (++draws > MAX_ID_DRAWS) {
          return { outcome: { ok: false, code: 'network', reason: `no free query ID on the TCP connection after ${MAX_ID_DRAWS} draws`, dropped: noDrops() }, query };
        }
        query = buildQuery(question, { id: randomQueryId(), udpSize: this.udpSize });
      }
      const q = query;
      this.counters.tcpQueries++;
      const outcome = await conn.exchange({ query: encodeMessage(q), accept: (b) => matchResponse(q, b), timeoutMs: this.remaining(deadlineAt), signal });
      addDrops(this.counters.dropped, outcome.dropped);
      if (!outcome.ok && outcome.code === 'network' && reused && reconnects < MAX_TCP_RECONNECTS) continue;
      return { outcome, query: q };
    }
  }
}

/**
 * A referral: NOERROR, no answer, NS records and no SOA in the authority section (RFC 1034 §4.3.1).
 * A recursive resolver never sends one; an authoritative server given as upstream does.
 */
function isReferral(m: Message): boolean {
  return (
    m.rcode === Rcode.NOERROR &&
    m.answers.length === 0 &&
    m.authorities.some((rr) => rr.type === RRType.NS) &&
    !m.authorities.some((rr) => rr.type === RRType.SOA)
  );
}

/** The attempt record of an exchange that produced no message. */
function failedExchange(server: ServerAddress, transport: Transport, out: Extract<ExchangeOutcome<unknown>, { ok: false }>): Attempt {
  // A try that saw only undecodable messages says so: "malformed" tells more than "timeout".
  const code: FailureCode = out.code === 'timeout' && out.dropped.malformed > 0 ? 'malformed' : out.code;
  const drops = totalDrops(out.dropped) > 0 ? ` (dropped ${describeDrops(out.dropped)})` : '';
  return { server: server.text, transport, code, reason: out.reason + drops, dropped: out.dropped };
}
