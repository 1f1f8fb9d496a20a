/**
 * Hostile DNS: resolvers that stay silent, lie about IDs and questions, truncate for ever or
 * trickle over TCP; and signed zones built to make a validator work: deep delegations, CNAME loops
 * and long chains, KeyTrap in many zones, hundreds of MX hosts or addresses.
 */
import type { TestWorldSpec, ZoneSpec } from '../../src/testing/world.ts';
import type { FaultRule } from '../../src/testing/dns-server.ts';
import type { HostileCase } from './kit.ts';
import { worldSetup } from './world-case.ts';

/** A TLSA record for hosts that run no server (the DNS cases do not connect). */
const TLSA = `TLSA 3 1 1 ${'ab'.repeat(32)}`;

/** One signed zone with a DANE MX host: the world every fault case is played against. */
const PLAIN: TestWorldSpec = { zones: { 'example.': { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx ${TLSA}`] } } };

/** `depth` nested signed zones below the root (d1.example., d2.d1.example., ...), the mail domain and its host in the deepest. */
function nested(depth: number): { spec: TestWorldSpec; domain: string } {
  const zones: Record<string, ZoneSpec> = { 'example.': {} };
  let name = 'example.';
  for (let i = 1; i < depth; i++) {
    name = `d${i}.${name}`;
    zones[name] = {};
  }
  zones[name] = { records: ['@ MX 10 mx', 'mx A 127.0.0.1', `_25._tcp.mx ${TLSA}`] };
  return { spec: { zones }, domain: name.slice(0, -1) };
}

function faultCase(id: string, title: string, faults: readonly FaultRule[], says: RegExp, o: { spec?: TestWorldSpec; domain?: string; withinMs?: number; deadlineMs?: number } = {}): HostileCase {
  return {
    id,
    area: 'dns',
    title,
    expect: { exitCode: 3, says },
    ...(o.withinMs ? { withinMs: o.withinMs } : {}),
    setup: (ctx) => worldSetup(ctx, { ...(o.spec ?? PLAIN), faults }, o.domain ?? 'example', { noConnect: true, ...(o.deadlineMs ? { deadlineMs: o.deadlineMs } : {}) }),
  };
}

const deep = nested(21);

export const DNS_CASES: readonly HostileCase[] = [
  faultCase('dns-silent', 'the resolver never answers', [{ fault: { kind: 'drop' } }], /no answer over UDP within 1000 ms/),
  faultCase('dns-wrong-id', 'every answer comes back with another message ID', [{ fault: { kind: 'wrong-id', alone: true } }], /dropped 1 wrong-id/),
  faultCase('dns-wrong-question', 'every answer is for another question', [{ fault: { kind: 'wrong-question', alone: true } }], /dropped 1 wrong-question/),
  faultCase('dns-garbage', 'every answer is bytes that do not decode', [{ fault: { kind: 'garbage', alone: true } }], /dropped 1 malformed/),
  faultCase('dns-servfail', 'every answer is SERVFAIL', [{ fault: { kind: 'servfail' } }], /SERVFAIL/),
  faultCase('dns-tc-loop', 'every answer, UDP and TCP, is truncated (TC=1)', [{ fault: { kind: 'truncate' } }], /truncated \(TC=1\) even over TCP/),
  faultCase('dns-tcp-trickle', 'UDP answers truncated; over TCP one octet every 200 ms', [{ fault: { kind: 'truncate' }, transport: 'udp' }, { fault: { kind: 'trickle', intervalMs: 200 }, transport: 'tcp' }], /over TCP: no answer over TCP within 1000 ms/),
  // The chain of trust is asked four zones a round trip (DS and DNSKEY together): the walk to the
  // 17th cut takes five rounds of 800 ms, so a 2.5 s deadline ends the call first, naming itself.
  faultCase('dns-delay-21-zones', '21 nested signed zones, every answer delayed 800 ms (timeout 1000, deadline 2500 ms)', [{ fault: { kind: 'delay', ms: 800 } }], /budget deadlineMs of this call exhausted/, { spec: deep.spec, domain: deep.domain, deadlineMs: 2_500 }),
  {
    id: 'dns-21-zones',
    area: 'dns',
    title: '21 nested signed zones, honest answers (more zone cuts than a lookup may walk)',
    expect: { exitCode: 1, says: /maxZoneCuts/ },
    setup: (ctx) => worldSetup(ctx, deep.spec, deep.domain, { noConnect: true, work: true }),
  },
  {
    id: 'dns-cname-loop',
    area: 'dns',
    title: 'the MX host is a CNAME loop (a -> b -> a), signed',
    expect: { exitCode: 1, says: /CNAME loop at a\.example\./ },
    setup: (ctx) => worldSetup(ctx, { zones: { 'example.': { records: ['@ MX 10 a', 'a CNAME b', 'b CNAME a'] } } }, 'example', { noConnect: true, work: true }),
  },
  {
    id: 'dns-cname-100',
    area: 'dns',
    title: 'the MX host is the head of a signed chain of 100 CNAMEs',
    expect: { exitCode: 1, says: /maxCnameChain/ },
    setup: (ctx) => worldSetup(ctx, {
      zones: { 'example.': { records: ['@ MX 10 c0', ...Array.from({ length: 100 }, (_, i) => `c${i} CNAME c${i + 1}`), 'c100 A 127.0.0.1', `_25._tcp.c100 ${TLSA}`] } },
    }, 'example', { noConnect: true, work: true }),
  },
  {
    id: 'dns-keytrap-10',
    area: 'dns',
    title: 'KeyTrap in 10 zones: each MX host zone has 40 keys sharing one tag, its A RRset 40 failing RRSIGs',
    expect: { exitCode: 1, says: /bogus/i },
    setup: (ctx) => {
      const zones: Record<string, ZoneSpec> = { 'example.': { records: Array.from({ length: 10 }, (_, i) => `@ MX ${i} mx.t${i}`) } };
      for (let i = 0; i < 10; i++) zones[`t${i}.example.`] = { records: ['mx A 127.0.0.1', `_25._tcp.mx ${TLSA}`], break: [{ kind: 'keytrap', keys: 40, name: 'mx', type: 'A' }] };
      return worldSetup(ctx, { zones }, 'example', { noConnect: true, work: true });
    },
  },
  {
    id: 'dns-200-mx',
    area: 'dns',
    title: '200 MX hosts, each with an address and TLSA',
    expect: { exitCode: 0 },
    setup: (ctx) => worldSetup(ctx, {
      zones: { 'example.': { records: Array.from({ length: 200 }, (_, i) => [`@ MX ${i} mx${i}`, `mx${i} A 127.0.0.1`, `_25._tcp.mx${i} ${TLSA}`]).flat() } },
    }, 'example', { noConnect: true, work: true }),
  },
  {
    id: 'dns-300-a',
    area: 'dns',
    title: 'one MX host with 300 A records (answer over TCP)',
    expect: { exitCode: 0 },
    setup: (ctx) => worldSetup(ctx, {
      zones: { 'example.': { records: ['@ MX 10 mx', ...Array.from({ length: 300 }, (_, i) => `mx A 127.1.${i >> 8}.${i & 0xff}`), `_25._tcp.mx ${TLSA}`] } },
    }, 'example', { noConnect: true, work: true }),
  },
];
