/**
 * A message in the text form `dig` prints, for logs, transcripts and test expectations.
 * Output only: the form is for people (and for tests that compare it), not an interchange format.
 */
import { rrClassToString, rrTypeToString } from './iana/rr-types.ts';
import { opcodeToString } from './iana/opcodes.ts';
import { rcodeToString } from './iana/rcodes.ts';
import type { Message } from './message.ts';
import { formatRR } from './presentation.ts';
import { toHex } from './encoding.ts';

const FLAG_ORDER = ['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd'] as const;

/**
 * Formats a message as dig does: header line, flags and counts, EDNS pseudo-section, then the
 * question and the three record sections (records as {@link formatRR} prints them).
 */
export function formatMessage(msg: Message): string {
  const out: string[] = [];
  out.push(`;; ->>HEADER<<- opcode: ${opcodeToString(msg.opcode)}, rcode: ${rcodeToString(msg.rcode)}, id: ${msg.id}`);
  const flags = FLAG_ORDER.filter((f) => msg.flags[f]).join(' ');
  out.push(
    `;; flags: ${flags}; QUERY: ${msg.questions.length}, ANSWER: ${msg.answers.length}, ` +
      `AUTHORITY: ${msg.authorities.length}, ADDITIONAL: ${msg.additionals.length + (msg.edns ? 1 : 0)}`,
  );
  if (msg.edns) {
    const e = msg.edns;
    out.push('', ';; OPT PSEUDOSECTION:');
    out.push(`;; EDNS: version: ${e.version}, flags:${e.dnssecOk ? ' do' : ''}; udp: ${e.udpSize}`);
    for (const o of e.options) out.push(`;; OPTION ${o.code}: ${toHex(o.data)}`);
  }
  out.push('', ';; QUESTION SECTION:');
  for (const q of msg.questions) out.push(`;${q.name}\t${rrClassToString(q.class)}\t${rrTypeToString(q.type)}`);
  for (const [title, rrs] of [['ANSWER', msg.answers], ['AUTHORITY', msg.authorities], ['ADDITIONAL', msg.additionals]] as const) {
    if (rrs.length === 0) continue;
    out.push('', `;; ${title} SECTION:`);
    for (const rr of rrs) out.push(formatRR(rr));
  }
  return out.join('\n') + '\n';
}
