/**
 * Building a query and deciding whether arriving bytes are its answer.
 *
 * Queries ask for everything a validator needs (RFC 4035 §4.9.1-4.9.2): EDNS0 with a UDP
 * payload size (RFC 6891), DO=1 so that RRSIG/NSEC/NSEC3 come along (RFC 3225), and CD=1 so that
 * a validating upstream hands over data it thinks bogus instead of SERVFAIL (RFC 4035 §3.2.2);
 * we validate ourselves. RD=1: the upstream is a recursive resolver.
 */
import { randomInt } from 'node:crypto';
import { decodeMessage, type Message } from '../dns/message.ts';
import type { Name } from '../dns/name.ts';
import { Opcode } from '../dns/iana/opcodes.ts';
import { Rcode } from '../dns/iana/rcodes.ts';
import type { Verdict } from './transport.ts';

/** Response codes for which an upstream may leave out the question section. */
const ERROR_RCODES_WITHOUT_QUESTION: ReadonlySet<number> = new Set([Rcode.FORMERR, Rcode.NOTIMP, Rcode.REFUSED]);

/** A message ID from the operating system's CSPRNG (RFC 5452 §4.3: IDs must be unpredictable). */
export function randomQueryId(): number {
  return randomInt(0, 0x10000);
}

/** The query message for one question. */
export function buildQuery(question: { name: Name; type: number; class: number }, opts: { id: number; udpSize: number }): Message {
  return {
    id: opts.id,
    opcode: Opcode.QUERY,
    flags: { qr: false, aa: false, tc: false, rd: true, ra: false, ad: false, cd: true },
    rcode: 0,
    questions: [{ name: question.name, type: question.type, class: question.class }],
    answers: [],
    authorities: [],
    additionals: [],
    edns: { udpSize: opts.udpSize, version: 0, dnssecOk: true, options: [] },
  };
}

/**
 * Decides whether `bytes` answer `query` (RFC 5452 §4.1-4.3, §9.1): a decodable response with the
 * same ID and opcode, and the same question (name compared case-insensitively, RFC 4343; type and
 * class). Error responses (FORMERR, NOTIMP, REFUSED) may come without a question, as RFC 1035
 * servers send them. Anything else is dropped with the reason.
 */
export function matchResponse(query: Message, bytes: Uint8Array): Verdict<Message> {
  if (bytes.length < 2 || ((bytes[0]! << 8) | bytes[1]!) !== query.id) return { drop: 'wrong-id' };
  let msg: Message;
  try {
    // A record whose RDATA is malformed is left out, not the whole answer (see DecodeOptions.scrub):
    // refused whole, the answer was asked again until the query timed out.
    msg = decodeMessage(bytes, { scrub: true });
  } catch {
    // The decoder throws DnsFormatError for bad input; anything else would be a decoder bug, and
    // bytes from the network must never crash the resolver either way: dropped, counted as malformed.
    return { drop: 'malformed' };
  }
  if (!msg.flags.qr || msg.opcode !== query.opcode) return { drop: 'not-a-response' };
  const q = query.questions[0]!;
  if (msg.questions.length === 0 && ERROR_RCODES_WITHOUT_QUESTION.has(msg.rcode)) return { accept: msg };
  const r = msg.questions[0];
  if (msg.questions.length !== 1 || r === undefined || r.type !== q.type || r.class !== q.class || !r.name.equals(q.name)) {
    return { drop: 'wrong-question' };
  }
  return { accept: msg };
}
