/**
 * A toy zone for resolver tests, answered by a handler for the test DNS server. Signatures are
 * placeholders (the resolver never verifies them); only their presence matters here.
 *
 *   a.example.        A 192.0.2.1, signed              unsigned.example.  A 192.0.2.2, no RRSIG
 *   big.example.      TXT, ~2.4 KB, signed (truncates at 1232)
 *   mid.example.      TXT, ~700 octets, signed (fits 1232, not 512)
 *   huge-ttl.example. A with TTL 10^6                  zero-ttl.example.  A with TTL 0
 *   nodata.example.   A exists, other types NODATA     anything else      NXDOMAIN with SOA + NSEC
 *   nosoa.example.    NXDOMAIN without SOA
 */
import { Name } from '../../src/dns/name.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import type { Message } from '../../src/dns/message.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { replyTo } from '../../src/testing/dns-server.ts';

export const ZONE = Name.parse('example.');
export const SOA_TTL = 3600;
export const SOA_MINIMUM = 60;
export const A_TTL = 300;

function rrsig(owner: Name, covered: number, ttl: number): ResourceRecord {
  return createRR({
    name: owner,
    type: RRType.RRSIG,
    ttl,
    data: {
      typeCovered: covered,
      algorithm: 13,
      labels: owner.rrsigLabelCount,
      originalTtl: ttl,
      expiration: 2_000_000_000,
      inception: 1_700_000_000,
      keyTag: 12345,
      signerName: ZONE,
      signature: new Uint8Array(64).fill(7),
    },
  });
}

function a(owner: Name, address: string, ttl: number): ResourceRecord {
  return createRR({ name: owner, type: RRType.A, ttl, data: { address } });
}

function txt(owner: Name, count: number): ResourceRecord[] {
  return Array.from({ length: count }, (_, i) =>
    createRR({ name: owner, type: RRType.TXT, ttl: A_TTL, data: { strings: [new TextEncoder().encode(`${i}`.padStart(3, '0') + 'x'.repeat(96))] } }),
  );
}

function soa(): ResourceRecord {
  return createRR({
    name: ZONE,
    type: RRType.SOA,
    ttl: SOA_TTL,
    data: { mname: ZONE.child('ns'), rname: ZONE.child('hostmaster'), serial: 1, refresh: 7200, retry: 3600, expire: 1209600, minimum: SOA_MINIMUM },
  });
}

function nsec(owner: Name, next: Name, types: number[]): ResourceRecord {
  return createRR({ name: owner, type: RRType.NSEC, ttl: SOA_MINIMUM, data: { nextDomainName: next, types } });
}

/** Answers the toy zone; DNSSEC records only when the query has DO=1 (RFC 4035 §3.2.1). */
export function toyHandler(query: Message): Message {
  const q = query.questions[0];
  if (q === undefined) return replyTo(query, { rcode: Rcode.FORMERR });
  const dnssec = query.edns?.dnssecOk === true;
  const signed = (rrs: ResourceRecord[], sign = true): ResourceRecord[] => {
    const first = rrs[0];
    return dnssec && sign && first ? [...rrs, rrsig(first.name, first.type, first.ttl)] : rrs;
  };
  const name = q.name.key();
  const negative = (rcode: number, withSoa = true): Message =>
    replyTo(query, {
      rcode,
      authorities: withSoa
        ? [...signed([soa()]), ...(dnssec ? signed([nsec(ZONE.child('a'), ZONE.child('zzz'), [RRType.A, RRType.RRSIG, RRType.NSEC])]) : [])]
        : [],
    });
  if (name === 'a.example.' && q.type === RRType.A) return replyTo(query, { answers: signed([a(q.name, '192.0.2.1', A_TTL)]) });
  if (name === 'unsigned.example.' && q.type === RRType.A) return replyTo(query, { answers: [a(q.name, '192.0.2.2', A_TTL)] });
  if (name === 'huge-ttl.example.' && q.type === RRType.A) return replyTo(query, { answers: signed([a(q.name, '192.0.2.3', 1_000_000)]) });
  if (name === 'zero-ttl.example.' && q.type === RRType.A) return replyTo(query, { answers: signed([a(q.name, '192.0.2.4', 0)]) });
  if (name === 'big.example.' && q.type === RRType.TXT) return replyTo(query, { answers: signed(txt(q.name, 24)) });
  if (name === 'mid.example.' && q.type === RRType.TXT) return replyTo(query, { answers: signed(txt(q.name, 6)) });
  if (name === 'nodata.example.') return q.type === RRType.A ? replyTo(query, { answers: signed([a(q.name, '192.0.2.5', A_TTL)]) }) : negative(Rcode.NOERROR);
  if (name === 'nosoa.example.') return negative(Rcode.NXDOMAIN, false);
  return negative(Rcode.NXDOMAIN);
}
