/**
 * OUR SIDE OF THE COMPARISON: THE HOOKS.
 *
 * `ourVerdicts(scenario, world)` returns dane-verify's verdicts for a scenario. Each half may be
 * `undefined` while the piece it needs does not exist; the tests then mark that comparison pending
 * (visible as skipped in the count line). Once it returns a value, any disagreement fails the test
 * and shows both outputs.
 *
 * - lookups: the `dane-verify resolve <name> <type> --resolver <world.resolver> --trust-anchor
 *   <world.trustAnchorDs> --json` command itself (src/cli/run.ts, the code the binary runs, in
 *   process), asking the world's Unbound with the private root's anchor; its JSON status is compared.
 * - mta: `verifyDane(scenario.domain, { resolvers, trustAnchors })` (src/dane/verify.ts), mapped
 *   to `MtaVerdict`: `mx: 'deferred'` when the policy defers the domain (bogus or indeterminate
 *   MX lookup, RFC 7672 §2.1.1), else one `{ host, outcome, tlsRpt, addresses }` per MX host
 *   (`addresses`: the verdict at each address it connected to).
 *
 * Our sources are imported when a hook first runs, not when the tests load, so that a broken
 * source fails the comparisons with its error while the peers' tests still run.
 */
import { readFileSync } from 'node:fs';
import type { Validator } from '../../../src/dnssec/validator.ts';
import type { World } from './world.ts';
import type { HostOutcome, LookupStatus, MtaVerdict, Observed, Scenario, TlsRptResult } from './types.ts';

/** Our verdicts for one scenario: lookups aligned with `scenario.lookups`, and the MTA verdict. */
export interface OurVerdicts {
  lookups: Observed<LookupStatus>[] | undefined;
  mta: Observed<MtaVerdict> | undefined;
}

/** verifyDane's per-step timeout in the world (everything answers in milliseconds there). */
const OUR_TIMEOUT_MS = 5_000;

/** One validator for the whole run, as an MTA would keep one (it caches proven keys). */
let validator: Promise<Validator> | undefined;

function ourValidator(world: World): Promise<Validator> {
  validator ??= (async () => {
    const { Validator } = await import('../../../src/dnssec/validator.ts');
    const { StubResolver } = await import('../../../src/resolver/stub.ts');
    return new Validator({
      upstream: new StubResolver({ servers: [world.resolver] }),
      trustAnchors: readFileSync(world.trustAnchorDs, 'utf8'),
    });
  })();
  return validator;
}

/** Our validated lookups for a scenario, in the order of `scenario.lookups`: `dane-verify resolve --json`. */
export async function ourLookups(scenario: Scenario, world: World): Promise<Observed<LookupStatus>[] | undefined> {
  const { runCli } = await import('../../../src/cli/run.ts');
  const out: Observed<LookupStatus>[] = [];
  for (const l of scenario.lookups) {
    const r = await runCli(['resolve', l.name, l.type, '--resolver', world.resolver, '--trust-anchor', world.trustAnchorDs, '--json']);
    if (r.exitCode === 64 || !r.stdout) throw new Error(`dane-verify resolve ${l.name} ${l.type} failed: ${r.stderr}`);
    const j = JSON.parse(r.stdout) as { status: LookupStatus; kind: string; records: string[]; reason: string; reasons: unknown[] };
    const shown = { exitCode: r.exitCode, status: j.status, kind: j.kind, records: j.records.length, reason: j.reason, reasons: j.reasons };
    out.push({ verdict: j.status, output: JSON.stringify(shown, null, 2) });
  }
  return out;
}

function absolute(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Our MTA verdict for a scenario, from verifyDane. */
export async function ourMta(scenario: Scenario, world: World): Promise<Observed<MtaVerdict> | undefined> {
  const { verifyDane } = await import('../../../src/dane/verify.ts');
  const r = await verifyDane(scenario.domain, {
    resolvers: [world.resolver],
    trustAnchors: readFileSync(world.trustAnchorDs, 'utf8'),
    timeoutMs: OUR_TIMEOUT_MS,
    validator: await ourValidator(world),
  });
  const verdict: MtaVerdict = {
    mx: r.policy.action === 'defer' ? 'deferred' : r.policy.action === 'no-mail' ? 'no-mail' : 'ok',
    hosts: r.hosts.map((h) => ({
      host: absolute(h.host),
      outcome: h.outcome as HostOutcome,
      ...(h.tlsrpt ? { tlsRpt: h.tlsrpt as TlsRptResult } : {}),
      addresses: h.addresses.map((a) => ({ address: a.address, outcome: a.outcome as HostOutcome })),
    })),
  };
  const shown = {
    summary: r.summary, action: r.policy.action, mx: r.policy.mx,
    hosts: r.hosts.map((h) => ({
      host: h.host, outcome: h.outcome, tlsrpt: h.tlsrpt, reason: h.reason, policy: h.policy.policy,
      addresses: h.addresses.map((a) => ({ address: a.address, outcome: a.outcome, reason: a.reason, matched: a.matched })),
    })),
  };
  return { verdict, output: JSON.stringify(shown, null, 2) };
}

/** dane-verify's verdicts for a scenario (each half undefined while its piece does not exist). */
export async function ourVerdicts(scenario: Scenario, world: World): Promise<OurVerdicts> {
  return { lookups: await ourLookups(scenario, world), mta: await ourMta(scenario, world) };
}
