// `npm run bench:scan`'s library side, a process per run: the domains of argv[2] (a list file)
// through one createDaneResolver (the sources, under tsx), `concurrency` at a time, as an embedding program
// would; argv[8] (optional) bounds the answer and message caches' entries; prints { domains, scanMs,
// exits, cpuMs, maxRssKiB, uptimeMs, heapAfterMiB (after a collection, with --expose-gc), answers } as one JSON line.
import { readFileSync } from 'node:fs';
// From the sources, through tsx (bench/scan.ts starts this with --import tsx): dist/ is a bundle
// that exports the package's entry points only, and the list reader and pool are internal.
import { createDaneResolver } from '../src/dane/dane-resolver.ts';
import { parseDomainList } from '../src/scan/domain-list.ts';
import { runPool } from '../src/scan/run-pool.ts';

const [list, resolver, anchorFile, port, connect, concurrency, cacheEntries] = process.argv.slice(2);
const caches = cacheEntries ? { answerCache: { maxEntries: Number(cacheEntries) }, messageCache: { maxEntries: Number(cacheEntries) }, zoneCache: { maxEntries: Number(cacheEntries) } } : {};
const { domains } = parseDomainList(readFileSync(list, 'utf8'));
const dane = createDaneResolver({ resolvers: [resolver], trustAnchors: readFileSync(anchorFile, 'utf8'), timeoutMs: 5000, ...caches });
const exits = {};
const t = performance.now();
await runPool(domains, Number(concurrency), async (d) => {
  const r = await dane.verify(d.input, { port: Number(port), connect: connect === 'true', tlsRpt: true });
  exits[d.key] = r.exitCode;
});
const scanMs = performance.now() - t;
const answers = dane.stats().answers;
globalThis.gc?.();
const heapAfterMiB = process.memoryUsage().heapUsed / 1048576;
dane.close();
const u = process.resourceUsage();
process.stdout.write(JSON.stringify({ domains: domains.length, scanMs, exits, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS, uptimeMs: process.uptime() * 1000, heapAfterMiB, answers: { entries: answers.entries, octets: answers.octets } }) + '\n');
