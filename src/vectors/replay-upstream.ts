/**
 * The upstream of a validator vector: answers the questions a vector recorded, each as a recursive
 * resolver's message encoded to wire form (compressed) and decoded again, so that the validator
 * sees records as the stub's decoder makes them. A question without a recorded response fails as
 * SERVFAIL would, so a walk that needs more than the vector holds ends indeterminate.
 */
import { Name } from '../dns/name.ts';
import { parseZone } from '../dns/presentation.ts';
import { rrTypeFromString, rrTypeToString } from '../dns/iana/rr-types.ts';
import { Rcode } from '../dns/iana/rcodes.ts';
import { decodeMessage, encodeMessage, type Message } from '../dns/message.ts';
import type { QueryOptions, QueryResult, Resolver } from '../resolver/result.ts';
import type { RecordedResponseCase } from './case.ts';

/** A response as a recursive resolver sends it: RA set, AD clear, CD echoed, EDNS with DO. */
function responseMessage(name: Name, type: number, r: RecordedResponseCase): Message {
  const rcode = (Rcode as Record<string, number>)[r.rcode];
  if (rcode === undefined) throw new Error(`unknown RCODE ${r.rcode}`);
  return {
    id: 0, opcode: 0, rcode,
    flags: { qr: true, aa: false, tc: false, rd: true, ra: true, ad: false, cd: true },
    questions: [{ name, type, class: 1 }],
    answers: parseZone(r.answer.join('\n')),
    authorities: parseZone(r.authority.join('\n')),
    additionals: [],
    edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [] },
  };
}

/** Answers from a vector's recorded responses; keeps every question asked, in order. */
export class ReplayUpstream implements Resolver {
  readonly asked: string[] = [];
  private readonly byQuestion = new Map<string, RecordedResponseCase>();

  constructor(responses: readonly RecordedResponseCase[]) {
    for (const r of responses) {
      const type = rrTypeFromString(r.type);
      if (type === undefined) throw new Error(`unknown record type ${r.type}`);
      this.byQuestion.set(`${Name.parse(r.name).key()}|${type}`, r);
    }
  }

  async query(name: Name, type: number, _opts?: QueryOptions): Promise<QueryResult> {
    this.asked.push(`${name} ${rrTypeToString(type)}`);
    const r = this.byQuestion.get(`${name.key()}|${type}`);
    if (!r) return { ok: false, code: 'servfail', reason: `no recorded response for ${name} ${rrTypeToString(type)}`, attempts: [] };
    const message = decodeMessage(encodeMessage(responseMessage(name, type, r), { compress: true }));
    return { ok: true, message, server: 'replay', transport: 'udp', fromCache: false, attempts: [] };
  }
}
