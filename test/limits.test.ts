import { expect } from 'chai';
import * as limits from '../src/limits.ts';

describe('limits catalogue (src/limits.ts)', () => {
  it('names every bound as a positive, finite whole number', () => {
    const check = (name: string, v: unknown): void => {
      if (typeof v === 'object' && v !== null) {
        for (const [k, x] of Object.entries(v)) check(`${name}.${k}`, x);
        return;
      }
      expect(Number.isInteger(v) && (v as number) > 0, `${name} = ${String(v)}`).to.equal(true);
    };
    const entries = Object.entries(limits);
    expect(entries.length).to.be.greaterThan(40);
    for (const [k, v] of entries) check(k, v);
  });

  it('keeps the validator and the NSEC3 proofs on the same iteration limits (RFC 9276 §3.2)', () => {
    expect(limits.DEFAULT_VALIDATOR_LIMITS.nsec3InsecureIterations).to.equal(limits.NSEC3_MAX_ITERATIONS_INSECURE);
    expect(limits.DEFAULT_VALIDATOR_LIMITS.nsec3BogusIterations).to.equal(limits.NSEC3_MAX_ITERATIONS_BOGUS);
    expect(limits.NSEC3_MAX_ITERATIONS_INSECURE).to.be.lessThan(limits.NSEC3_MAX_ITERATIONS_BOGUS);
  });
});
