/**
 * What a fuzz target is (test/fuzz/input-targets.ts builds them, test/fuzz/inputs.ts runs them):
 * its name, its arbitrary of hostile inputs, and the check of one input against its contract;
 * plus what every check and report uses: `ContractViolation`, `attempt` for a documented error,
 * and `showText` for an input in a report.
 */
import fc from 'fast-check';

export const TARGET_NAMES = ['decoder', 'rdata', 'zone', 'anchors', 'certs'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/** One target: hostile inputs and the check of one input against the contract. */
export interface FuzzTarget<T = any> {
  readonly name: TargetName;
  /** `check` returns a promise (run as a fast-check async property). */
  readonly async?: boolean;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Returns (or resolves) when the input kept the contract; throws what broke it. */
  check(input: T): void | Promise<void>;
  /** The input as text for a report (hex, JSON). */
  show(input: T): string;
}

/** A parse whose result contradicts the input or itself (not a thrown crash, but as bad). */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

export const violation = (what: string): never => {
  throw new ContractViolation(what);
};

/** Runs `fn`; the documented error comes back as a value, anything else thrown goes on up (a crash). */
export function attempt<T, E extends Error>(fn: () => T, documented: new (...a: any[]) => E): T | E {
  try {
    return fn();
  } catch (e) {
    if (e instanceof documented) return e;
    throw e;
  }
}

/** Text as a JavaScript expression that rebuilds it, long runs written as `.repeat(n)`. */
export function showText(text: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const m of text.matchAll(/(.{1,12}?)\1{15,}/gs)) {
    if (m.index > at) parts.push(JSON.stringify(text.slice(at, m.index)));
    parts.push(`${JSON.stringify(m[1])}.repeat(${m[0].length / m[1]!.length})`);
    at = m.index + m[0].length;
  }
  if (at < text.length || parts.length === 0) parts.push(JSON.stringify(text.slice(at)));
  return parts.join(' + ');
}
