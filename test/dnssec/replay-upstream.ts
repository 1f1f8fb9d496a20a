/**
 * Resolvers for validator tests that need no socket: {@link ReplayUpstream} answers from recorded
 * responses (the validator vectors of vectors/validator/), {@link CallbackUpstream} from a function
 * (the mutation tests), and {@link parseValidatorVector} reads a vector file.
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

/** Most `; include:` levels followed (an include may not include itself forever). */
const MAX_INCLUDE_DEPTH = 4;

const STATUSES: readonly SecurityStatus[] = ['secure', 'insecure', 'bogus', 'indeterminate'];

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

interface Draft {
  headers: Map<string, string[]>;
  responses: RecordedResponse[];
}

function parseInto(text: string, file: string, readFile: (path: string, from: string) => string, out: Draft, depth: number): void {
  if (depth > MAX_INCLUDE_DEPTH) throw new Error(`${file}: includes nested deeper than ${MAX_INCLUDE_DEPTH}`);
  let current: { name: Name; type: number; rcode: number; answer: string[]; authority: string[] } | undefined;
  let section: 'answer' | 'authority' = 'answer';
  const flush = () => {
    if (!current) return;
    out.responses.push({
      name: current.name,
      type: current.type,
      rcode: current.rcode,
      answers: parseZone(current.answer.join('\n')),
      authorities: parseZone(current.authority.join('\n')),
    });
  };
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    const marker = /^;;\s*(RESPONSE|ANSWER|AUTHORITY)\b\s*(.*)$/.exec(line);
    if (marker) {
      if (marker[1] === 'RESPONSE') {
        flush();
        const [name, type, rcode, ...rest] = marker[2]!.split(/\s+/);
        if (!name || !type || !rcode || rest.length) throw new Error(`${file}:${i + 1}: expected ";; RESPONSE <name> <type> <rcode>"`);
        current = { name: Name.parse(name), type: typeFromString(type), rcode: rcodeFromString(rcode), answer: [], authority: [] };
        section = 'answer';
      } else {
        section = marker[1] === 'ANSWER' ? 'answer' : 'authority';
      }
      continue;
    }
    const header = /^;\s*([a-z-]+):\s*(.*)$/.exec(line);
    if (header && !current) {
      const [, key, value] = header as unknown as [string, string, string];
      if (key === 'include') parseInto(readFile(value, file), value, readFile, out, depth + 1);
      else out.headers.set(key, [...(out.headers.get(key) ?? []), value]);
      continue;
    }
    if (line === '' || line.startsWith(';')) continue;
    if (!current) throw new Error(`${file}:${i + 1}: a record before the first ";; RESPONSE" line`);
    current[section].push(raw);
  }
  flush();
}

/**
 * Reads a vector file. `readFile(path, from)` returns the text of an included file, `path` being
 * relative to the file `from`.
 * @throws Error naming the file and line of a malformed vector
 */
export function parseValidatorVector(text: string, file: string, readFile: (path: string, from: string) => string): ValidatorVector {
  const draft: Draft = { headers: new Map(), responses: [] };
  parseInto(text, file, readFile, draft, 0);
  const one = (key: string): string => {
    const v = draft.headers.get(key);
    if (!v || v.length !== 1) throw new Error(`${file}: expected exactly one "; ${key}:" header`);
    return v[0]!;
  };
  const [qname, qtype, ...qrest] = one('query').split(/\s+/);
  if (!qname || !qtype || qrest.length) throw new Error(`${file}: "; query:" takes a name and a type`);
  const [status, code, ...erest] = one('expect').split(/\s+/);
  if (!STATUSES.includes(status as SecurityStatus) || erest.length || (status !== 'secure' && !code)) {
    throw new Error(`${file}: "; expect:" takes a status and, unless secure, a reason code`);
  }
  const anchors = draft.headers.get('anchor');
  if (!anchors?.length) throw new Error(`${file}: no "; anchor:" header`);
  return {
    source: (draft.headers.get('source') ?? []).join(' '),
    now: parseRrsigTime(one('now')),
    anchors: anchors.join('\n'),
    query: { name: Name.parse(qname), type: typeFromString(qtype) },
    expect: { status: status as SecurityStatus, ...(code ? { code } : {}) },
    responses: draft.responses,
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
