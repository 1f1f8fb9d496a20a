/**
 * A signed test world for CLI tests: the world, a scratch directory holding its trust anchor
 * (`anchor.ds`), and the network arguments that point the CLI at it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestWorld, type TestWorld, type TestWorldSpec } from '../../src/testing/world.ts';

export interface CliWorld {
  readonly world: TestWorld;
  /** Scratch directory (remove it after the tests); `anchor.ds` is in it. */
  readonly dir: string;
  /** `--resolver`, `--trust-anchor`, `--port` (unless `port: false`), `--timeout 5000`, then `extra`. */
  readonly net: string[];
}

export async function cliWorld(spec: TestWorldSpec, o: { readonly prefix?: string; readonly port?: boolean; readonly extra?: readonly string[] } = {}): Promise<CliWorld> {
  const world = await createTestWorld(spec);
  const dir = mkdtempSync(join(tmpdir(), o.prefix ?? 'dane-verify-cli-'));
  writeFileSync(join(dir, 'anchor.ds'), world.trustAnchors.text);
  const net = ['--resolver', world.resolver, '--trust-anchor', join(dir, 'anchor.ds'), ...(o.port === false ? [] : ['--port', String(world.mailPort)]), '--timeout', '5000', ...(o.extra ?? [])];
  return { world, dir, net };
}
