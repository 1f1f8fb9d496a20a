/**
 * Files of the installed package (package.json, vectors/, the pure crypto backend), found from
 * wherever the calling code runs: src/ under tsx, dist/ entry points, or dist/chunks/ after the
 * build bundles modules together (issue #19). A path relative to one module's own location would
 * break when the bundler moves that module into a chunk, so the root is found by walking up to the
 * package.json named `dane-verify`, once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'dane-verify';
let root: string | undefined;

/** The package's root folder (where its package.json is). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`${PACKAGE_NAME}: no package.json named ${PACKAGE_NAME} above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** A path inside the package, from its root (`packageFile('vectors', 'README.md')`). */
export function packageFile(...parts: readonly string[]): string {
  return join(packageRoot(), ...parts);
}

/** True when this code runs from the TypeScript sources (tsx), not from the built dist/. */
export function runningFromSource(): boolean {
  return import.meta.url.endsWith('.ts');
}

/** The package's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
