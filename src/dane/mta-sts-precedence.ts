/**
 * Which mechanism governs each MX host when a domain may have both DANE and MTA-STS (RFC 8461 §2):
 * where DANE applies, DANE decides, and MTA-STS never overrides it; MTA-STS decides only the hosts
 * DANE leaves alone. Our reading, written down once:
 * - `dane`: the host has a secure TLSA RRset (usable records: policy `dane`; none usable:
 *   `mandatory-tls`), or one of its DNSSEC lookups failed (`no-delivery`). A DNSSEC failure keeps
 *   the host unusable whatever MTA-STS says: a policy fetched over the Web PKI cannot vouch for
 *   DNS data that failed to validate (never a downgrade).
 * - `mta-sts`: DANE does not apply (no secure TLSA RRset: policy `none`) and an MTA-STS policy in
 *   mode `enforce` or `testing` is in force (fetched or cached).
 * - `none`: neither (no MTA-STS policy, mode `none`, or the policy could not be had: RFC 8461
 *   §3.3 says to deliver as without MTA-STS then, and the failure is reported).
 * The policy's verdict on the host (does it match an `mx` pattern) is given for every host when a
 * policy is in force, so a postmaster also sees what MTA-STS would say where DANE governs.
 */
import type { HostPolicy } from './policy.ts';
import { mtaStsHostVerdict, resolveMtaSts, type MtaStsHostVerdict, type MtaStsOptions, type MtaStsResult } from '../mail-policy/mta-sts-lookup.ts';
import type { Validator } from '../dnssec/validator.ts';
import { DnsFormatError } from '../dns/errors.ts';

export type GoverningMechanism = 'dane' | 'mta-sts' | 'none';

export interface HostGovernance {
  readonly governedBy: GoverningMechanism;
  /** Why, in words. */
  readonly governance: string;
  /** The MTA-STS policy's verdict on the host, when a policy is in force. */
  readonly mtaSts?: MtaStsHostVerdict;
}

/** The mechanism that governs `host` (RFC 8461 §2) given the domain's MTA-STS state. */
export function governHost(host: HostPolicy, sts: MtaStsResult | undefined): HostGovernance {
  const policy = sts?.outcome === 'policy' ? sts.policy?.policy : undefined;
  const verdict = policy ? { mtaSts: mtaStsHostVerdict(policy, host.host) } : {};
  switch (host.policy) {
    case 'dane':
      return { governedBy: 'dane', governance: `DANE decides: usable TLSA records at ${host.tlsaName} (RFC 8461 §2: MTA-STS does not override DANE)`, ...verdict };
    case 'mandatory-tls':
      return { governedBy: 'dane', governance: `DANE decides: a secure TLSA RRset at ${host.tlsaName} (none usable: TLS mandatory, unauthenticated) (RFC 8461 §2)`, ...verdict };
    case 'no-delivery':
      return { governedBy: 'dane', governance: `a DNSSEC lookup of the host failed: it is not used, whatever MTA-STS says (RFC 7672 §2.1.1)`, ...verdict };
    case 'none':
      break;
  }
  if (!policy) {
    const why = !sts ? 'MTA-STS not looked up' : sts.outcome === 'failed' ? `no MTA-STS policy could be had (${sts.failure?.tlsrpt ?? 'failed'})` : 'no MTA-STS policy';
    return { governedBy: 'none', governance: `no DANE (${host.reason}) and ${why}: TLS is opportunistic` };
  }
  if (policy.mode === 'none') return { governedBy: 'none', governance: `no DANE, and the MTA-STS policy is mode none: TLS is opportunistic`, ...verdict };
  return { governedBy: 'mta-sts', governance: `MTA-STS decides (mode ${policy.mode}): no secure TLSA RRset for the host; ${verdict.mtaSts!.reason}`, ...verdict };
}

/** What verifyDane's `mtaSts` option may set (the rest comes from verifyDane's own options). */
export type MtaStsCheckOptions = Pick<MtaStsOptions, 'cache' | 'ca' | 'port' | 'timeoutMs'>;

/**
 * The MTA-STS state of `domain` for verifyDane: never rejects for the network; a name too long to
 * prefix with `_mta-sts` or `mta-sts` can have no policy (said so).
 */
export async function mtaStsFor(validator: Validator, domain: string, o: MtaStsOptions): Promise<MtaStsResult> {
  try {
    return await resolveMtaSts(validator, domain, o);
  } catch (e) {
    if (!(e instanceof DnsFormatError)) throw e;
    const reason = `_mta-sts.${domain} is not a valid name (${e.message}): no MTA-STS policy can be published for ${domain}`;
    return { domain, outcome: 'none', record: { domain, name: `_mta-sts.${domain}`, outcome: 'failed', status: 'indeterminate', reason, reasons: [] }, reason };
  }
}
