/**
 * `npm run build`: dist/ as published. tsc writes the type declarations (dist/**\/*.d.ts, the
 * layout of src/); esbuild writes the JavaScript: one file per public entry point (the paths
 * package.json names) and the modules they share in dist/chunks/, with code splitting so that a
 * module imported with `import()` (DANE-TA path checks, each CLI command, node:tls users) stays a
 * chunk of its own, loaded only when used.
 *
 * Why a bundle (issue #19): Node's ES module loader pays for each file (resolve, stat, realpath,
 * package scope lookup, read, compile); `import { verifyDane }` was ~100 files of our own. Measured
 * with `npm run bench:startup`. Dependencies stay external (never bundled): they are the user's
 * to update and audit.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Every file package.json exports or runs, plus the pure crypto backend (loaded by path with
 * require(esm) from the package root: see dnssec/algorithms.ts).
 */
export const ENTRY_POINTS: readonly string[] = [
  'src/index.ts',
  'src/limits.ts',
  'src/testing/index.ts',
  'src/adapters/nodemailer.ts',
  'src/adapters/mx-connect.ts',
  'src/mail-policy/index.ts',
  'src/cli/main.ts',
  'src/cli/demo-main.ts',
  'src/dnssec/crypto/pure.ts',
];

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json', '--emitDeclarationOnly'], { cwd: ROOT, stdio: 'inherit' });
await build({
  absWorkingDir: ROOT,
  entryPoints: [...ENTRY_POINTS],
  outbase: 'src',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
