/** Helpers shared by the verifyDane end-to-end tests: a checker bound to a world's options, and the one host of a result. */
import { expect } from 'chai';
import { verifyDane, type DaneOptions, type DaneResult, type HostResult } from '../../src/dane/verify.ts';

/** verifyDane with the world's options (`base()` is read at call time, after the world started), overridable per call. */
export function checker(base: () => DaneOptions): (domain: string, o?: Partial<DaneOptions>) => Promise<DaneResult> {
  return (domain, o = {}) => verifyDane(domain, { ...base(), ...o });
}

/** The single host of a result; fails the test when there is not exactly one. */
export function only(r: DaneResult): HostResult {
  expect(r.hosts, r.summary).to.have.length(1);
  return r.hosts[0]!;
}
