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
 * Each host's verdict is its first run's; each run that connected adds `{ address, outcome }`.
 */
import { isIP } from 'node:net';
import type { World } from './world.ts';
import type { AddressVerdict, HostVerdict, MtaVerdict, Observed, Scenario } from './types.ts';
import { connectedAddress, runPosttlsFinger, type ProbeOptions } from './posttls-finger.ts';

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
  if (domainRun.verdict.mx !== 'ok') return { verdict: domainRun.verdict, output: outputs.join('\n') };

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
    const first = await probe('ipv4');
    const addresses: AddressVerdict[] = [];
    if (first.address) addresses.push({ address: first.address, outcome: first.verdict.outcome });
    if ((expected.addresses ?? []).some((a) => isIP(a.address) === 6)) {
      const v6 = await probe('ipv6');
      if (v6.address) addresses.push({ address: v6.address, outcome: v6.verdict.outcome });
    }
    // The host the domain run reported may differ from the table's first host: report it as is.
    hosts.push({ ...first.verdict, ...(expected.addresses ? { addresses } : {}) });
  }
  return { verdict: { mx: 'ok', hosts }, output: outputs.join('\n') };
}
