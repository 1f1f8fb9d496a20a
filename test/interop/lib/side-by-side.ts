/**
 * Timing dane-verify beside posttls-finger on one scenario of the world (issues #13 and #19): one
 * run of each command, with its wall time, the verdict read from its output and the SMTP sessions
 * it made, and the check of that verdict against scenarios.json. Speed is printed, never asserted.
 *
 * posttls-finger connects to the first MX host that answers (at one address) and stops; dane-verify
 * checks every MX host at every address, so the tables print the sessions each made.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assert } from 'chai';
import type { World } from './world.ts';
import { run } from './exec.ts';
import { parsePosttlsFinger, posttlsFingerArgs, posttlsFingerSummary } from './posttls-finger.ts';
import { diffMta, formatMta, quote } from './compare.ts';
import type { HostOutcome, MtaVerdict, Scenario } from './types.ts';

const CLI = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));

/** One run: its wall time, the verdict read from it and the SMTP sessions it made. */
export interface Timed {
  ms: number;
  verdict: MtaVerdict;
  sessions: number;
  output: string;
}

/** The JSON fields of `dane-verify DOMAIN --json` read here (docs/cli.md). */
interface CheckJson {
  exitCode: number;
  action: string;
  hosts: { host: string; outcome: HostOutcome; addresses: { address: string; outcome: HostOutcome }[] }[];
}

export function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Builds dist/ from the sources under test (run.sh does not): the timed CLI runs from there. */
export { buildDist } from '../../support/build-dist.ts';

export function ourCliArgs(world: World, domain: string): string[] {
  return [CLI, domain, '--json', '--resolver', world.resolver, '--trust-anchor', world.trustAnchorDs];
}

/** `dane-verify DOMAIN --json` as a new process (a cold Node start); each address it reports is one SMTP session. */
export async function timeOurCli(world: World, domain: string): Promise<Timed> {
  const args = ourCliArgs(world, domain);
  const t = performance.now();
  const r = await run(process.execPath, args);
  const ms = performance.now() - t;
  const output = `$ node ${args.join(' ')}\n(exit ${String(r.code)})\n${r.output}`;
  let j: CheckJson;
  try {
    j = JSON.parse(r.output) as CheckJson;
  } catch {
    assert.fail(`dane-verify printed no JSON\n${quote('dane-verify', output)}`);
  }
  if (r.code !== j.exitCode) assert.fail(`dane-verify exited ${String(r.code)}, its JSON says ${j.exitCode}\n${quote('dane-verify', output)}`);
  const verdict: MtaVerdict = {
    mx: j.action === 'defer' ? 'deferred' : j.action === 'no-mail' ? 'no-mail' : 'ok',
    hosts: j.hosts.map((h) => ({ host: absolute(h.host), outcome: h.outcome, addresses: h.addresses.map((a) => ({ address: a.address, outcome: a.outcome })) })),
  };
  return { ms, verdict, sessions: j.hosts.reduce((n, h) => n + h.addresses.length, 0), output };
}

/** `verifyDane(domain)` in this process, with a validator of its own (`shareValidator: false`: empty caches). */
export async function timeOurLibrary(world: World, domain: string): Promise<Timed> {
  const { verifyDane } = await import('../../../src/dane/verify.ts');
  const trustAnchors = readFileSync(world.trustAnchorDs, 'utf8');
  const t = performance.now();
  const r = await verifyDane(domain, { resolvers: [world.resolver], trustAnchors, shareValidator: false });
  const ms = performance.now() - t;
  const verdict: MtaVerdict = {
    mx: r.policy.action === 'defer' ? 'deferred' : r.policy.action === 'no-mail' ? 'no-mail' : 'ok',
    hosts: r.hosts.map((h) => ({ host: absolute(h.host), outcome: h.outcome as HostOutcome, addresses: h.addresses.map((a) => ({ address: a.address, outcome: a.outcome as HostOutcome })) })),
  };
  return { ms, verdict, sessions: r.hosts.reduce((n, h) => n + h.addresses.length, 0), output: `verifyDane(${domain}): ${r.summary} (exit ${r.exitCode})` };
}

/** posttls-finger as lib/posttls-finger.ts runs it on the domain; `Connected to` lines are its sessions. */
export async function timeFinger(world: World, domain: string): Promise<Timed> {
  const args = posttlsFingerArgs(domain);
  const t = performance.now();
  const r = await run('posttls-finger', args, { MAIL_CONFIG: world.postfixClientConfig });
  const ms = performance.now() - t;
  const output = `$ posttls-finger ${args.join(' ')}\n${r.output}`;
  const sessions = [...r.output.matchAll(/^posttls-finger: Connected to /gm)].length;
  return { ms, verdict: parsePosttlsFinger(r.output), sessions, output };
}

/** Empties Unbound's caches (answers, keys, server RTT and EDNS data): the next question finds it cold. */
export async function flushUnbound(world: World): Promise<void> {
  for (const args of [['flush_zone', '.'], ['flush_infra', 'all'], ['flush_requestlist']]) {
    const r = await run('unbound-control', ['-c', world.unboundConfig, ...args]);
    if (r.code !== 0) assert.fail(`unbound-control ${args.join(' ')} failed (exit ${String(r.code)}): ${r.output}`);
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/**
 * Fails unless `r` reaches the scenario's verdict: the whole table for dane-verify, the first MX
 * host (at the IPv4 address it connected to) for posttls-finger, which stops there.
 */
export function checkVerdict(s: Scenario, who: 'dane-verify' | 'posttls-finger', r: Timed): void {
  const first = s.mta.hosts[0]!;
  const wants: MtaVerdict = who === 'dane-verify' ? s.mta : { mx: 'ok', hosts: [{ host: first.host, outcome: first.outcome }] };
  const diffs = diffMta(wants, r.verdict);
  if (diffs.length > 0) {
    const shown = who === 'dane-verify' ? r.output : posttlsFingerSummary(r.output);
    assert.fail(`${who} disagrees with the table: ${diffs.join('; ')}\n  table: ${formatMta(wants)}\n  ${who}: ${formatMta(r.verdict)}\n${quote(who, shown)}`);
  }
}

/** A table row: median, min and max wall ms of the runs, and the sessions they made. */
export function timedRow(label: string, rs: readonly Timed[], sessions: string): string {
  const ms = rs.map((r) => r.ms);
  return `  | ${label} | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${sessions} |`;
}

/** The distinct session counts of the runs, e.g. `2`. */
export function sessionCounts(rs: readonly Timed[]): string {
  return [...new Set(rs.map((r) => r.sessions))].join(', ');
}
