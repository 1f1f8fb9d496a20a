/**
 * Resolvers for validator tests that need no socket: {@link ReplayUpstream} answers from recorded
 * responses (the validator vectors of vectors/validator/), {@link CallbackUpstream} from a function
 * (the mutation tests), and {@link parseValidatorVector} reads a vector file (through the runner's reader).
 *
 * Vector file format (presentation text, see vectors/validator/README.md):
 * ```
 * ; source: RFC 4035 Appendix B.2 ...
 * ; now: 20040412000000                  RRSIG time form, UTC: the validator's clock
 * ; anchor: example. DNSKEY 257 3 5 ...  one or more trust anchors (DS or DNSKEY records)
 * ; include: keys.inc                    responses shared by a folder (path relative to the file)
 * ; query: ml.example. A
 * ; expect: bogus denial-invalid         status, and the first reason's code unless secure
 * ;; RESPONSE ml.example. A NXDOMAIN     a recorded response to one question
 * ;; ANSWER                              records below go to the answer section (the default)
 * ;; AUTHORITY                           ... or to the authority section
 * ```
 * A question without a recorded response fails as SERVFAIL would, so a walk that asks more than
 * the vector holds ends indeterminate and is noticed.
 */
import { Name } from '../../src/dns/name.ts';
import { parseZone } from '../../src/dns/presentation.ts';
import { rrTypeFromString, rrTypeToString } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { decodeMessage, encodeMessage, type Message } from '../../src/dns/message.ts';
import type { QueryOptions, QueryResult, Resolver } from '../../src/resolver/result.ts';
import type { SecurityStatus } from '../../src/dnssec/status.ts';
import { readValidatorCase } from '../../src/vectors/load-validator.ts';

/** One recorded response: the question it answers and its two record sections. */
export interface RecordedResponse {
  readonly name: Name;
  readonly type: number;
  readonly rcode: number;
  readonly answers: ResourceRecord[];
  readonly authorities: ResourceRecord[];
}

export interface ValidatorVector {
  readonly source: string;
  readonly now: Date;
  /** Trust anchors as presentation text, one record per line. */
  readonly anchors: string;
  readonly query: { readonly name: Name; readonly type: number };
  readonly expect: { readonly status: SecurityStatus; readonly code?: string };
  readonly responses: readonly RecordedResponse[];
}

/** `YYYYMMDDHHmmSS` (UTC) as a Date. */
export function parseRrsigTime(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) throw new Error(`expected a time as YYYYMMDDHHmmSS, got ${JSON.stringify(text)}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function typeFromString(text: string): number {
  const t = rrTypeFromString(text);
  if (t === undefined) throw new Error(`unknown record type ${text}`);
  return t;
}

function rcodeFromString(text: string): number {
  const rc = (Rcode as Record<string, number>)[text.toUpperCase()];
  if (rc === undefined) throw new Error(`unknown RCODE ${text}`);
  return rc;
}

/**
 * Reads a vector file through the conformance runner's reader (src/vectors/load-validator.ts: the
 * one parser of the format), into records and names for the tests. `read(path)` returns the text
 * of an included file, `path` being relative to the vectors/validator/ folder (`rfc4035/keys.inc`).
 * @throws Error naming the file and line of a malformed vector
 */
export function parseValidatorVector(text: string, file: string, read: (path: string) => string): ValidatorVector {
  const c = readValidatorCase(text, file, read);
  return {
    source: c.source,
    now: parseRrsigTime(c.now),
    anchors: c.anchors.join('\n'),
    query: { name: Name.parse(c.query.name), type: typeFromString(c.query.type) },
    expect: c.expect,
    responses: c.responses.map((r) => ({
      name: Name.parse(r.name),
      type: typeFromString(r.type),
      rcode: rcodeFromString(r.rcode),
      answers: parseZone(r.answer.join('\n')),
      authorities: parseZone(r.authority.join('\n')),
    })),
  };
}

/** A response message as a recursive resolver sends it (RA set, AD clear, CD echoed). */
export function responseMessage(name: Name, type: number, rcode: number, answers: ResourceRecord[], authorities: ResourceRecord[]): Message {
  return {
    id: 0,
    opcode: 0,
    rcode,
    flags: { qr: true, aa: false, tc: false, rd: true, ra: true, ad: false, cd: true },
    questions: [{ name, type, class: 1 }],
    answers,
    authorities,
    additionals: [],
    edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [] },
  };
}

function answered(message: Message): QueryResult {
  return { ok: true, message, server: 'replay', transport: 'udp', fromCache: false, attempts: [] };
}

/** What a question without an answer gets: a failure as for SERVFAIL from every upstream. */
function unanswered(name: Name, type: number): QueryResult {
  return { ok: false, code: 'servfail', reason: `no recorded response for ${name} ${rrTypeToString(type)}`, attempts: [] };
}

/**
 * Answers from recorded responses; records every question asked, in order. Each answer travels as
 * a stub resolver's would: encoded to wire form with name compression and decoded again, so the
 * validator sees records as the message decoder makes them.
 */
export class ReplayUpstream implements Resolver {
  readonly asked: string[] = [];
  private readonly byQuestion = new Map<string, RecordedResponse>();

  constructor(responses: readonly RecordedResponse[]) {
    for (const r of responses) {
      const k = `${r.name.key()}|${r.type}`;
      if (this.byQuestion.has(k)) throw new Error(`two recorded responses for ${r.name} ${rrTypeToString(r.type)}`);
      this.byQuestion.set(k, r);
    }
  }

  async query(name: Name, type: number, _opts?: QueryOptions): Promise<QueryResult> {
    this.asked.push(`${name} ${rrTypeToString(type)}`);
    const r = this.byQuestion.get(`${name.key()}|${type}`);
    if (!r) return unanswered(name, type);
    // A fresh decoded message per answer: the validator cannot change the recording.
    return answered(decodeMessage(encodeMessage(responseMessage(name, type, r.rcode, r.answers, r.authorities), { compress: true })));
  }
}

/**
 * Answers with whatever `answer(name, type)` gives: a message, or undefined for a SERVFAIL-like
 * failure. With `wire`, each message is encoded (compressed) and decoded on the way, as a stub's is.
 */
export class CallbackUpstream implements Resolver {
  readonly asked: string[] = [];
  constructor(
    private readonly answer: (name: Name, type: number) => Message | undefined,
    private readonly opts: { readonly wire?: boolean } = {},
  ) {}

  async query(name: Name, type: number, _opts?: QueryOptions): Promise<QueryResult> {
    this.asked.push(`${name} ${rrTypeToString(type)}`);
    const m = this.answer(name, type);
    if (!m) return unanswered(name, type);
    return answered(this.opts.wire ? decodeMessage(encodeMessage(m, { compress: true })) : m);
  }
}
