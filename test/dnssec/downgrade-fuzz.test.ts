/**
 * A short, fixed-seed run of the downgrade fuzzer (test/dnssec/downgrade-fuzz.ts); `npm run
 * fuzz:validator` runs the long one.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { caseArb, DowngradeFuzzer } from './downgrade-fuzz.ts';
import { runNow } from './attack-kit.ts';

const SEED = 20261204;
const RUNS = 1500;

describe('dnssec: downgrade fuzzer (fixed seed)', function () {
  this.timeout(120_000);
  let fuzzer: DowngradeFuzzer;
  before(async () => {
    fuzzer = await DowngradeFuzzer.create(runNow());
  });
  after(async () => fuzzer?.close());

  it('has secure, insecure and denial lookups to lie about', () => {
    const statuses = fuzzer.baselineStatuses();
    expect(statuses.filter((s) => s.endsWith('secure answer') && !s.includes('insecure'))).to.have.length.greaterThan(10);
    expect(statuses.filter((s) => s.includes(': insecure'))).to.have.length.greaterThan(3);
    expect(statuses.filter((s) => s.includes('secure nxdomain') || s.includes('secure nodata'))).to.have.length.greaterThan(3);
    expect(statuses.filter((s) => s.includes('bogus') || s.includes('indeterminate')), statuses.join('\n')).to.deep.equal([]);
  });

  it(`${RUNS} lies: no secure lookup becomes insecure or secure with other data, no insecure one secure`, async () => {
    const seen = { secure: 0, insecure: 0, bogus: 0, indeterminate: 0 };
    await fc.assert(fc.asyncProperty(caseArb, async (c) => {
      const o = await fuzzer.run(c);
      seen[o.result.status]++;
      expect(o.violation, o.lookup).to.equal(undefined);
    }), { seed: SEED, numRuns: RUNS });
    // The lies must have been refused often, and honest-looking ones (e.g. an extra record) kept secure.
    expect(seen.bogus).to.be.greaterThan(RUNS / 4);
    expect(seen.secure).to.be.greaterThan(RUNS / 20);
  });
});
