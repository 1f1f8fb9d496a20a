/**
 * `npm run fuzz:validator [-- --runs N] [--seed S]`: the downgrade fuzzer (test/dnssec/downgrade-fuzz.ts)
 * on many lies, default 100,000, with a random seed unless one is given. Prints progress, the
 * rate and the count of each status, and ends with exit 1 and the case (replayable with --seed and
 * the fast-check path) at the first violation; exit 0 when there is none.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { caseArb, DowngradeFuzzer } from '../dnssec/downgrade-fuzz.ts';
import { runNow } from '../dnssec/attack-kit.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string' }, path: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 0x7fffffff) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: fuzz:validator [--runs N] [--seed S] [--path P]');
  process.exit(64);
}

const fuzzer = await DowngradeFuzzer.create(runNow());
const seen = { secure: 0, insecure: 0, bogus: 0, indeterminate: 0 };
let done = 0;
const start = performance.now();
const every = Math.max(1, Math.floor(runs / 20));
console.log(`fuzz:validator: ${runs} lies, seed ${seed}`);
let failure: string | undefined;
try {
  await fc.assert(fc.asyncProperty(caseArb, async (c) => {
    const o = await fuzzer.run(c);
    seen[o.result.status]++;
    if (++done % every === 0) {
      const s = (performance.now() - start) / 1000;
      console.log(`  ${done}/${runs} lookups, ${(done / s).toFixed(0)}/s, ${JSON.stringify(seen)}`);
    }
    if (o.violation) throw new Error(`${o.violation}\n  lookup: ${o.lookup}`);
  }), { seed, numRuns: runs, ...(values.path ? { path: values.path } : {}) });
} catch (e) {
  failure = (e as Error).message;
} finally {
  await fuzzer.close();
}
const secs = (performance.now() - start) / 1000;
console.log(`${done} mutated lookups in ${secs.toFixed(1)} s (${(done / secs).toFixed(0)}/s): ${JSON.stringify(seen)}`);
if (failure) {
  console.log(`VIOLATION (seed ${seed}):\n${failure}`);
  process.exit(1);
}
console.log(`0 downgrades, 0 secure answers with changed data (seed ${seed})`);
