/** A bad command line: reported on stderr with exit code 64. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
