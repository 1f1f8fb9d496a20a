/**
 * Postfix's verdict on a whole scenario, from as many posttls-finger runs as it takes.
 *
 * posttls-finger resolves every MX host of a domain but connects to the first one that answers
 * and stops, so one run says what Postfix decides for one host at one address. The tier probes:
 * - the domain, IPv4 client: the MX verdict (deferred, no-mail, ok) and the first MX host;
 * - every later MX host of the table with the `[host]` nexthop (no MX lookup: the host's own
 *   address and TLSA lookups and its connection, as for the host of a secure MX RRset; the
 *   scenario table only allows several hosts under a secure MX, lib/scenarios.ts);
 * - for a host whose table entry lists an IPv6 address, once more with the dual-stack client
 *   preferring IPv6 (`-a ipv6`), so that the IPv6 address is the one connected to.
 * Each run that connected adds `{ address, outcome }`. A host's verdict is its first run's, or,
 * for a host the table checks at several addresses, the worst of its runs' in verifyDane's order
 * (src/dane/verify.ts: a host is as good as its worst address). That aggregate is the tier's, not
 * a Postfix decision: Postfix delivers through whichever address it reaches first and passes.
 */
import { isIP } from 'node:net';
import type { World } from './world.ts';
import type { AddressVerdict, HostOutcome, HostVerdict, MtaVerdict, Observed, Scenario } from './types.ts';
import { connectedAddress, runPosttlsFinger, type ProbeOptions } from './posttls-finger.ts';

/** Host outcomes from worst to best, as verifyDane ranks the addresses of a host. */
export const OUTCOMES_WORST_FIRST: readonly HostOutcome[] = ['failed', 'bogus', 'error', 'none', 'unauthenticated', 'authenticated'];

/** The worst of several verdicts of one host (the first of equals). */
export function worstVerdict(verdicts: readonly HostVerdict[]): HostVerdict | undefined {
  const rank = (v: HostVerdict): number => OUTCOMES_WORST_FIRST.indexOf(v.outcome);
  return verdicts.reduce<HostVerdict | undefined>((w, v) => (w === undefined || rank(v) < rank(w) ? v : w), undefined);
}

/** One host's verdict from one run, with the address it was reached at (if it connected). */
function hostOf(run: Observed<MtaVerdict>, want: string): { verdict: HostVerdict; address: string | undefined } {
  const verdict = run.verdict.hosts[0];
  if (!verdict) return { verdict: { host: want, outcome: 'error' }, address: undefined };
  return { verdict, address: connectedAddress(run.output) };
}

/** Probes every host of the scenario's table as described above; the logs are concatenated. */
export async function probeScenario(world: World, scenario: Scenario): Promise<Observed<MtaVerdict>> {
  const outputs: string[] = [];
  const domainRun = await runPosttlsFinger(world, scenario.domain);
  outputs.push(domainRun.output);
  // A domain that is not "ok" here, or whose table row expects no host: the domain run says it all.
  if (domainRun.verdict.mx !== 'ok' || scenario.mta.hosts.length === 0) {
    return { verdict: domainRun.verdict, output: outputs.join('\n') };
  }

  const hosts: HostVerdict[] = [];
  for (const [i, expected] of scenario.mta.hosts.entries()) {
    const name = expected.host;
    const probe = async (family: ProbeOptions['family']): Promise<{ verdict: HostVerdict; address: string | undefined }> => {
      if (i === 0 && family === 'ipv4') return hostOf(domainRun, name);
      // The first host through the domain (its MX context intact), later ones as "[host]".
      const r = await runPosttlsFinger(world, i === 0 ? scenario.domain : name, { family, host: i > 0 });
      outputs.push(r.output);
      return hostOf(r, name);
    };
    const runs = [await probe('ipv4')];
    if ((expected.addresses ?? []).some((a) => isIP(a.address) === 6)) runs.push(await probe('ipv6'));
    const addresses: AddressVerdict[] = runs.flatMap((r) => (r.address ? [{ address: r.address, outcome: r.verdict.outcome }] : []));
    // The host the domain run reported may differ from the table's first host: report it as is.
    const verdict = expected.addresses ? worstVerdict(runs.map((r) => r.verdict)) : runs[0]?.verdict;
    if (verdict) hosts.push({ ...verdict, ...(expected.addresses ? { addresses } : {}) });
  }
  return { verdict: { mx: 'ok', hosts }, output: outputs.join('\n') };
}
