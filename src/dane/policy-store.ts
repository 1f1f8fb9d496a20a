/**
 * DANE policies in a shared store (issue #17, item 3), beside the proven answers: a fleet of MTA
 * processes asking `resolver.policy(domain)` or `connectPlan(domain)` for the same popular
 * domains builds each policy once between them. Entries are sealed as answers are
 * (dnssec/answer-store.ts `SealedEntries`: HMAC-SHA-256 over key and entry under the secret, the
 * validator's configuration in the key, each operation bounded in time), and keyed also by what
 * shapes a policy besides DNS (port, insecureMx, maxHosts).
 *
 * Lifetimes: a policy is kept until its `expiresAt` (the first expiry of every proof it came from,
 * policy.ts), never longer; a policy from a failed or unproven lookup expires at once and is never
 * written. A policy read back is used only between when it was made and its `expiresAt` on the
 * reader's clock, and only for the domain it names.
 */
import { SealedEntries, type AnswerStoreOptions } from '../dnssec/answer-store.ts';
import type { DanePolicy, HostPolicy, PolicyOptions } from './policy.ts';
import type { DomainDestination } from './destination.ts';

/** Version of the stored policy format. */
const FORMAT = 1;

interface StoredPolicy {
  readonly v: number;
  readonly storedAt: number;
  /** The policy, TLSA association data in hex. */
  readonly policy: DanePolicy;
}

/** JSON has no bytes: association data goes as hex and comes back as bytes. */
function hostsOut(hosts: readonly HostPolicy[]): unknown[] {
  return hosts.map((h) => ({ ...h, tlsa: h.tlsa.map((t) => ({ ...t, data: { ...t.data, certificateAssociationData: Buffer.from(t.data.certificateAssociationData).toString('hex') } })) }));
}
function hostsIn(hosts: unknown): HostPolicy[] {
  if (!Array.isArray(hosts)) throw new TypeError('hosts');
  return hosts.map((h: HostPolicy) => {
    if (!Array.isArray(h.tlsa)) throw new TypeError('tlsa');
    return { ...h, tlsa: h.tlsa.map((t) => {
      const hex = t.data.certificateAssociationData as unknown;
      if (typeof hex !== 'string' || !/^([0-9a-f]{2})*$/.test(hex)) throw new TypeError('association data');
      return { ...t, data: { ...t.data, certificateAssociationData: new Uint8Array(Buffer.from(hex, 'hex')) } };
    }) };
  });
}

export class SealedPolicyStore extends SealedEntries {
  /** @throws RangeError (`ERR_OUT_OF_RANGE`) for a secret shorter than 32 octets or a bad timeout */
  constructor(options: AnswerStoreOptions, configuration: string) {
    super(options, configuration, `p${FORMAT}`);
  }

  key(domain: DomainDestination, o: PolicyOptions): string {
    return `${this.prefix}${o.port ?? 25}:${o.insecureMx ?? 'dane'}:${o.maxHosts ?? '-'}:${domain.name.key()}`;
  }

  /** Writes `policy`, made at `nowSeconds`, until its `expiresAt` (nothing when that is not at least a second away). */
  write(domain: DomainDestination, o: PolicyOptions, policy: DanePolicy, nowSeconds: number): void {
    if (policy.expiresAt === undefined) return;
    const ttl = Math.floor(policy.expiresAt - nowSeconds);
    if (ttl < 1) return;
    const { domainUnicode: _, ...rest } = policy;
    const entry = { v: FORMAT, storedAt: nowSeconds, policy: { ...rest, hosts: hostsOut(policy.hosts) } };
    this.put(this.key(domain, o), JSON.stringify(entry), ttl);
  }

  /** The policy for `domain` valid at `nowSeconds`, or undefined (a miss, whatever went wrong). */
  async read(domain: DomainDestination, o: PolicyOptions, nowSeconds: number): Promise<DanePolicy | undefined> {
    const { body, found } = await this.take(this.key(domain, o));
    if (!found) return undefined;
    const policy = body === undefined ? undefined : open(body, domain, nowSeconds);
    if (policy) this.hits++;
    else this.rejected++;
    return policy;
  }
}

function open(body: string, domain: DomainDestination, nowSeconds: number): DanePolicy | undefined {
  try {
    const e = JSON.parse(body) as StoredPolicy;
    const p = e.policy;
    if (e.v !== FORMAT || typeof p !== 'object' || p === null || typeof p.domain !== 'string') return undefined;
    if (p.domain.toLowerCase() !== domain.name.key()) return undefined;
    if (typeof p.expiresAt !== 'number' || !(e.storedAt <= nowSeconds && nowSeconds < p.expiresAt)) return undefined;
    return { ...p, ...(domain.unicode ? { domainUnicode: domain.unicode } : {}), hosts: hostsIn(p.hosts) };
  } catch {
    return undefined; // sealed by us but unreadable (another build's bug): a miss
  }
}
