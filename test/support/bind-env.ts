/**
 * The environment for BIND 9.18's tools (dnssec-keygen, dnssec-signzone, dnssec-verify, delv, dig)
 * started by tests.
 *
 * Under the shifted-clock run (test/support/shifted-clock.sh: libfaketime by LD_PRELOAD) they hang:
 * they are linked with jemalloc, whose start-up calls clock_gettime while libfaketime is still
 * initialising itself; libfaketime breaks the recursion by failing the call, and the tools then
 * never return (seen: dnssec-keygen, dnssec-verify and delv, until killed). glibc's
 * libc_malloc_debug.so.0, preloaded with none of its checks turned on, only forwards to glibc's own
 * malloc, so jemalloc is never entered and the tools run, on the same shifted clock as the tests.
 * It is added for these tools alone: preloaded into the whole test process, the test run hung once.
 * Outside a shifted run the environment is passed on unchanged.
 */
import { existsSync } from 'node:fs';

const MALLOC_DEBUG_PATHS = ['/lib/x86_64-linux-gnu/libc_malloc_debug.so.0', '/lib/aarch64-linux-gnu/libc_malloc_debug.so.0', '/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0', '/usr/lib/aarch64-linux-gnu/libc_malloc_debug.so.0'];

/** The environment to start a BIND tool with. */
export function bindToolEnv(): NodeJS.ProcessEnv {
  const preload = process.env.LD_PRELOAD ?? '';
  if (!preload.includes('libfaketime')) return process.env;
  const mallocDebug = MALLOC_DEBUG_PATHS.find((p) => existsSync(p));
  if (!mallocDebug) throw new Error("the clock is shifted by libfaketime, but glibc's libc_malloc_debug.so.0 (glibc >= 2.34) is missing: BIND's tools would hang");
  return { ...process.env, LD_PRELOAD: `${mallocDebug}:${preload}` };
}
