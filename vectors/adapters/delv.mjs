#!/usr/bin/env node
// Adapter for ISC BIND 9's delv (Debian package bind9-dnsutils) on the whole-lookup (validator)
// vectors: the recorded responses are served on loopback by NLnet Labs' ldns-testns (ldnsutils),
// delv validates from the vector's trust anchors on the vector's clock (libfaketime, Debian
// package faketime), and its verdict is the answer. Neither tool shares code with dane-verify.
//   "; fully validated" (or "; negative response, fully validated")  -> secure
//   "; unsigned answer"                                                -> insecure
//   "resolution failed" on a timeout or SERVFAIL from the server       -> indeterminate
//   any other failure ("no valid signature found", "broken trust chain", ...) -> bogus
// A question the vector did not record is answered SERVFAIL, as the runner's own replay does
// (ldns-testns leaves that answer's question section empty, which BIND reads as a format error:
// a failure either way).
// Other kinds are skipped. Usage: dane-verify vectors --adapter "node vectors/adapters/delv.mjs"
// With DELV_ADAPTER_TRACE=1 in the environment, delv runs with +rtrace +vtrace and its output goes
// to stderr: run the adapter by hand on one case (`node delv.mjs < case.json`) to see why.
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { spawn } from 'node:child_process';
import { fields, run, serve, withTempDir } from './protocol.mjs';

const LIBFAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1'];
// BIND's tools are linked with jemalloc, which hangs under libfaketime unless glibc's malloc is
// preloaded first (see test/support/bind-env.ts in dane-verify).
const MALLOC_DEBUG = ['/lib/x86_64-linux-gnu/libc_malloc_debug.so.0', '/lib/aarch64-linux-gnu/libc_malloc_debug.so.0', '/usr/lib/x86_64-linux-gnu/libc_malloc_debug.so.0', '/usr/lib/aarch64-linux-gnu/libc_malloc_debug.so.0'];

/** A loopback port free for both UDP and TCP (ldns-testns binds both). */
async function freePort() {
  for (let i = 0; i < 20; i++) {
    const port = await new Promise((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise((resolve) => {
      const u = createSocket('udp4');
      u.once('error', () => resolve(false));
      u.bind(port, '127.0.0.1', () => u.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free loopback port');
}

/** Resolves (to undefined) once something accepts TCP connections on the port; rejects after 10 s. */
async function listening(port) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('ldns-testns did not start listening within 10 s');
}

/** ldns-testns entries: one per recorded response, then SERVFAIL for anything else. */
function testnsData(c) {
  const entries = c.responses.map((r) => [
    'ENTRY_BEGIN', `MATCH opcode qtype qname`, 'ADJUST copy_id', `REPLY QR RD RA CD DO ${r.rcode}`,
    'SECTION QUESTION', `${r.name} IN ${r.type}`,
    'SECTION ANSWER', ...r.answer, 'SECTION AUTHORITY', ...r.authority, 'ENTRY_END', '',
  ].join('\n'));
  entries.push(['ENTRY_BEGIN', 'MATCH opcode', 'ADJUST copy_id copy_query', 'REPLY QR RD RA SERVFAIL', 'ENTRY_END', ''].join('\n'));
  return entries.join('\n');
}

/** The vector's anchors in BIND's trust-anchors syntax. */
function anchorConf(anchors) {
  const lines = anchors.map((a) => {
    const f = fields(a);
    if (f.type === 'DNSKEY') return `  ${f.owner} static-key ${f.rdata[0]} ${f.rdata[1]} ${f.rdata[2]} "${f.rdata.slice(3).join('')}";`;
    if (f.type === 'DS') return `  ${f.owner} static-ds ${f.rdata[0]} ${f.rdata[1]} ${f.rdata[2]} "${f.rdata.slice(3).join('')}";`;
    throw new Error(`a trust anchor must be DNSKEY or DS, got ${f.type}`);
  });
  return `trust-anchors {\n${lines.join('\n')}\n};\n`;
}

/** `20040412000000` as libfaketime's absolute start time `@2004-04-12 00:00:00`. */
function fakeTime(now) {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(now);
  return `@${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
}

/** delv's output as a status, and the line that says why. */
export function delvStatus(output) {
  if (/^; (negative response, )?fully validated/m.test(output)) return { status: 'secure' };
  if (/^; (negative response, )?unsigned answer/m.test(output)) return { status: 'insecure' };
  const why = /resolution failed: (.*)$/m.exec(output)?.[1]?.trim() ?? output.trim().split('\n').pop() ?? '';
  if (/timed out|SERVFAIL|no servers could be reached|connection refused/i.test(why)) return { status: 'indeterminate', reason: `delv: ${why}` };
  return { status: 'bogus', reason: `delv: ${why}` };
}

async function validator(c) {
  const faketime = LIBFAKETIME.find(existsSync);
  if (!faketime) return { error: 'libfaketime is not installed (Debian package faketime): delv needs the vector\'s clock' };
  const malloc = MALLOC_DEBUG.find(existsSync);
  if (!malloc) return { error: 'glibc\'s libc_malloc_debug.so.0 is missing: delv would hang under libfaketime' };
  return withTempDir(async (dir, write) => {
    const data = write('testns.data', testnsData(c));
    const anchors = write('anchors.conf', anchorConf(c.anchors));
    const port = await freePort();
    const server = spawn('ldns-testns', ['-p', String(port), data], { stdio: ['ignore', 'ignore', 'pipe'] });
    const failed = new Promise((resolve) => server.once('error', (e) => resolve(e)));
    try {
      // Wait until it listens: a delv run that meets no server would time out, and a timeout
      // reads as indeterminate, which some vectors expect.
      const early = await Promise.race([failed, listening(port)]);
      if (early) return { error: `cannot start ldns-testns (Debian package ldnsutils): ${early.message}` };
      const root = c.anchors.map((a) => fields(a).owner)[0];
      const env = { ...process.env, LD_PRELOAD: `${malloc}:${faketime}`, FAKETIME: fakeTime(c.now) };
      const r = run('delv', [`@127.0.0.1`, '-p', String(port), ...(process.env.DELV_ADAPTER_TRACE ? ['+rtrace', '+vtrace'] : []), '-a', anchors, `+root=${root}`, c.query.name, c.query.type], { env, pkg: 'bind9-dnsutils' });
      if (process.env.DELV_ADAPTER_TRACE) process.stderr.write(`${r.stdout}\n${r.stderr}\n`);
      return delvStatus(`${r.stdout}\n${r.stderr}`);
    } finally {
      server.kill('SIGKILL');
    }
  });
}

await serve(async (c) => (c.kind === 'validator' ? validator(c) : { skip: `delv validates whole lookups only, not ${c.kind} vectors` }));
