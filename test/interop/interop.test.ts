/**
 * The interop tier: for every scenario of scenarios.json, the verdicts of real implementations
 * (BIND's delv and Unbound on each lookup, Postfix's posttls-finger on the mail domain) against
 * the table, which proves the world is built as the table says; then dane-verify's verdicts
 * against the same table and peers, through the hooks in lib/ours.ts.
 *
 * Runs only inside the world's network namespace, through run.sh (`npm run test:interop`).
 */
import { isIP } from 'node:net';
import { assert } from 'chai';
import { loadWorld } from './lib/world.ts';
import { loadScenarios } from './lib/scenarios.ts';
import { runDelv } from './lib/delv.ts';
import type { DelvVerdict } from './lib/delv.ts';
import { runDig } from './lib/unbound.ts';
import type { UnboundVerdict } from './lib/unbound.ts';
import { posttlsFingerSummary } from './lib/posttls-finger.ts';
import { probeScenario } from './lib/postfix-probes.ts';
import { diffMta, expectedMtaFor, expectedStatusFor, formatMta, hostNotes, quote } from './lib/compare.ts';
import { ourLookups, ourMta } from './lib/ours.ts';
import type { LookupStatus, LookupType, MtaVerdict, Observed, Scenario } from './lib/types.ts';

/** The issue asks for a dozen scenarios or more. */
const MIN_SCENARIOS = 12;

const world = loadWorld();
const scenarios = loadScenarios();

/** Each peer run happens once; the comparisons with our side reuse it. */
function memo<K, V>(f: (key: K) => Promise<V>): (key: K, id: string) => Promise<V> {
  const cache = new Map<string, Promise<V>>();
  return (key, id) => {
    let p = cache.get(id);
    if (!p) { p = f(key); cache.set(id, p); }
    return p;
  };
}
const delv = memo<[string, LookupType], Observed<DelvVerdict>>(([n, t]) => runDelv(world, n, t));
const unbound = memo<[string, LookupType], Observed<UnboundVerdict>>(([n, t]) => runDig(world, n, t));
const finger = memo<Scenario, Observed<MtaVerdict>>((s) => probeScenario(world, s));
const oursLookups = memo<Scenario, Observed<LookupStatus>[] | undefined>((s) => ourLookups(s, world));
const oursMta = memo<Scenario, Observed<MtaVerdict> | undefined>((s) => ourMta(s, world));

describe('interop world and table', () => {
  before(() => {
    const v = Object.entries(world.versions).map(([k, x]) => `${k} ${x}`).join(', ');
    process.stdout.write(`  peers: ${v}\n`);
  });

  it(`has at least ${MIN_SCENARIOS} scenarios with an MX, an A and a TLSA lookup each`, () => {
    assert.isAtLeast(scenarios.length, MIN_SCENARIOS);
    for (const s of scenarios) {
      const types = new Set(s.lookups.map((l) => l.type));
      assert.includeMembers([...types], ['A', 'MX', 'TLSA'], s.id);
    }
  });

  it('covers several MX hosts in one domain and a host checked at an IPv4 and an IPv6 address', () => {
    assert.isTrue(scenarios.some((s) => s.mta.hosts.length > 1));
    const families = (s: Scenario): Set<number> => new Set(s.mta.hosts.flatMap((h) => (h.addresses ?? []).map((a) => isIP(a.address))));
    assert.isTrue(scenarios.some((s) => families(s).has(4) && families(s).has(6)));
    assert.isTrue(scenarios.some((s) => s.lookups.some((l) => l.type === 'AAAA')));
  });

  it('covers every lookup status but indeterminate, every host outcome but error, a deferred domain and a null MX', () => {
    const statuses = new Set(scenarios.flatMap((s) => s.lookups.map((l) => l.status)));
    assert.includeMembers([...statuses], ['secure', 'insecure', 'bogus']);
    const outcomes = new Set(scenarios.flatMap((s) => s.mta.hosts.map((h) => h.outcome)));
    assert.includeMembers([...outcomes], ['authenticated', 'failed', 'unauthenticated', 'none', 'bogus']);
    assert.isTrue(scenarios.some((s) => s.mta.mx === 'deferred'));
    assert.isTrue(scenarios.some((s) => s.mta.mx === 'no-mail'));
  });
});

