/**
 * Per TLSA record, what a server presented against it: the record's data beside the digest of the
 * presented certificate or key for the same selector and matching type, so that a postmaster can
 * see at a glance why a record did not match (a stale key, the wrong selector) and which one did
 * (issue #15). Shown in the text output and JSON of a domain check.
 */
import type { TLSAData } from '../dns/record.ts';
import type { RecordOutcome } from './match.ts';
import { tlsaAssociation } from './tlsa.ts';
import { toHex } from '../dns/encoding.ts';

/** One usable TLSA record, checked against one address's certificates. */
export interface AddressRecordCheck {
  /** `"3 1 1"`. */
  readonly params: string;
  /** The published association data, hex. */
  readonly data: string;
  readonly matched: boolean;
  /** Why it matched or not (including "not used" under RFC 7671 §9's strongest-digest rule). */
  readonly reason: string;
  /**
   * The same selector and matching type over what the server presented, hex: the leaf for DANE-EE
   * (usage 3); for DANE-TA (usage 2) each certificate above the leaf, in the order sent.
   */
  readonly presented: readonly string[];
}

function association(der: Uint8Array, selector: number, matchingType: number): string | undefined {
  try {
    return tlsaAssociation(der, selector as 0 | 1, matchingType as 0 | 1 | 2);
  } catch {
    return undefined; // not a certificate we read, or a parameter outside the registry: nothing to show
  }
}

/** The checks of the usable records, in RRset order. */
export function recordChecks(records: readonly TLSAData[], outcomes: readonly RecordOutcome[], chain: readonly Uint8Array[]): AddressRecordCheck[] {
  return outcomes.filter((o) => o.usable).map((o) => {
    const r = records[o.index]!;
    const certs = r.certUsage === 3 ? chain.slice(0, 1) : chain.slice(1);
    return {
      params: o.params,
      data: toHex(r.certificateAssociationData),
      matched: o.matched,
      reason: o.reason,
      presented: certs.flatMap((c) => association(c, r.selector, r.matchingType) ?? []),
    };
  });
}
