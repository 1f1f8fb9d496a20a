/**
 * How long an answer may be cached, and how its TTLs age while it is.
 *
 * - A positive answer: the smallest TTL among its answer and authority records (RRSIGs included),
 *   capped at {@link MAX_CACHE_TTL_SECONDS}.
 * - A negative answer (NXDOMAIN, or NOERROR without answers): RFC 2308 §5, the smaller of the SOA
 *   record's TTL and its MINIMUM field (and of every other authority record's TTL, so the NSEC/NSEC3
 *   proof does not outlive itself), capped at {@link MAX_NEGATIVE_TTL_SECONDS}; without an SOA it is
 *   not cached (RFC 2308 §5).
 * - Truncated answers and other RCODEs are not cached.
 * A TTL with the top bit set counts as 0 (RFC 2181 §8).
 */
import type { Message } from '../dns/message.ts';
import { isType, type ResourceRecord } from '../dns/record.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import { Rcode } from '../dns/iana/rcodes.ts';
import { MAX_CACHE_TTL_SECONDS, MAX_NEGATIVE_TTL_SECONDS } from './defaults.ts';

/** RFC 2181 §8: TTLs are 31-bit values; one with the top bit set is taken as 0. */
const MAX_TTL = 0x7fffffff;

function ttlOf(rr: ResourceRecord): number {
  return rr.ttl > MAX_TTL ? 0 : rr.ttl;
}

function minTtl(records: readonly ResourceRecord[]): number {
  let m = Infinity;
  for (const rr of records) m = Math.min(m, ttlOf(rr));
  return m;
}

/** Seconds `message` may be cached; 0 means not at all. */
export function cacheTtlSeconds(message: Message): number {
  if (message.flags.tc) return 0;
  if (message.rcode !== Rcode.NOERROR && message.rcode !== Rcode.NXDOMAIN) return 0;
  const negative = message.rcode === Rcode.NXDOMAIN || message.answers.length === 0;
  if (!negative) {
    const t = Math.min(minTtl(message.answers), minTtl(message.authorities));
    return Math.min(t, MAX_CACHE_TTL_SECONDS);
  }
  const soa = message.authorities.find((rr) => isType(rr, RRType.SOA));
  if (soa === undefined || !isType(soa, RRType.SOA)) return 0;
  const t = Math.min(ttlOf(soa), soa.data.minimum, minTtl(message.authorities), minTtl(message.answers));
  return Math.min(t, MAX_NEGATIVE_TTL_SECONDS);
}

/**
 * A copy of `message` with every record's TTL lowered by `ageSeconds` (not below 0), for an answer
 * served from the cache. Always a copy, so a caller that changes it cannot change the cache.
 */
export function ageMessage(message: Message, ageSeconds: number): Message {
  const age = (rrs: readonly ResourceRecord[]): ResourceRecord[] => rrs.map((rr) => ({ ...rr, ttl: Math.max(0, ttlOf(rr) - Math.max(0, ageSeconds)) }));
  const copy: Message = {
    ...message,
    flags: { ...message.flags },
    questions: message.questions.map((q) => ({ ...q })),
    answers: age(message.answers),
    authorities: age(message.authorities),
    additionals: age(message.additionals),
  };
  if (message.edns) copy.edns = { ...message.edns, options: message.edns.options.map((o) => ({ ...o })) };
  return copy;
}
