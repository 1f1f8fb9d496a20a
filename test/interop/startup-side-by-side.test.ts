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
import { assert } from 'chai';
import { loadWorld } from './lib/world.ts';
import { loadScenario } from './lib/scenarios.ts';
import { posttlsFingerArgs } from './lib/posttls-finger.ts';
import { formatMta } from './lib/compare.ts';
import type { Scenario } from './lib/types.ts';
import { buildDist, checkVerdict, median, sessionCounts, timedRow, timeFinger, timeOurCli, type Timed } from './lib/side-by-side.ts';

/** The scenario timed (see the header for why this one). */
const SCENARIO_ID = 'dual-stack-host';
/** Timed runs of each command, after one warm-up run of each. */
const RUNS = 5;

const world = loadWorld();

describe(`start-up side by side (issue #19): ${SCENARIO_ID}`, () => {
  let s: Scenario;

  before(function () {
    this.timeout(120_000);
    s = loadScenario(SCENARIO_ID);
    buildDist();
  });

  it(`dane-verify DOMAIN --json and posttls-finger -l dane both authenticate in 1 + ${RUNS} interleaved runs each (times printed)`, async function () {
    this.timeout(120_000);
    assert.isTrue(s.mta.mx === 'ok' && s.mta.hosts.length > 0 && s.mta.hosts.every((h) => h.outcome === 'authenticated'),
      `${SCENARIO_ID}: the table must expect every host authenticated, it says ${formatMta(s.mta)}`);

    const ours: Timed[] = [];
    const finger: Timed[] = [];
    const check = (who: 'dane-verify' | 'posttls-finger', r: Timed): void => checkVerdict(s, who, r);
    const oneOfEach = async (round: number): Promise<[Timed, Timed]> => {
      if (round % 2 === 0) {
        const a = await timeOurCli(world, s.domain);
        return [a, await timeFinger(world, s.domain)];
      }
      const b = await timeFinger(world, s.domain);
      return [await timeOurCli(world, s.domain), b];
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

    const row = timedRow;
    const counts = sessionCounts;
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
