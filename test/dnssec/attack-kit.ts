/**
 * A lying upstream over a signed test world, for the downgrade tests: answers come from the world's
 * zones without a socket (`world.answerer`), and a test replaces one question's answer with a forgery
 * made of the world's own signed records (replayed, renamed, stripped or re-typed) or of records
 * re-signed with the world's keys.
 */
import { Name } from '../../src/dns/name.ts';
import { RRType } from '../../src/dns/iana/rr-types.ts';
import { isType, type ResourceRecord } from '../../src/dns/record.ts';
import type { Message } from '../../src/dns/message.ts';
import { createRR } from '../../src/dns/rdata/index.ts';
import { signRRset, type TestKey } from '../../src/testing/keys.ts';
import type { TestWorld } from '../../src/testing/world.ts';
import { Validator, type ValidatorOptions } from '../../src/dnssec/validator.ts';
import { CallbackUpstream, responseMessage } from './replay-upstream.ts';

const DAY_MS = 86_400_000;

/** The time of the run, to the second: the world is signed around it and the validator's clock is it. */
export function runNow(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

export type Answer = (name: Name, type: number) => Message | undefined;

export class AttackKit {
  constructor(
    readonly world: TestWorld,
    readonly now: Date,
  ) {}

  /** What the world's authoritative server answers. */
  readonly honest = (name: Name, type: number): Message => {
    const a = this.world.answerer.answer({ name, type, dnssecOk: true });
    return responseMessage(name, type, a.rcode, a.answer, a.authority);
  };

  /** A validator over `answer`, anchored at the world's root (or `trustAnchors`), at the kit's clock. */
  validator(answer: Answer, options: Partial<ValidatorOptions> = {}): Validator {
    return new Validator({ upstream: new CallbackUpstream(answer, { wire: true }), trustAnchors: this.world.trustAnchors.text, now: () => this.now, ...options });
  }

  /** An upstream that is honest except for one question, which gets `forged()`. */
  lying(qname: Name | string, qtype: number, forged: () => Message | undefined): Answer {
    const q = typeof qname === 'string' ? Name.parse(qname) : qname;
    return (n, t) => (n.equals(q) && t === qtype ? forged() : this.honest(n, t));
  }

  /** The signed records of `zone` owned by `owner` with `type` (and their RRSIGs), as the zone holds them. */
  signed(zone: string, owner: Name | string, type: number): ResourceRecord[] {
    const o = typeof owner === 'string' ? Name.parse(owner) : owner;
    return this.zone(zone).records.filter((rr) => rr.name.equals(o) && (rr.type === type || (isType(rr, RRType.RRSIG) && rr.data.typeCovered === type)));
  }

  /** The NSEC or NSEC3 records of `zone` (with their RRSIGs) whose owner satisfies `pick`. */
  denialRecords(zone: string, pick: (owner: Name) => boolean = () => true): ResourceRecord[] {
    return this.zone(zone).records.filter((rr) => {
      const t = isType(rr, RRType.RRSIG) ? rr.data.typeCovered : rr.type;
      return (t === RRType.NSEC || t === RRType.NSEC3) && pick(rr.name);
    });
  }

  /** Signs `rrset` with the ZSK of `zone`, valid around the kit's clock. */
  signWith(zone: string, rrset: ResourceRecord[]): ResourceRecord {
    const z = this.zone(zone);
    return signRRset(rrset, z.keys.zsk[0] as TestKey, { signer: z.origin, inception: new Date(this.now.getTime() - DAY_MS), expiration: new Date(this.now.getTime() + DAY_MS) });
  }

  private zone(origin: string) {
    const z = this.world.zones.get(origin);
    if (!z) throw new Error(`no zone ${origin} in the world`);
    return z;
  }
}

/** The same records (RRSIGs included, their fields untouched) under another owner name. */
export function renamed(records: readonly ResourceRecord[], owner: Name | string): ResourceRecord[] {
  const o = typeof owner === 'string' ? Name.parse(owner) : owner;
  return records.map((rr) => createRR({ name: o, type: rr.type, ttl: rr.ttl, data: rr.data } as Parameters<typeof createRR>[0]));
}
