/**
 * "Did you mean ...?" for a mistyped option or command (issue #15: `--jsn`, `tlsaa`). An edit
 * distance over a handful of short words is a dozen lines; a dependency for it would cost more
 * start-up than it saves.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.ts';

/** Levenshtein distance (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate closest to `word`, if it is within 2 edits (and closer than the word is long). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d <= 2 && d < word.length && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

/**
 * node:util parseArgs, with an unknown option reported as a {@link UsageError} that names the
 * closest known one: `unknown option --jsn (did you mean --json?)`.
 */
export function parseArgsExplained<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec((e as Error).message)?.[1];
    if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || unknown === undefined) throw e;
    const name = unknown.replace(/^-+/, '').split('=')[0]!;
    const hit = closest(name, Object.keys(config.options ?? {}));
    throw new UsageError(`unknown option ${unknown}${hit ? ` (did you mean --${hit}?)` : ''}`);
  }
}
