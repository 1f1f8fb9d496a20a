/**
 * `--graph FILE.svg | FILE.dot`: where the chain-of-trust picture goes. The file is opened before
 * any lookup (a path that cannot be written is a usage error at once, not after a two-minute
 * check), and written at the end: DOT text as is, or SVG rendered by Graphviz compiled to
 * WebAssembly (@viz-js/viz, the WASM inside the npm package, no network). The renderer is imported
 * only here and only for `.svg`, so no other command and no library entry point loads it (issue #19).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import type { LookupResult, Validator } from '../../dnssec/validator.ts';
import { UsageError } from '../usage-error.ts';
import { toDot } from './dot.ts';
import { graphModel } from './model.ts';

import { MAX_GRAPH_LOOKUPS } from './limits.ts';

export interface GraphTarget {
  readonly path: string;
  readonly format: 'svg' | 'dot';
  readonly file: FileHandle;
}

/** Checks the extension and opens (creates or truncates) the file. @throws UsageError */
export async function openGraphTarget(path: string): Promise<GraphTarget> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.svg' && ext !== '.dot') throw new UsageError(`--graph ${JSON.stringify(path)}: the file name must end in .svg (a picture) or .dot (Graphviz source)`);
  try {
    return { path, format: ext === '.svg' ? 'svg' : 'dot', file: await open(path, 'w') };
  } catch (e) {
    throw new UsageError(`--graph ${JSON.stringify(path)}: cannot write it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** DOT text rendered to SVG by Graphviz (WASM, loaded on first use). @throws Error when Graphviz refuses the text (a bug here) */
export async function renderSvg(dot: string): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  const r = viz.render(dot, { format: 'svg', engine: 'dot' });
  if (r.status !== 'success') throw new Error(`Graphviz could not render the chain of trust: ${r.errors.map((x) => x.message).join('; ')}`);
  return r.output;
}

/** Writes the picture of `lookups` and closes the file; returns the line to print on stderr. */
export async function writeGraph(target: GraphTarget, title: string, lookups: readonly LookupResult[]): Promise<string> {
  try {
    const dot = toDot(graphModel(title, lookups));
    await target.file.writeFile(target.format === 'dot' ? dot : await renderSvg(dot), 'utf8');
  } finally {
    await target.file.close();
  }
  return `dane-verify: chain of trust written to ${target.path}\n`;
}

/**
 * Keeps the results of every lookup `validator` makes from now on (at most MAX_GRAPH_LOOKUPS, each
 * once), for a picture of a whole domain check. Only for a validator made for this one command.
 */
export function recordLookups(validator: Validator): readonly LookupResult[] {
  const seen: LookupResult[] = [];
  const lookup = validator.lookup.bind(validator);
  validator.lookup = async (...args) => {
    const r = await lookup(...args);
    if (seen.length < MAX_GRAPH_LOOKUPS && !seen.includes(r)) seen.push(r);
    return r;
  };
  return seen;
}
