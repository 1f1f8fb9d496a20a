/**
 * What `npm run fuzz` (test/fuzz/inputs.ts) runs: every parser that reads a stranger's input, as a
 * target with fast-check arbitraries of hostile inputs and the contract every input must keep
 * (table in test/fuzz/README.md). An input may only parse, or fail the documented way
 * (`DnsFormatError`, `TrustAnchorError`, the `TypeError`/`RangeError` of `tlsaAssociation` and
 * `pemToDerCertificates`; `matchChain` resolves); any other throw is a crash. What parses is also
 * checked to mean what it says (re-encodes, prints and parses back, matches only what it should):
 * a failure of these is a `ContractViolation`, reported like a crash.
 *
 * Inputs are mostly mutations (byte or text edits, see `byteEdits` and `textEdits` in
 * mutations.ts) of valid seeds (fuzz-seeds.ts): messages our encoder writes and the wire dumps of
 * ldns in vectors/dns/messages, the zone files under vectors/, the records in `SEED_LINES`, the
 * bundled IANA root-anchors.xml and its DS lines, and three certificate chains made by
 * src/testing/certs.ts; the rest are random.
 * The arbitraries of test/dns/properties.test.ts are not exported (importing a test file would
 * register its suites), so the few generators needed here are written again, smaller.
 *
 * This module builds the targets; the parts live beside it: fuzz-target.ts (what a target is,
 * `ContractViolation`, `showText`), bytes.ts (byte arbitraries and helpers), mutations.ts (byte and
 * text edits), fuzz-seeds.ts (the seed records, zone texts, messages and certificate chains),
 * dns-targets.ts (`decoder`, `rdata`, `zone`, `anchors`) and cert-target.ts (`certs`).
 */
import { loadCorpus } from './fuzz-seeds.ts';
import { anchorsTarget, decoderTarget, rdataTarget, zoneTarget } from './dns-targets.ts';
import { certsTarget } from './cert-target.ts';
import type { FuzzTarget, TargetName } from './fuzz-target.ts';

export { ContractViolation, showText, TARGET_NAMES } from './fuzz-target.ts';
export type { FuzzTarget, TargetName } from './fuzz-target.ts';

/** Builds one target (the certificate one makes its chains; the others read the seeds). */
export function createTarget(name: TargetName): FuzzTarget {
  switch (name) {
    case 'decoder':
      return decoderTarget(loadCorpus());
    case 'rdata':
      return rdataTarget(loadCorpus());
    case 'zone':
      return zoneTarget(loadCorpus());
    case 'anchors':
      return anchorsTarget(loadCorpus());
    case 'certs':
      return certsTarget();
  }
}
