// `node --import ./bench/rusage-at-exit.mjs ...`: at exit, writes the process's CPU time, peak RSS
// and uptime as JSON to the file named by BENCH_RUSAGE_FILE (bench/scan.ts measures the CLI so).
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(process.env.BENCH_RUSAGE_FILE, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKiB: u.maxRSS, uptimeMs: process.uptime() * 1000 }));
});