for (const s of scenarios) {
  describe(`${s.id}: ${s.domain}`, () => {
    for (const l of s.lookups) {
      const key: [string, LookupType] = [l.name, l.type];
      const id = `${l.name} ${l.type}`;

      it(`delv: ${id} is ${expectedStatusFor(l, 'delv')}`, async () => {
        const got = await delv(key, id);
        const want = expectedStatusFor(l, 'delv');
        if (got.verdict.status !== want) {
          assert.fail(`delv says ${got.verdict.status}, the table ${want} (${s.about})\n${quote('delv', got.output)}`);
        }
      });

      it(`unbound: ${id} is ${expectedStatusFor(l, 'unbound')}`, async () => {
        const got = await unbound(key, id);
        const want = expectedStatusFor(l, 'unbound');
        if (got.verdict.status !== want) {
          assert.fail(`Unbound says ${got.verdict.status}, the table ${want} (${s.about})\n${quote('dig', got.output)}`);
        }
      });
    }

    const postfixWants = expectedMtaFor(s.mta, 'posttls-finger');
    const notes = hostNotes(s.mta, 'posttls-finger');
    it(`posttls-finger: ${formatMta(postfixWants)}${notes.length > 0 ? ' (known difference)' : ''}`, async () => {
      const got = await finger(s, s.id);
      const diffs = diffMta(postfixWants, got.verdict);
      if (diffs.length > 0) {
        assert.fail(`posttls-finger disagrees with the table: ${diffs.join('; ')}\n`
          + `  table:          ${formatMta(postfixWants)}\n  posttls-finger: ${formatMta(got.verdict)}\n`
          + notes.map((n) => `  known difference: ${n}\n`).join('')
          + quote('posttls-finger (relevant lines)', posttlsFingerSummary(got.output)));
      }
    });

    it('dane-verify\'s validator agrees with delv (and the table) on every lookup', async function () {
      const mine = await oursLookups(s, s.id);
      if (!mine) this.skip(); // lib/ours.ts: the hook returns undefined until this piece exists
      const problems: string[] = [];
      for (const [i, l] of s.lookups.entries()) {
        const our = mine[i];
        if (!our) { problems.push(`no verdict for ${l.name} ${l.type}`); continue; }
        if (our.verdict === l.status) continue;
        const peer = await delv([l.name, l.type], `${l.name} ${l.type}`);
        problems.push(`${l.name} ${l.type}: dane-verify says ${our.verdict}, delv ${peer.verdict.status}, the table ${l.status}`
          + `${l.note ? ` (note: ${l.note})` : ''}\n${quote('dane-verify', our.output)}\n${quote('delv', peer.output)}`);
      }
      if (problems.length > 0) assert.fail(problems.join('\n'));
    });

    it(`verifyDane agrees with ${notes.length > 0 ? 'the table (posttls-finger: known difference)' : 'posttls-finger (and the table)'}`, async function () {
      const mine = await oursMta(s, s.id);
      if (!mine) this.skip(); // lib/ours.ts: the hook returns undefined until verifyDane exists
      // The table's own host verdicts (a known Postfix difference is Postfix's, not ours).
      const diffs = diffMta(s.mta, mine.verdict);
      if (diffs.length > 0) {
        const peer = await finger(s, s.id);
        assert.fail(`verifyDane disagrees: ${diffs.join('; ')}\n`
          + `  table:          ${formatMta(s.mta)}\n  verifyDane:     ${formatMta(mine.verdict)}\n`
          + `  posttls-finger: ${formatMta(peer.verdict)}\n`
          + `${quote('verifyDane', mine.output)}\n${quote('posttls-finger (relevant lines)', posttlsFingerSummary(peer.output))}`);
      }
    });
  });
}
