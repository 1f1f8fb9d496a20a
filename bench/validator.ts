/**
 * `npm run bench:validator`: lookups per second through the whole validator, without sockets:
 * the upstream answers from the test world's answering logic, every message going through wire
 * encoding and decoding as it would over UDP. Three figures:
 * - cold: a new Validator per lookup (every DS and DNSKEY of the chain fetched and proven);
 * - warm: one Validator (proven keys cached), answers still fetched and verified each time;
 * - queries per cold lookup, for the chain `.` -> `example.` -> `sub.example.`.
 * Machine noise: compare the ratios of one run, not figures across runs.
 */
import { createTestWorld } from '../src/testing/world.ts';
import { Validator } from '../src/dnssec/validator.ts';
import type { QueryResult, Resolver } from '../src/resolver/result.ts';
import { createQuery, decodeMessage, encodeMessage } from '../src/dns/message.ts';
import { RRType } from '../src/dns/iana/rr-types.ts';
import type { Name } from '../src/dns/name.ts';

const MS = Number(process.env.BENCH_MS ?? 3000);

const world = await createTestWorld({
  zones: {
    'example.': { records: ['mx A 192.0.2.1'] },
    'sub.example.': { records: ['mx A 192.0.2.2', '_25._tcp.mx TLSA 3 1 1 ' + '01'.repeat(32)] },
    'n3.example.': { denial: { nsec3: {} }, records: ['mx A 192.0.2.3'] },
  },
});

let queries = 0;
const upstream: Resolver = {
  async query(name: Name, type: number): Promise<QueryResult> {
    queries++;
    const q = createQuery({ id: queries & 0xffff, name, type, cd: true });
    const message = decodeMessage(encodeMessage(world.answerer.respond(decodeMessage(encodeMessage(q))), { compress: true }));
    return { ok: true, message, server: 'in-process', transport: 'udp', fromCache: false, attempts: [] };
  },
};

async function rate(label: string, make: () => Validator, name: string, type: number): Promise<void> {
  let n = 0;
  const q0 = queries;
  const end = performance.now() + MS;
  const shared = make();
  while (performance.now() < end) {
    const v = label.startsWith('cold') ? make() : shared;
    const r = await v.lookup(name, type);
    if (r.status !== 'secure') throw new Error(`${name}: ${r.status} ${r.reason}`);
    n++;
  }
  const perSec = (n / MS) * 1000;
  console.log(`${label.padEnd(40)} ${perSec.toFixed(0).padStart(8)} lookups/s  ${((queries - q0) / n).toFixed(1).padStart(5)} queries/lookup`);
}

const make = () => new Validator({ upstream, trustAnchors: world.trustAnchors.text });
console.log(`validator, in-process upstream, ECDSAP256SHA256 zones, ${MS} ms per row`);
await rate('cold  _25._tcp.mx.sub.example. TLSA', make, '_25._tcp.mx.sub.example.', RRType.TLSA);
await rate('warm  _25._tcp.mx.sub.example. TLSA', make, '_25._tcp.mx.sub.example.', RRType.TLSA);
await rate('warm  nope.sub.example. A (NSEC NXDOMAIN)', make, 'nope.sub.example.', RRType.A);
await rate('warm  nope.n3.example. A (NSEC3 NXDOMAIN)', make, 'nope.n3.example.', RRType.A);
await world.close();
