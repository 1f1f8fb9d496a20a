/**
 * OUR SIDE OF THE COMPARISON: THE HOOK TO FILL IN.
 *
 * `ourVerdicts(scenario, world)` returns dane-verify's verdicts for a scenario, or `undefined`
 * while the pieces do not exist yet; the tests mark the comparison pending (visible as skipped in
 * the count line) until it returns a value, and from then on any disagreement fails the test and
 * shows both outputs. To wire it, inside the namespace (the tests already run there):
 *
 * - lookups: for each `scenario.lookups[i]`, run
 *   `dane-verify resolve <name> <type> --json --resolver <world.resolver> --trust-anchor <world.trustAnchorDs>`
 *   (through `node --import tsx src/cli/main.ts`, or dist/ after a build) and return its status
 *   (secure | insecure | bogus | indeterminate) with its whole output, in the same order;
 * - mta: call `verifyDane(scenario.domain, { resolvers: [world.resolver], trustAnchors: <text of
 *   world.trustAnchorDs>, timeoutMs })` from src/index.ts and map its result to `MtaVerdict`:
 *   `mx: 'deferred'` when the MX lookup is bogus or indeterminate (no host tried), else one
 *   `{ host, outcome, tlsRpt }` per MX host in preference order, with `output` its JSON.
 */
import type { World } from './world.ts';
import type { LookupStatus, MtaVerdict, Observed, Scenario } from './types.ts';

/** Our verdicts for one scenario: lookups aligned with `scenario.lookups`, and the MTA verdict. */
export interface OurVerdicts {
  lookups: Observed<LookupStatus>[];
  mta: Observed<MtaVerdict>;
}

/** dane-verify's verdicts for a scenario, or undefined until `resolve` and `verifyDane` exist. */
export async function ourVerdicts(_scenario: Scenario, _world: World): Promise<OurVerdicts | undefined> {
  return undefined;
}
