/**
 * Recognising an upstream that strips DNSSEC data, a common cause of validation failures in the
 * field (old forwarders, home routers, some middleboxes): the answer is then unusable for
 * validation, and the reason must say which resolver did it, not blame the zone.
 *
 * Signs, each for a NOERROR or NXDOMAIN answer to our EDNS0 query with DO=1:
 * - no OPT record in the answer: the upstream ignored EDNS0 (RFC 6891 §7);
 * - an OPT without the DO bit: RFC 3225 §3 requires it to be copied into the response;
 * - NSEC or NSEC3 records without any RRSIG in the same section: those types exist only in signed
 *   zones, so their signatures were removed (RFC 4035 §3.1.3);
 * - when the caller knows the zone is signed (`requireSignatures`): an answer without RRSIGs, or a
 *   negative answer whose authority section has none (RFC 4035 §3.1.1, §3.1.3).
 */
import type { Message } from '../dns/message.ts';
import type { ResourceRecord } from '../dns/record.ts';
import { RRType } from '../dns/iana/rr-types.ts';

/** Query types whose answers are not expected to carry RRSIGs of their own. */
const UNSIGNED_QTYPES: ReadonlySet<number> = new Set([RRType.RRSIG, RRType.ANY, RRType.OPT]);

function hasType(section: readonly ResourceRecord[], type: number): boolean {
  return section.some((rr) => rr.type === type);
}

/**
 * Says how `response` shows that its upstream strips DNSSEC data, or undefined when it shows none.
 * @param requireSignatures the caller knows the answer comes from a signed zone
 */
export function findDnssecStripping(query: Message, response: Message, requireSignatures: boolean): string | undefined {
  if (query.edns === undefined) return undefined;
  if (response.edns === undefined) return 'no OPT record in the answer to an EDNS0 query';
  if (query.edns.dnssecOk && !response.edns.dnssecOk) return 'DO bit not echoed in the answer to a DNSSEC query';
  for (const [label, section] of [['answer', response.answers], ['authority', response.authorities]] as const) {
    if ((hasType(section, RRType.NSEC) || hasType(section, RRType.NSEC3)) && !hasType(section, RRType.RRSIG)) {
      return `NSEC/NSEC3 records without RRSIGs in the ${label} section`;
    }
  }
  const qtype = query.questions[0]?.type;
  if (requireSignatures && qtype !== undefined && !UNSIGNED_QTYPES.has(qtype)) {
    if (response.answers.length > 0 && !hasType(response.answers, RRType.RRSIG)) return 'no RRSIG in the answer from a signed zone';
    if (response.answers.length === 0 && !hasType(response.authorities, RRType.RRSIG)) return 'no RRSIG in the denial from a signed zone';
  }
  return undefined;
}
