/** Narrowing helpers for resolver results in tests: fail loudly with the reason when the shape is wrong. */
import type { QueryResult } from '../../src/resolver/result.ts';

/** The answer, or a thrown error naming the failure code and reason. */
export function ok(r: QueryResult): Extract<QueryResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected an answer, got ${r.code}: ${r.reason}`);
  return r;
}

/** The failure, or a thrown error when an answer came. */
export function failed(r: QueryResult): Extract<QueryResult, { ok: false }> {
  if (r.ok) throw new Error('expected a failure, got an answer');
  return r;
}
