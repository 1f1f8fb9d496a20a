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

  it('bounds every MTA-STS fetch and the policy cache (RFC 8461 §3.3)', () => {
    expect(limits.MAX_MTA_STS_POLICY_BYTES).to.equal(65_536);
    expect(limits.MAX_MTA_STS_HEADER_BYTES).to.be.at.most(16_384);
    expect(limits.MTA_STS_FETCH_TIMEOUT_MS).to.be.at.most(60_000);
    expect(limits.MAX_MTA_STS_ADDRESSES).to.be.within(1, 10);
    expect(limits.MTA_STS_CACHE_ENTRIES).to.be.within(1, 1_000_000);
  });

  it('bounds TLS-RPT aggregation and the report command\'s input (RFC 8460 §4)', () => {
    expect(limits.MAX_TLSRPT_GROUPS).to.be.within(1_000, 10_000_000);
    expect(limits.MAX_TLSRPT_FIELD_LENGTH).to.be.within(256, 65_536);
    expect(limits.MAX_TLSRPT_POLICY_STRINGS).to.be.within(16, 10_000);
    expect(limits.MAX_REPORT_LINE_BYTES).to.be.below(limits.MAX_REPORT_INPUT_BYTES);
  });
});
