import { expect } from 'chai';
import { Name } from '../../src/dns/name.ts';
import type { Message } from '../../src/dns/message.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { RRType, RRClass } from '../../src/dns/iana/rr-types.ts';
import { Rcode } from '../../src/dns/iana/rcodes.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { ageMessage, cacheTtlSeconds } from '../../src/resolver/cache-ttl.ts';
import { MAX_CACHE_TTL_SECONDS, MAX_NEGATIVE_TTL_SECONDS } from '../../src/resolver/defaults.ts';
import { buildQuery } from '../../src/resolver/query.ts';
import { replyTo } from '../../src/testing/dns-server.ts';

const Z = Name.parse('example.');
const query = buildQuery({ name: Z.child('www'), type: RRType.A, class: RRClass.IN }, { id: 1, udpSize: 1232 });
const a = (ttl: number): ResourceRecord => createRR({ name: Z.child('www'), type: RRType.A, ttl, data: { address: '192.0.2.1' } });
const soa = (ttl: number, minimum: number): ResourceRecord =>
  createRR({ name: Z, type: RRType.SOA, ttl, data: { mname: Z, rname: Z, serial: 1, refresh: 1, retry: 1, expire: 1, minimum } });
const reply = (s: Parameters<typeof replyTo>[1]): Message => replyTo(query, s);

describe('resolver/cache-ttl', () => {
  it('caches a positive answer for its smallest TTL, authority included', () => {
    expect(cacheTtlSeconds(reply({ answers: [a(300), a(200)] }))).to.equal(200);
    expect(cacheTtlSeconds(reply({ answers: [a(300)], authorities: [soa(100, 50)] }))).to.equal(100);
  });

  it(`caps a positive TTL at ${MAX_CACHE_TTL_SECONDS} and a negative one at ${MAX_NEGATIVE_TTL_SECONDS}`, () => {
    expect(cacheTtlSeconds(reply({ answers: [a(2_000_000)] }))).to.equal(MAX_CACHE_TTL_SECONDS);
    expect(cacheTtlSeconds(reply({ rcode: Rcode.NXDOMAIN, authorities: [soa(100_000, 100_000)] }))).to.equal(MAX_NEGATIVE_TTL_SECONDS);
  });

  it('caches NXDOMAIN and NODATA for min(SOA TTL, MINIMUM) (RFC 2308 §5)', () => {
    expect(cacheTtlSeconds(reply({ rcode: Rcode.NXDOMAIN, authorities: [soa(3600, 60)] }))).to.equal(60);
    expect(cacheTtlSeconds(reply({ authorities: [soa(30, 60)] }))).to.equal(30);
  });

  it('does not cache a negative answer without SOA, a truncated answer, or an error', () => {
    expect(cacheTtlSeconds(reply({ rcode: Rcode.NXDOMAIN }))).to.equal(0);
    expect(cacheTtlSeconds({ ...reply({ answers: [a(300)] }), flags: { ...query.flags, qr: true, tc: true } })).to.equal(0);
    expect(cacheTtlSeconds(reply({ rcode: Rcode.SERVFAIL, answers: [a(300)] }))).to.equal(0);
  });

  it('takes a TTL with the top bit set as 0 (RFC 2181 §8)', () => {
    expect(cacheTtlSeconds(reply({ answers: [a(300), a(0x80000000)] }))).to.equal(0);
  });

  it('ages every record by the time spent in the cache, not below 0', () => {
    const m = ageMessage(reply({ answers: [a(300), a(20)], authorities: [soa(100, 5)] }), 50);
    expect(m.answers.map((r) => r.ttl)).to.deep.equal([250, 0]);
    expect(m.authorities.map((r) => r.ttl)).to.deep.equal([50]);
  });
});
