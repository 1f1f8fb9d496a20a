/**
 * The world `npm run bench:scan` scans, in a process of its own (so its DNS and SMTP servers' CPU
 * is not counted as the scanner's): testing/scan-world.ts with `argv[2]` domains. Writes the trust
 * anchor and the list (in the world's order) into `argv[3]`, prints one JSON line
 * `{ resolver, mailPort, buildMs }` on stdout, and serves until stdin closes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestWorld } from '../src/testing/world.ts';
import { scanWorldSpec } from '../src/testing/scan-world.ts';

const count = Number(process.argv[2]);
const dir = process.argv[3]!;
const t = performance.now();
const { spec, domains } = scanWorldSpec(count);
const world = await createTestWorld(spec);
writeFileSync(join(dir, 'anchor.ds'), world.trustAnchors.text);
writeFileSync(join(dir, 'domains.json'), JSON.stringify(domains));
process.stdout.write(JSON.stringify({ resolver: world.resolver, mailPort: world.mailPort, buildMs: Math.round(performance.now() - t) }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => void world.close().then(() => process.exit(0)));
