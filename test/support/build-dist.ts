/**
 * Builds dist/ the way the package is published (`npm run build`: tsc declarations + esbuild
 * bundle, scripts/build.ts), once per test process, for the tests that run the built package.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let built = false;

export function buildDist(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  built = true;
}
