/**
 * Side by side (issue #19): the wall time of a full domain check by dane-verify's CLI and by
 * Postfix's posttls-finger, on the same signed domain of the world, through the same warm Unbound.
 *
 * - dane-verify: `node dist/cli/main.js DOMAIN --json --resolver <Unbound> --trust-anchor <anchor>`,
 *   a new process each run (a cold Node start, as a script or an MTA that shells out pays it).
 *   lib/ours.ts runs our code in process, so the process is spawned here, the same way lib/exec.ts
 *   spawns the peers. dist/ is built first (run.sh does not build it).
 * - posttls-finger: the command line of lib/posttls-finger.ts (`-v -l dane`, IPv4 client).
 *
 * One warm-up run of each (Unbound's cache, the file cache), then RUNS runs of each, interleaved,
 * the order reversed every other round, so load from other processes hits both alike. The test
 * asserts only that every run, warm-up included, reaches the table's verdict; the times are printed
 * (speed is measured, never asserted in a test).
 *
 * Limitations: the two do not do the same work. posttls-finger connects to the first MX host that
 * answers (at one address) and stops; dane-verify checks every MX host at every address. The table
 * prints the SMTP sessions each made. No scenario of scenarios.json has two MX hosts that both
 * authenticate: `mixed-mx-set` has two, but its second host has no DANE (unsigned zone), so the
 * domain does not authenticate for dane-verify (exit 2) and it connects to one host only.
 * `dual-stack-host` is the nearest: one MX host under DANE-EE 3 1 1 with a secure A and a secure
 * AAAA, which dane-verify checks at both addresses (two SMTP sessions, as two single-address MX
 * hosts would take) and which both tools authenticate.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assert } from 'chai';
import { loadWorld } from './lib/world.ts';
import { loadScenarios } from './lib/scenarios.ts';
import { run } from './lib/exec.ts';
import { parsePosttlsFinger, posttlsFingerArgs, posttlsFingerSummary } from './lib/posttls-finger.ts';
import { diffMta, formatMta, quote } from './lib/compare.ts';
import type { HostOutcome, MtaVerdict, Scenario } from './lib/types.ts';

/** The scenario timed (see the header for why this one). */
const SCENARIO_ID = 'dual-stack-host';
/** Timed runs of each command, after one warm-up run of each. */
const RUNS = 5;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

const world = loadWorld();

/** One run: its wall time, the verdict read from it and the SMTP sessions it made. */
interface Timed {
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

function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

function ourArgs(domain: string): string[] {
  return [CLI, domain, '--json', '--resolver', world.resolver, '--trust-anchor', world.trustAnchorDs];
}

/** `dane-verify DOMAIN --json` as a new process; each address it reports is one SMTP session. */
async function timeOurs(domain: string): Promise<Timed> {
  const args = ourArgs(domain);
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

/** posttls-finger as lib/posttls-finger.ts runs it on the domain; `Connected to` lines are its sessions. */
async function timeFinger(domain: string): Promise<Timed> {
  const args = posttlsFingerArgs(domain);
  const t = performance.now();
  const r = await run('posttls-finger', args, { MAIL_CONFIG: world.postfixClientConfig });
  const ms = performance.now() - t;
  const output = `$ posttls-finger ${args.join(' ')}\n${r.output}`;
  const sessions = [...r.output.matchAll(/^posttls-finger: Connected to /gm)].length;
  return { ms, verdict: parsePosttlsFinger(r.output), sessions, output };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

describe(`start-up side by side (issue #19): ${SCENARIO_ID}`, () => {
  let s: Scenario;

  before(function () {
    this.timeout(120_000);
    const found = loadScenarios().find((x) => x.id === SCENARIO_ID);
    if (!found) throw new Error(`scenarios.json has no scenario ${SCENARIO_ID}`);
    s = found;
    // The timed CLI runs from dist/: build it from the sources under test.
    execFileSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  });

  it(`dane-verify DOMAIN --json and posttls-finger -l dane both authenticate in 1 + ${RUNS} interleaved runs each (times printed)`, async function () {
    this.timeout(120_000);
    assert.isTrue(s.mta.mx === 'ok' && s.mta.hosts.length > 0 && s.mta.hosts.every((h) => h.outcome === 'authenticated'),
      `${SCENARIO_ID}: the table must expect every host authenticated, it says ${formatMta(s.mta)}`);
    // posttls-finger's domain run reports the first MX host, at the IPv4 address it connected to.
    const first = s.mta.hosts[0]!;
    const fingerWants: MtaVerdict = { mx: 'ok', hosts: [{ host: first.host, outcome: first.outcome }] };

    const ours: Timed[] = [];
    const finger: Timed[] = [];
    const check = (who: 'dane-verify' | 'posttls-finger', r: Timed): void => {
      const wants = who === 'dane-verify' ? s.mta : fingerWants;
      const diffs = diffMta(wants, r.verdict);
      if (diffs.length > 0) {
        const shown = who === 'dane-verify' ? r.output : posttlsFingerSummary(r.output);
        assert.fail(`${who} disagrees with the table: ${diffs.join('; ')}\n  table: ${formatMta(wants)}\n  ${who}: ${formatMta(r.verdict)}\n${quote(who, shown)}`);
      }
    };
    const oneOfEach = async (round: number): Promise<[Timed, Timed]> => {
      if (round % 2 === 0) {
        const a = await timeOurs(s.domain);
        return [a, await timeFinger(s.domain)];
      }
      const b = await timeFinger(s.domain);
      return [await timeOurs(s.domain), b];
    };

    // Warm-up: Unbound's cache for every name of both checks, the file cache for node and dist/.
    const [warmOurs, warmFinger] = await oneOfEach(0);
    check('dane-verify', warmOurs);
    check('posttls-finger', warmFinger);
    for (let round = 0; round < RUNS; round++) {
      const [a, b] = await oneOfEach(round + 1);
      check('dane-verify', a);
      check('posttls-finger', b);
      ours.push(a);
      finger.push(b);
    }

    const row = (label: string, rs: readonly Timed[], sessions: string): string => {
      const ms = rs.map((r) => r.ms);
      return `  | ${label} | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${sessions} |`;
    };
    const counts = (rs: readonly Timed[]): string => [...new Set(rs.map((r) => r.sessions))].join(', ');
    const ratio = median(ours.map((r) => r.ms)) / median(finger.map((r) => r.ms));
    const bare = s.domain.replace(/\.$/, '');
    process.stdout.write([
      '',
      `  ${s.domain} (${SCENARIO_ID}: ${formatMta(s.mta)}), Unbound ${world.resolver} warm, node ${process.version}, postfix ${world.versions.postfix ?? '?'}, ${RUNS} interleaved runs each, wall ms:`,
      '  | command | median | min | max | SMTP sessions per run |',
      '  |---|---:|---:|---:|---:|',
      row(`\`dane-verify ${bare} --json\` (node dist/cli/main.js, cold start)`, ours, `${counts(ours)} (every MX host, every address)`),
      row(`\`posttls-finger ${posttlsFingerArgs(s.domain).join(' ')}\``, finger, `${counts(finger)} (first MX host that answers)`),
      `  | dane-verify / posttls-finger (medians) | ${ratio.toFixed(1)}x | | | |`,
      `  posttls-finger connects to the first MX host that answers and stops; dane-verify checks every MX host at every address.`,
      `  No scenario has two MX hosts that both authenticate (mixed-mx-set's second host has no DANE): ${SCENARIO_ID} stands in, one MX host, DANE-EE 3 1 1, an A and an AAAA.`,
      '',
    ].join('\n'));
  });
});
