/**
 * Small zones built from structured data, for the zone model and answering tests that need no
 * presentation-format parser.
 */
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import type { ResourceRecord } from '../../src/dns/record.ts';
import { makeRR } from '../../src/testing/world/records.ts';

export const n = (s: string): Name => Name.parse(s);
const TTL = 3600;

export const soa = (origin: string): ResourceRecord =>
  makeRR(n(origin), RRType.SOA, TTL, {
    mname: n(`ns.${origin}`), rname: n(`hostmaster.${origin}`), serial: 1, refresh: 3600, retry: 900, expire: 604800, minimum: 300,
  });
export const ns = (owner: string, target: string): ResourceRecord => makeRR(n(owner), RRType.NS, TTL, { nsdname: n(target) });
export const a = (owner: string, address: string): ResourceRecord => makeRR(n(owner), RRType.A, TTL, { address });
export const txt = (owner: string, text: string): ResourceRecord =>
  makeRR(n(owner), RRType.TXT, TTL, { strings: [new TextEncoder().encode(text)] });
export const mx = (owner: string, preference: number, exchange: string): ResourceRecord =>
  makeRR(n(owner), RRType.MX, TTL, { preference, exchange: n(exchange) });
export const cname = (owner: string, target: string): ResourceRecord => makeRR(n(owner), RRType.CNAME, TTL, { cname: n(target) });
export const dname = (owner: string, target: string): ResourceRecord => makeRR(n(owner), RRType.DNAME, TTL, { target: n(target) });
export const ds = (owner: string, keyTag = 12345): ResourceRecord =>
  makeRR(n(owner), RRType.DS, TTL, { keyTag, algorithm: 13, digestType: 2, digest: new Uint8Array(32).fill(0xab) });

/**
 * `example.`: data, glue, an insecure delegation (`sub`), a secure one (`sec`), an insecure
 * delegation under an empty non-terminal (`deleg.ent`), a deep name under two empty non-terminals
 * (`a.b.c`), a wildcard (`*.w`), a CNAME and a DNAME.
 */
export function exampleZone(): ResourceRecord[] {
  return [
    soa('example.'),
    ns('example.', 'ns.example.'),
    a('ns.example.', '192.0.2.53'),
    a('www.example.', '192.0.2.1'),
    txt('a.b.c.example.', 'deep'),
    mx('*.w.example.', 10, 'mail.example.'),
    a('mail.example.', '192.0.2.25'),
    ns('sub.example.', 'ns.sub.example.'),
    a('ns.sub.example.', '192.0.2.54'),
    ns('sec.example.', 'ns.sec.example.'),
    ds('sec.example.'),
    a('ns.sec.example.', '192.0.2.55'),
    ns('deleg.ent.example.', 'ns.other.'),
    cname('alias.example.', 'www.example.'),
    dname('moved.example.', 'example.net.'),
  ];
}
