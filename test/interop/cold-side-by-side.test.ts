/**
 * Side by side through a cold resolver (issue #13): the wall time of a full domain check by
 * dane-verify and by Postfix's posttls-finger, on the same signed domain of the world, each run
 * after Unbound's caches were emptied (`unbound-control flush_zone . / flush_infra all`), so that
 * every question walks the world's name servers from the root, as on a freshly started resolver.
 *
 * Three commands, interleaved and their order turned every round: dane-verify's CLI (a new Node
 * process: start-up included), `verifyDane()` in this process with a validator of its own (empty
 * caches: what a service pays on a name it has not seen), and posttls-finger. The test asserts only
 * that every run reaches the table's verdict; the times are printed (speed is measured, never
 * asserted). posttls-finger connects to the first MX host that answers and stops; dane-verify
 * checks every MX host at every address (see startup-side-by-side.test.ts for the scenario).
 */
import { loadWorld } from './lib/world.ts';
import { loadScenario } from './lib/scenarios.ts';
import { posttlsFingerArgs } from './lib/posttls-finger.ts';
import { formatMta } from './lib/compare.ts';
import type { Scenario } from './lib/types.ts';
import { buildDist, checkVerdict, flushUnbound, median, sessionCounts, timedRow, timeFinger, timeOurCli, timeOurLibrary, type Timed } from './lib/side-by-side.ts';

const SCENARIO_ID = 'dual-stack-host';
/** Timed rounds (one run of each command per round), each command after a flush. */
const RUNS = 5;

const world = loadWorld();

describe(`cold resolver side by side (issue #13): ${SCENARIO_ID}`, () => {
  let s: Scenario;

  before(function () {
    this.timeout(120_000);
    s = loadScenario(SCENARIO_ID);
    buildDist();
  });

  after(async function () {
    this.timeout(30_000);
    // Leave Unbound as the other tests found it: warm again on the next question, not broken.
    await flushUnbound(world);
  });

  it(`dane-verify (CLI and library) and posttls-finger -l dane each authenticate through a flushed Unbound, ${RUNS} interleaved rounds (times printed)`, async function () {
    this.timeout(180_000);
    type Who = 'cli' | 'library' | 'finger';
    const runs: Record<Who, Timed[]> = { cli: [], library: [], finger: [] };
    const once = async (who: Who): Promise<void> => {
      await flushUnbound(world);
      const r = who === 'cli' ? await timeOurCli(world, s.domain) : who === 'library' ? await timeOurLibrary(world, s.domain) : await timeFinger(world, s.domain);
      checkVerdict(s, who === 'finger' ? 'posttls-finger' : 'dane-verify', r);
      runs[who].push(r);
    };
    // A first round not counted: the file cache for node, dist/ and posttls-finger.
    for (const who of ['cli', 'library', 'finger'] as const) await once(who);
    for (const k of Object.keys(runs) as Who[]) runs[k] = [];
    const order: Who[] = ['cli', 'library', 'finger'];
    for (let round = 0; round < RUNS; round++) {
      for (const who of round % 2 ? [...order].reverse() : order) await once(who);
    }

    const ratio = (a: Timed[], b: Timed[]) => (median(a.map((r) => r.ms)) / median(b.map((r) => r.ms))).toFixed(1);
    const bare = s.domain.replace(/\.$/, '');
    process.stdout.write([
      '',
      `  ${s.domain} (${SCENARIO_ID}: ${formatMta(s.mta)}), Unbound ${world.resolver} flushed before every run, node ${process.version}, postfix ${world.versions.postfix ?? '?'}, ${RUNS} interleaved rounds, wall ms:`,
      '  | command | median | min | max | SMTP sessions per run |',
      '  |---|---:|---:|---:|---:|',
      timedRow(`\`dane-verify ${bare} --json\` (node dist/cli/main.js, cold start)`, runs.cli, `${sessionCounts(runs.cli)} (every MX host, every address)`),
      timedRow(`\`verifyDane('${bare}')\` in process, a new validator`, runs.library, `${sessionCounts(runs.library)} (every MX host, every address)`),
      timedRow(`\`posttls-finger ${posttlsFingerArgs(s.domain).join(' ')}\``, runs.finger, `${sessionCounts(runs.finger)} (first MX host that answers)`),
      `  | CLI / posttls-finger (medians) | ${ratio(runs.cli, runs.finger)}x | | | |`,
      `  | library / posttls-finger (medians) | ${ratio(runs.library, runs.finger)}x | | | |`,
      '',
    ].join('\n'));
  });
});
