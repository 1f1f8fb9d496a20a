/**
 * The suite on disk: where the package's vectors/ folder is, reading its files within bounds,
 * its index (version and recorded content hashes) and the content hash of the vector data.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { packageFile } from '../package-files.ts';

/** The most octets read from one vector file (the largest shipped file is under 20 KiB). */
export const MAX_VECTOR_FILE_BYTES = 1024 * 1024;
/** The most files read from one suite folder (the shipped suite has under 200). */
export const MAX_VECTOR_FILES = 10_000;

/** The vectors/ folder shipped with this package (found from the package root: the build bundles this module into dist/chunks/). */
export function packageVectorsDir(): string {
  return packageFile('vectors') + sep;
}

/** The text of a vector file of at most {@link MAX_VECTOR_FILE_BYTES}. @throws Error naming the file */
export function readVectorFile(root: string, file: string): string {
  const path = join(root, file);
  const st = statSync(path);
  if (!st.isFile()) throw new Error(`${file}: not a regular file`);
  if (st.size > MAX_VECTOR_FILE_BYTES) throw new Error(`${file}: ${st.size} octets, more than the ${MAX_VECTOR_FILE_BYTES} a vector file may have`);
  return readFileSync(path, 'utf8');
}

/**
 * Files under `root/dir` whose names end with `ext`, as paths relative to `root` with `/`, sorted.
 * A missing folder has none. @throws Error past {@link MAX_VECTOR_FILES}
 */
export function listVectorFiles(root: string, dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(abs, e.name));
      else if (e.isFile() && e.name.endsWith(ext)) {
        if (out.length >= MAX_VECTOR_FILES) throw new Error(`more than ${MAX_VECTOR_FILES} files under ${dir}`);
        out.push(relative(root, join(abs, e.name)).split(sep).join('/'));
      }
    }
  };
  walk(join(root, dir));
  return out.sort();
}

/** The folders whose files are vector data (README files and adapters are not). */
export const DATA_FOLDERS = ['crypto', 'denial', 'dns', 'validator', 'schemas'] as const;

/**
 * SHA-256 over the vector data: for each file of {@link DATA_FOLDERS} but README.md, sorted by
 * path, the line `<path> <sha256 of its octets>`. Changes with any vector, never with prose.
 */
export function suiteContentHash(root: string): string {
  const files = DATA_FOLDERS.flatMap((d) => listVectorFiles(root, d, '')).filter((f) => !f.endsWith('README.md')).sort();
  const h = createHash('sha256');
  for (const f of files) {
    const st = statSync(join(root, f));
    // A file too large to read is not read here either; its kind reports it as a failure.
    const digest = st.size > MAX_VECTOR_FILE_BYTES ? `too-large-${st.size}` : createHash('sha256').update(readFileSync(join(root, f))).digest('hex');
    h.update(`${f} ${digest}\n`);
  }
  return h.digest('hex');
}

/** vectors/index.json: the suite's version and the content hash recorded for each version. */
export interface SuiteIndex {
  readonly suite: string;
  readonly version: string;
  readonly history: readonly { readonly version: string; readonly sha256: string; readonly changes: string }[];
}

/** Reads vectors/index.json. @throws Error when it is missing or malformed */
export function readSuiteIndex(root: string): SuiteIndex {
  const data = JSON.parse(readVectorFile(root, 'index.json')) as Partial<SuiteIndex>;
  if (typeof data.version !== 'string' || typeof data.suite !== 'string' || !Array.isArray(data.history)) {
    throw new Error('index.json: expected "suite", "version" and "history"');
  }
  return data as SuiteIndex;
}
