/**
 * Turns a denial plan into NSEC or NSEC3 records (RFC 4034 §4, RFC 5155 §3), applying the break
 * knobs that falsify a proof while keeping it validly signed (`wrong-nsec-coverage`,
 * `nsec-bitmap`). Signing them is the signer's job.
 */
import { Name } from '../../dns/name.ts';
import { RRType } from '../../dns/iana/rr-types.ts';
import type { ResourceRecord } from '../../dns/record.ts';
import { fromBase32Hex } from '../../dns/encoding.ts';
import { base32HexLower } from '../../dnssec/nsec3-hash.ts';
import { knobsOf, typesOf, type ZoneBreak } from './breaks.ts';
import { planNsec3Chain, planNsecChain, type Nsec3Plan, type NsecPlan } from './denial-chain.ts';
import { hashedLabel, type Nsec3Params } from './nsec3-names.ts';
import { makeRR } from './records.ts';
import type { ZoneIndex } from './zone-index.ts';

/** RFC 5155 §3.1.2: the Opt-Out flag is bit 0 (the least significant bit) of the flags field. */
export const NSEC3_FLAG_OPT_OUT = 0x01;

/** Denial parameters as the signer resolves them. */
export type DenialParams = { readonly kind: 'nsec' } | ({ readonly kind: 'nsec3'; readonly optOut: boolean } & Nsec3Params);

/** Index of the last element < x (by cmp), wrapping to the last. */
function predecessorIndex<T>(items: readonly T[], x: T, cmp: (a: T, b: T) => number): number {
  let found = items.length - 1;
  for (let i = 0; i < items.length; i++) if (cmp(items[i]!, x) < 0) found = i;
  return found;
}

function increment(hash: string): string {
  const b = fromBase32Hex(hash);
  for (let i = b.length - 1; i >= 0; i--) {
    b[i] = (b[i]! + 1) & 0xff;
    if (b[i] !== 0) break;
  }
  return base32HexLower(b);
}

function editTypes(types: number[], add: number[], remove: number[]): number[] {
  return [...new Set([...types, ...add])].filter((t) => !remove.includes(t)).sort((a, b) => a - b);
}

function applyNsecBreaks(plans: NsecPlan[], origin: Name, breaks: readonly ZoneBreak[]): NsecPlan[] {
  let out = plans;
  for (const k of knobsOf(breaks, 'wrong-nsec-coverage')) {
    const target = Name.parse(k.name, origin);
    const i = predecessorIndex(out, { owner: target } as NsecPlan, (p, q) => p.owner.compare(q.owner));
    // The first name after the owner in canonical order (RFC 4034 §6.1): the interval becomes empty.
    out = out.map((p, j) => (j === i ? { ...p, next: p.owner.child(new Uint8Array([0])) } : p));
  }
  for (const k of knobsOf(breaks, 'nsec-bitmap')) {
    const target = Name.parse(k.name, origin);
    out = out.map((p) => (p.owner.equals(target) ? { ...p, types: editTypes(p.types, typesOf(k.add), typesOf(k.remove)) } : p));
  }
  return out;
}

function applyNsec3Breaks(plans: Nsec3Plan[], origin: Name, params: Nsec3Params, breaks: readonly ZoneBreak[]): Nsec3Plan[] {
  let out = plans;
  for (const k of knobsOf(breaks, 'wrong-nsec-coverage')) {
    const h = hashedLabel(Name.parse(k.name, origin), params);
    const i = predecessorIndex(out.map((p) => p.hash), h, (x, y) => (x < y ? -1 : x > y ? 1 : 0));
    // Next hash = owner hash + 1: the interval holds no hash any more.
    out = out.map((p, j) => (j === i ? { ...p, nextHash: increment(p.hash) } : p));
  }
  for (const k of knobsOf(breaks, 'nsec-bitmap')) {
    const target = Name.parse(k.name, origin);
    out = out.map((p) => (p.original.equals(target) ? { ...p, types: editTypes(p.types, typesOf(k.add), typesOf(k.remove)) } : p));
  }
  return out;
}

/**
 * The NSEC or NSEC3 records of a zone, unsigned. `index` must already hold the DNSKEY RRset and,
 * for NSEC3, the NSEC3PARAM record, so that the apex bitmap lists them.
 * @param ttl RFC 9077 §3: the lesser of the SOA MINIMUM and the SOA TTL
 */
export function denialRecords(index: ZoneIndex, denial: DenialParams, ttl: number, breaks: readonly ZoneBreak[] = []): ResourceRecord[] {
  const origin = index.origin;
  if (denial.kind === 'nsec') {
    return applyNsecBreaks(planNsecChain(index), origin, breaks).map((p) =>
      makeRR(p.owner, RRType.NSEC, ttl, { nextDomainName: p.next, types: p.types }),
    );
  }
  const plans = applyNsec3Breaks(planNsec3Chain(index, denial, denial.optOut), origin, denial, breaks);
  return plans.map((p) =>
    makeRR(origin.child(p.hash), RRType.NSEC3, ttl, {
      hashAlgorithm: denial.hashAlgorithm,
      flags: p.optOut ? NSEC3_FLAG_OPT_OUT : 0,
      iterations: denial.iterations,
      salt: denial.salt,
      nextHashedOwnerName: fromBase32Hex(p.nextHash),
      types: p.types,
    }),
  );
}

/** The NSEC3PARAM record of the apex (RFC 5155 §4.1.2: flags 0 as published). */
export function nsec3ParamRecord(origin: Name, params: Nsec3Params, ttl: number): ResourceRecord {
  return makeRR(origin, RRType.NSEC3PARAM, ttl, {
    hashAlgorithm: params.hashAlgorithm,
    flags: 0,
    iterations: params.iterations,
    salt: params.salt,
  });
}
