/**
 * Errors for caller misuse (an option out of range, an argument of the wrong kind), with the
 * `code` Node's own APIs give the same mistakes, so that callers can tell them from everything
 * else by `code` rather than by message (issue #14). Nothing a stranger sends ends here: network
 * input becomes a status or an outcome, never one of these.
 */

/** A RangeError with `code: 'ERR_OUT_OF_RANGE'` (as Node's own APIs throw for a value out of range). */
export function outOfRange(message: string): RangeError & { readonly code: 'ERR_OUT_OF_RANGE' } {
  return Object.assign(new RangeError(message), { code: 'ERR_OUT_OF_RANGE' as const });
}
