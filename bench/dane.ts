/**
 * `npm run bench:dane`: what a user waits for (issue #13). On the test world of the issue (zones
 * `com.`, `example.com.`, `mail.example.com.`; two MX hosts in `mail.example.com.`), every DNS
 * answer delayed `BENCH_DELAY_MS` (default 40):
 * - cold `verifyDane` (policy only, a new validator each run): wall time in round trips ("waves")
 *   and queries sent, median of `BENCH_RUNS` (default 7); the same for one cold validated lookup;
 * - warm policies per second through one shared validator, beside raw P-256 `crypto.verify` per
 *   second, in interleaved rounds (the goal: 2 warm policies per raw verify);
 * - memory: `BENCH_NAMES` (default 100,000; 0 skips it) distinct names (a wildcard) looked up
 *   through one validator, 64 at a time: the answer cache's entries and estimated octets, and RSS
 *   and heap before and after (with `node --expose-gc`, after a collection).
 */
import { createSign, generateKeyPairSync, verify } from 'node:crypto';
import { createTestWorld } from '../src/testing/world.ts';
import { verifyDane } from '../src/dane/verify.ts';
import { clearSharedValidators } from '../src/dane/shared-validator.ts';
import { Validator } from '../src/dnssec/validator.ts';
import { StubResolver } from '../src/resolver/stub.ts';
import { RRType } from '../src/dns/iana/rr-types.ts';

const DELAY = Number(process.env.BENCH_DELAY_MS ?? 40);
const NAMES = Number(process.env.BENCH_NAMES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const world = await createTestWorld({
  zones: {
    'com.': {},
    'example.com.': { records: ['@ MX 10 mx1.mail', '@ MX 20 mx2.mail'] },
    'mail.example.com.': { records: ['mx1 A 127.0.0.1', 'mx2 A 127.0.0.2', `_25._tcp.mx1 TLSA 3 1 1 ${'ab'.repeat(32)}`, `_25._tcp.mx2 TLSA 3 1 1 ${'cd'.repeat(32)}`, '*.many A 127.0.0.9'] },
  },
});
const opts = { resolvers: [world.resolver], trustAnchors: world.trustAnchors.text, connect: false } as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

world.server.addFault({ fault: { kind: 'delay', ms: DELAY } });
const walls: number[] = [];
const queries: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const before = world.server.log.length;
  const t = performance.now();
  const r = await verifyDane('example.com', { ...opts, shareValidator: false });
  walls.push(performance.now() - t);
  queries.push(world.server.log.length - before);
  if (r.exitCode !== 0) throw new Error(`cold check failed: ${r.summary}`);
}
console.log(`cold: ${median(walls).toFixed(0)} ms = ${(median(walls) / DELAY).toFixed(1)} waves of ${DELAY} ms; ${median(queries)} queries`);
{
  // A single validated lookup (what `dane-verify resolve` does), cold: the goal is 2 waves.
  const w: number[] = [], q: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const stub = new StubResolver({ servers: [world.resolver] });
    const v = new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text });
    const before = world.server.log.length;
    const t = performance.now();
    const r = await v.lookup('mx1.mail.example.com.', RRType.A);
    w.push(performance.now() - t);
    q.push(world.server.log.length - before);
    stub.close();
    if (r.status !== 'secure') throw new Error(`cold resolve: ${r.reason}`);
  }
  console.log(`cold resolve (mx1.mail.example.com. A): ${median(w).toFixed(0)} ms = ${(median(w) / DELAY).toFixed(1)} waves; ${median(q)} queries`);
}
world.server.clearFaults();

clearSharedValidators();
await verifyDane('example.com', opts); // warms the shared validator
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const data = Buffer.alloc(200, 7);
const sig = createSign('sha256').update(data).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
const rates = { warm: [] as number[], raw: [] as number[] };
for (let round = 0; round < 10; round++) {
  const order: readonly ('warm' | 'raw')[] = round % 2 ? ['warm', 'raw'] : ['raw', 'warm'];
  for (const k of order) {
    const t = performance.now();
    let n = 0;
    while (performance.now() - t < 200) {
      if (k === 'warm') await verifyDane('example.com', opts);
      else verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, sig);
      n++;
    }
    rates[k].push(n / ((performance.now() - t) / 1000));
  }
}
const warm = median(rates.warm), raw = median(rates.raw);
console.log(`warm: ${warm.toFixed(0)} policies/s; raw P-256 verify: ${raw.toFixed(0)}/s; ${(warm / raw).toFixed(3)} policies per raw verify`);

if (NAMES > 0) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;
  const heap = () => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const base = heap();
  const t = performance.now();
  // In a function of its own, so that the validator and its stub are garbage once it returns.
  const run = async () => {
    const stub = new StubResolver({ servers: [world.resolver] });
    const v = new Validator({ upstream: stub, trustAnchors: world.trustAnchors.text, ...(process.env.BENCH_NO_ANSWERS ? { answerCache: { maxEntries: 0 } } : {}) });
    let next = 0, secure = 0;
    await Promise.all(Array.from({ length: 64 }, async () => {
      while (next < NAMES) {
        const r = await v.lookup(`n${next++}.many.mail.example.com.`, RRType.A);
        if (r.status === 'secure') secure++;
      }
    }));
    stub.close();
    return { secure, stats: v.cacheStats().answers, withValidator: heap(), rss: process.memoryUsage().rss };
  };
  const r = await run();
  await new Promise((res) => setImmediate(res));
  const without = heap();
  console.log(`memory: ${NAMES} names in ${((performance.now() - t) / 1000).toFixed(1)} s (${r.secure} secure); answer cache ${r.stats.entries} entries, ~${mib(r.stats.octets)} estimated, ${r.stats.evictions} evicted; ` +
    (gc ? `heap held by the validator and its stub ${mib(r.withValidator - without)} (whole heap ${mib(base)} before, ${mib(r.withValidator)} at the end); RSS ${mib(r.rss)}` : 'run with node --expose-gc for the heap figures'));
}
await world.close();
