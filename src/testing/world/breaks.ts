/**
 * Knobs that break a signed zone on purpose, so that validators can be tested against each way a
 * zone goes wrong in the field. Each knob that acts on RRsets is addressed by owner name and/or
 * type; an address without `name` matches every owner, one without `type` every type.
 *
 * Names in knobs are relative to the zone's origin unless they end in a dot; `@` is the apex.
 */
import { Name } from '../../dns/name.ts';
import { rrTypeFromString } from '../../dns/iana/rr-types.ts';

/** Which RRsets a knob acts on. */
export interface RRsetAddress {
  /** Owner name (relative to the origin unless absolute); every owner when absent. */
  readonly name?: string;
  /** Type mnemonic, e.g. `'TLSA'`; every type when absent. */
  readonly type?: string;
}

/** A way to break a zone. */
export type ZoneBreak =
  /** The RRSIGs over the addressed RRsets have one bit of their signature flipped. */
  | ({ readonly kind: 'corrupt-signature' } & RRsetAddress)
  /** The addressed RRsets are signed with a validity window that ended before the zone's inception. */
  | ({ readonly kind: 'expired-signature' } & RRsetAddress)
  /** The addressed RRsets are signed with a validity window that starts after the zone's expiration. */
  | ({ readonly kind: 'future-signature' } & RRsetAddress)
  /** The addressed RRsets carry no RRSIG. */
  | ({ readonly kind: 'missing-rrsig' } & RRsetAddress)
  /** The DS records handed to the parent do not match the zone's KSK (one digest bit flipped). */
  | { readonly kind: 'ds-mismatch' }
  /** No DS is handed to the parent: the zone is signed but its delegation is not (an island of security). */
  | { readonly kind: 'no-ds' }
  /**
   * The NSEC (or NSEC3) record that covers `name` gets a next pointer just after its owner, so it no
   * longer covers `name` and the chain has a gap; the record is still validly signed.
   */
  | { readonly kind: 'wrong-nsec-coverage'; readonly name: string }
  /** The NSEC/NSEC3 record owned by (matching) `name` lists these types too / no longer lists them; still validly signed. */
  | { readonly kind: 'nsec-bitmap'; readonly name: string; readonly add?: readonly string[]; readonly remove?: readonly string[] }
  /** NSEC3 with this iteration count (RFC 9276 §3.2 limits validators to far fewer). */
  | { readonly kind: 'nsec3-iterations'; readonly iterations: number }
  /**
   * KeyTrap (CVE-2023-50387): `keys` extra DNSKEYs that share the ZSK's key tag and algorithm but
   * hold random key bytes, and over each addressed RRset one RRSIG per extra key with a random
   * signature, placed before the valid one.
   */
  | ({ readonly kind: 'keytrap'; readonly keys: number } & RRsetAddress)
  /** The KSKs carry the REVOKE bit (RFC 5011 §2.1) in the DNSKEY RRset and in the DS handed to the parent: a revoked key validates nothing. */
  | { readonly kind: 'revoke-ksk' }
  /** Every key lacks the ZONE flag (RFC 4034 §2.1.1): it must not be used to verify RRSIGs (RFC 4035 §5.3.1, EDE 11). */
  | { readonly kind: 'no-zone-flag' }
  /** The addressed RRSIGs have their Labels field moved by `delta` (validly signed over the moved value): +1 exceeds the owner's label count, -1 claims a wildcard expansion. */
  | ({ readonly kind: 'rrsig-labels'; readonly delta: number } & RRsetAddress)
  /** The DS records handed to the parent claim this digest type (the digest is unchanged), e.g. an unassigned one. */
  | { readonly kind: 'ds-digest-type'; readonly digestType: number }
  /**
   * The zone's keys are replaced by fake keys of an algorithm no validator implements (default 253,
   * PRIVATEDNS): DNSKEYs, RRSIGs (random signatures) and DS all name it. A validator must call the
   * zone insecure (RFC 4035 §5.2, RFC 6840 §5.2), not bogus.
   */
  | { readonly kind: 'unsupported-algorithm'; readonly algorithm?: number };

export type ZoneBreakKind = ZoneBreak['kind'];

/** A resolved RRset address. */
export interface RRsetMatcher {
  (owner: Name, type: number): boolean;
}

/**
 * Resolves the address of a knob against the zone origin.
 * @throws TypeError on a type mnemonic that is not known (caller misuse)
 */
export function matcherFor(address: RRsetAddress, origin: Name): RRsetMatcher {
  const name = address.name === undefined ? undefined : Name.parse(address.name, origin);
  let type: number | undefined;
  if (address.type !== undefined) {
    type = rrTypeFromString(address.type);
    if (type === undefined) throw new TypeError(`unknown RR type "${address.type}" in a break knob`);
  }
  return (owner, t) => (name === undefined || owner.equals(name)) && (type === undefined || t === type);
}

/** Type numbers of mnemonics in a knob. @throws TypeError on an unknown mnemonic */
export function typesOf(mnemonics: readonly string[] | undefined): number[] {
  return (mnemonics ?? []).map((m) => {
    const t = rrTypeFromString(m);
    if (t === undefined) throw new TypeError(`unknown RR type "${m}" in a break knob`);
    return t;
  });
}

/** Knobs of one kind, typed. */
export function knobsOf<K extends ZoneBreakKind>(breaks: readonly ZoneBreak[], kind: K): Extract<ZoneBreak, { kind: K }>[] {
  return breaks.filter((b): b is Extract<ZoneBreak, { kind: K }> => b.kind === kind);
}
