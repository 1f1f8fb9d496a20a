/**
 * `npm run bench:dane`: what a user waits for (issue #13). On the test world of the issue (zones
 * `com.`, `example.com.`, `mail.example.com.`; two MX hosts in `mail.example.com.`), every DNS
 * answer delayed `BENCH_DELAY_MS` (default 40):
 * - cold `verifyDane` (policy only, a new validator each run): wall time in round trips ("waves")
 *   and queries sent, median of `BENCH_RUNS` (default 7);
 * - warm policies per second through one shared validator, beside raw P-256 `crypto.verify` per
 *   second, in interleaved rounds (the goal: 2 warm policies per raw verify).
 */
import { createSign, generateKeyPairSync, verify } from 'node:crypto';
import { createTestWorld } from '../src/testing/world.ts';
import { verifyDane } from '../src/dane/verify.ts';
import { clearSharedValidators } from '../src/dane/shared-validator.ts';

const DELAY = Number(process.env.BENCH_DELAY_MS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const world = await createTestWorld({
  zones: {
    'com.': {},
    'example.com.': { records: ['@ MX 10 mx1.mail', '@ MX 20 mx2.mail'] },
    'mail.example.com.': { records: ['mx1 A 127.0.0.1', 'mx2 A 127.0.0.2', `_25._tcp.mx1 TLSA 3 1 1 ${'ab'.repeat(32)}`, `_25._tcp.mx2 TLSA 3 1 1 ${'cd'.repeat(32)}`] },
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
await world.close();
