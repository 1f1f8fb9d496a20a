/**
 * NSEC denial-of-existence proofs (RFC 4035 §5.4, RFC 6840 §4.1, §4.3), as pure functions over
 * NSEC records whose RRSIGs the validator has already verified with the keys of `zone`.
 *
 * Rules enforced here, each confirmed against Unbound's validator/val_nsec.c:
 * - an NSEC **covers** a name when owner < name < next in canonical order (RFC 4034 §6.1); the
 *   last NSEC of the chain wraps: its next name is the apex and it covers every name after its
 *   owner (val_nsec_proves_name_error);
 * - an NSEC whose owner is a delegation (NS without SOA) or holds a DNAME proves nothing about
 *   names below its owner (RFC 6840 §4.1; val_nsec_proves_name_error);
 * - NXDOMAIN needs a cover of the name and a cover of `*.<closest encloser>`, the closest encloser
 *   being the longest ancestor shared with the cover's owner or next name (RFC 4035 §5.4;
 *   nsec_closest_encloser, val_nsec_proves_no_wc);
 * - NODATA needs the name's own NSEC without the type and without CNAME; a DS question is answered
 *   by the parent, so its NSEC must not have SOA, and any other question must not be answered by a
 *   delegation's NSEC (nsec_proves_nodata); an empty non-terminal is proven by an NSEC before the
 *   name whose next name is below it.
 *
 * Records of other types, and NSEC records whose owner or next name lies outside `zone`, are
 * ignored. A name whose covering NSEC has a next name below it exists (an empty non-terminal): it is
 * never denied, and a wildcard that is one (`x.*.example.` exists) gives a wildcard NODATA.
 * Unbound differs here: its val_nsec_proves_name_error takes owner < name < next as a name error
 * even when the next name lies below the name, so it accepts NXDOMAIN for an empty non-terminal.
 * We refuse it (bogus) on purpose: the record itself proves the name exists, and NXDOMAIN means
 * that nothing exists at or below it (RFC 8020 §2), so the answer contradicts its own proof. No
 * DANE decision turns on it (an empty non-terminal owns no TLSA record either way), and current
 * signers answer NODATA there.
 */
import type { Name } from '../dns/name.ts';
import { RRType, rrTypeToString as typeName } from '../dns/iana/rr-types.ts';
import { isType, type RecordOf, type ResourceRecord } from '../dns/record.ts';
import {
  bogus,
  countOption,
  hasType,
  MAX_DENIAL_RECORDS,
  secure,
  type DenialOptions,
  type DenialResult,
} from './denial.ts';

type NSECRecord = RecordOf<typeof RRType.NSEC>;

/** How an NSEC relates to a name it might deny. */
type Coverage = 'covers' | 'matches' | 'empty-non-terminal' | 'outside' | 'parent-side' | 'dname';

/**
 * NSEC records of `zone`, owner and next name inside it; a chain end must point at the apex.
 * More than the allowed number of records is refused outright (a bogus result).
 */
function usableNsecs(nsecs: readonly ResourceRecord[], zone: Name, options: DenialOptions): NSECRecord[] | DenialResult {
  const max = countOption(options.maxDenialRecords, MAX_DENIAL_RECORDS, 'maxDenialRecords');
  const out: NSECRecord[] = [];
  for (const rr of nsecs) {
    if (!isType(rr, RRType.NSEC)) continue;
    const next = rr.data.nextDomainName;
    if (!rr.name.isSubdomainOf(zone) || !next.isSubdomainOf(zone)) continue;
    // The chain's last NSEC (next <= owner) must point back at the apex (RFC 4034 §4.1.1).
    if (rr.name.compare(next) >= 0 && !next.equals(zone)) continue;
    out.push(rr);
  }
  if (out.length > max) return bogus('too-many-records', `${out.length} NSEC records offered for one proof; at most ${max} are considered`);
  if (out.length === 0) return bogus('no-records', `no NSEC record of zone ${zone}`);
  return out;
}

/** NS without SOA: the parent side of a zone cut (RFC 6840 §4.1). */
function isDelegation(types: readonly number[]): boolean {
  return hasType(types, RRType.NS) && !hasType(types, RRType.SOA);
}

/** Where `name` stands relative to one NSEC of the zone's chain. */
function coverage(nsec: NSECRecord, name: Name): Coverage {
  const owner = nsec.name;
  const next = nsec.data.nextDomainName;
  if (name.equals(owner)) return 'matches';
  // RFC 6840 §4.1: names below a DNAME or a delegation are not the owner zone's to deny.
  if (name.isSubdomainOf(owner)) {
    if (hasType(nsec.data.types, RRType.DNAME)) return 'dname';
    if (isDelegation(nsec.data.types)) return 'parent-side';
  }
  const order = owner.compare(next);
  if (order === 0) {
    // The only NSEC of the zone (apex NSEC apex): every name below the apex is denied.
    return name.isSubdomainOf(next) && !name.equals(next) ? 'covers' : 'outside';
  }
  if (order > 0) {
    // Last NSEC of the chain: after the owner, up to the end of the zone (next = apex).
    return owner.compare(name) < 0 && name.isSubdomainOf(next) ? 'covers' : 'outside';
  }
  if (!(owner.compare(name) < 0 && name.compare(next) < 0)) return 'outside';
  // The next name below the name: it exists as an empty non-terminal (RFC 4035 §3.1.3.1).
  return next.isSubdomainOf(name) ? 'empty-non-terminal' : 'covers';
}

/** The longest ancestor of `name` shared with the covering NSEC's owner or next name (RFC 4035 §5.4). */
function closestEncloser(name: Name, cover: NSECRecord): Name {
  const n = Math.max(name.commonLabelCount(cover.name), name.commonLabelCount(cover.data.nextDomainName));
  return name.suffix(n);
}

/** Outcome of looking for a cover: the record, or the most telling reason there is none. */
interface CoverSearch {
  readonly found?: NSECRecord;
  readonly blocked?: { nsec: NSECRecord; why: 'parent-side' | 'dname' };
  /** An NSEC showing the name exists: its own, or one proving it an empty non-terminal. */
  readonly match?: NSECRecord;
}

function findCover(list: readonly NSECRecord[], name: Name): CoverSearch {
  let blocked: { nsec: NSECRecord; why: 'parent-side' | 'dname' } | undefined;
  let match: NSECRecord | undefined;
  for (const nsec of list) {
    const c = coverage(nsec, name);
    if (c === 'covers') return { found: nsec };
    if (c === 'matches' || c === 'empty-non-terminal') match ??= nsec;
    else if (c === 'parent-side' || c === 'dname') blocked ??= { nsec, why: c };
  }
  return { ...(blocked ? { blocked } : {}), ...(match ? { match } : {}) };
}

function blockedResult(what: string, name: Name, blocked: { nsec: NSECRecord; why: 'parent-side' | 'dname' }): DenialResult {
  const owner = blocked.nsec.name.toString();
  return blocked.why === 'dname'
    ? bogus('dname-record', `the NSEC at ${owner} has DNAME, so it cannot deny ${what} ${name} below it (RFC 6840 §4.1)`, { record: blocked.nsec })
    : bogus(
        'parent-side-record',
        `the NSEC at ${owner} is the parent side of a delegation (NS without SOA), so it cannot deny ${what} ${name} below the cut (RFC 6840 §4.1)`,
        { record: blocked.nsec },
      );
}

function outOfZone(name: Name, zone: Name): DenialResult | undefined {
  return name.isSubdomainOf(zone) ? undefined : bogus('out-of-zone', `${name} is not in zone ${zone}, whose NSEC records were given`);
}

/** Covers `qname` and finds its closest encloser, or says why not. */
function proveNameAbsent(qname: Name, list: readonly NSECRecord[]): { cover: NSECRecord; ce: Name } | DenialResult {
  const search = findCover(list, qname);
  if (!search.found) {
    if (search.match) return bogus('name-exists', `the NSEC at ${search.match.name} shows that ${qname} exists${existsHow(search.match, qname)}`, { record: search.match, ede: 6 });
    if (search.blocked) return blockedResult('the name', qname, search.blocked);
    return bogus('not-covered', `no NSEC covers ${qname}`);
  }
  return { cover: search.found, ce: closestEncloser(qname, search.found) };
}

function existsHow(nsec: NSECRecord, name: Name): string {
  return nsec.name.equals(name) ? '' : ` (its next name ${nsec.data.nextDomainName} is below it: an empty non-terminal)`;
}

function isResult(x: unknown): x is DenialResult {
  return typeof x === 'object' && x !== null && 'status' in x;
}

/** The zone's usable NSEC records and the proof that `qname` itself is absent, or the result that ends the proof there. */
function zoneAndAbsence(
  qname: Name,
  nsecs: readonly ResourceRecord[],
  zone: Name,
  options: DenialOptions,
): { list: NSECRecord[]; absent: { cover: NSECRecord; ce: Name } } | DenialResult {
  const oz = outOfZone(qname, zone);
  if (oz) return oz;
  const list = usableNsecs(nsecs, zone, options);
  if (isResult(list)) return list;
  const absent = proveNameAbsent(qname, list);
  if (isResult(absent)) return absent;
  return { list, absent };
}

/**
 * Proves that `qname` does not exist in `zone` (NXDOMAIN, RFC 4035 §5.4 and §3.1.3.2): an NSEC
 * covering `qname`, and an NSEC covering the wildcard at the closest encloser, so that no
 * wildcard could have answered either. One NSEC may do both.
 */
export function proveNxDomain(qname: Name, nsecs: readonly ResourceRecord[], zone: Name, options: DenialOptions = {}): DenialResult {
  const start = zoneAndAbsence(qname, nsecs, zone, options);
  if (isResult(start)) return start;
  const { list, absent } = start;
  const wildcard = absent.ce.wildcard();
  const wc = findCover(list, wildcard);
  if (!wc.found) {
    if (wc.match) {
      return bogus('wildcard-not-denied', `the wildcard ${wildcard} exists${existsHow(wc.match, wildcard)}, so it, not NXDOMAIN, answers ${qname}`, {
        record: wc.match,
        ede: 6,
      });
    }
    return bogus('wildcard-not-denied', `no NSEC covers the wildcard ${wildcard} at the closest encloser ${absent.ce}`);
  }
  return secure({
    kind: 'nxdomain',
    closestEncloser: absent.ce,
    steps: [
      { role: 'covers-qname', name: qname, record: absent.cover },
      { role: 'covers-wildcard', name: wildcard, record: wc.found },
    ],
  });
}

/**
 * Proves that `qname` exists without an RRset of `qtype` (NODATA, RFC 4035 §3.1.3.1, §5.4):
 * the NSEC owned by `qname` lists neither `qtype` nor CNAME; or `qname` is an empty non-terminal
 * (an NSEC before it whose next name is below it, RFC 4035 §3.1.3.1 last paragraph).
 * For `qtype` DS the NSEC must come from the parent side of the cut (no SOA, except at the root);
 * for any other type it must not be a delegation's NSEC (NS without SOA), which calls for a referral.
 * A DS NODATA at a delegation (NS listed) is reported as kind `insecure-delegation`, as
 * {@link proveNoDs} would; a DS NODATA elsewhere as `nodata` (no zone cut at `qname`).
 */
export function proveNoData(qname: Name, qtype: number, nsecs: readonly ResourceRecord[], zone: Name, options: DenialOptions = {}): DenialResult {
  const oz = outOfZone(qname, zone);
  if (oz) return oz;
  const list = usableNsecs(nsecs, zone, options);
  if (isResult(list)) return list;
  const match = list.find((n) => n.name.equals(qname));
  if (match) {
    const rejected = checkMatchingNsec(match, qname, qtype);
    if (rejected) return rejected;
    // For DS, an NSEC with NS (and, checked above, without SOA) is the insecure delegation proof.
    const kind = qtype === RRType.DS && hasType(match.data.types, RRType.NS) && !qname.isRoot ? 'insecure-delegation' : 'nodata';
    return secure({ kind, steps: [{ role: 'matches-qname', name: qname, record: match }] });
  }
  // Empty non-terminal: owner < qname and next strictly below qname (val_nsec.c nsec_proves_nodata).
  let blocked: { nsec: NSECRecord; why: 'parent-side' | 'dname' } | undefined;
  for (const nsec of list) {
    const next = nsec.data.nextDomainName;
    if (!(nsec.name.compare(qname) < 0 && next.isSubdomainOf(qname) && !next.equals(qname))) continue;
    const c = coverage(nsec, qname);
    if (c === 'parent-side' || c === 'dname') {
      blocked ??= { nsec, why: c };
      continue;
    }
    return secure({ kind: 'empty-non-terminal', steps: [{ role: 'proves-empty-non-terminal', name: qname, record: nsec }] });
  }
  if (blocked) return blockedResult(`${typeName(qtype)} at`, qname, blocked);
  return bogus('not-covered', `no NSEC at ${qname} and no NSEC proving it an empty non-terminal`);
}

/** The checks on the NSEC owned by the name of a NODATA answer (val_nsec.c nsec_proves_nodata). */
function checkMatchingNsec(match: NSECRecord, qname: Name, qtype: number): DenialResult | undefined {
  const types = match.data.types;
  if (hasType(types, qtype)) {
    return bogus('type-present', `the NSEC at ${qname} lists ${typeName(qtype)}, so the RRset exists`, { record: match, ede: 6 });
  }
  if (hasType(types, RRType.CNAME)) {
    return bogus('cname-present', `the NSEC at ${qname} lists CNAME: the answer should have been the CNAME`, { record: match, ede: 6 });
  }
  if (qtype === RRType.DS) {
    // RFC 4035 §3.1.4.1: DS is answered from the parent zone; an apex NSEC (SOA) is the child's.
    if (hasType(types, RRType.SOA) && !qname.isRoot) {
      return bogus('child-side-record', `the NSEC at ${qname} has SOA: it is the child zone's apex NSEC, and only the parent can deny DS`, {
        record: match,
        ede: 6,
      });
    }
  } else if (isDelegation(types)) {
    return bogus('parent-side-record', `the NSEC at ${qname} is a delegation's (NS without SOA): the answer should have been a referral`, {
      record: match,
      ede: 6,
    });
  }
  return undefined;
}

/**
 * Proves a wildcard NODATA (RFC 4035 §3.1.3.4): an NSEC covering `qname` (no exact match) and the
 * NSEC of the wildcard at the closest encloser, listing neither `qtype` nor CNAME; or an NSEC
 * showing that wildcard to be an empty non-terminal (RFC 4592 §2.2.2; Unbound nsec_proves_nodata).
 */
export function proveWildcardNoData(
  qname: Name,
  qtype: number,
  nsecs: readonly ResourceRecord[],
  zone: Name,
  options: DenialOptions = {},
): DenialResult {
  const start = zoneAndAbsence(qname, nsecs, zone, options);
  if (isResult(start)) return start;
  const { list, absent } = start;
  const wildcard = absent.ce.wildcard();
  const wcNsec = list.find((n) => n.name.equals(wildcard));
  if (!wcNsec) {
    // A wildcard that is an empty non-terminal (names below `*` exist) answers with no data at all.
    const ent = findCover(list, wildcard).match;
    if (ent) {
      return secure({
        kind: 'wildcard-nodata',
        closestEncloser: absent.ce,
        steps: [
          { role: 'covers-qname', name: qname, record: absent.cover },
          { role: 'proves-empty-non-terminal', name: wildcard, record: ent },
        ],
      });
    }
    return bogus('no-wildcard-record', `no NSEC at the wildcard ${wildcard} to show it lacks ${typeName(qtype)}`);
  }
  const types = wcNsec.data.types;
  if (hasType(types, qtype)) {
    return bogus('type-present', `the wildcard NSEC at ${wildcard} lists ${typeName(qtype)}: the answer should have been synthesised`, { record: wcNsec, ede: 6 });
  }
  if (hasType(types, RRType.CNAME)) {
    return bogus('cname-present', `the wildcard NSEC at ${wildcard} lists CNAME: a synthesised CNAME was due`, { record: wcNsec, ede: 6 });
  }
  if (isDelegation(types)) {
    return bogus('parent-side-record', `the wildcard NSEC at ${wildcard} is a delegation's (NS without SOA)`, { record: wcNsec, ede: 6 });
  }
  return secure({
    kind: 'wildcard-nodata',
    closestEncloser: absent.ce,
    steps: [
      { role: 'covers-qname', name: qname, record: absent.cover },
      { role: 'matches-wildcard', name: wildcard, record: wcNsec },
    ],
  });
}

/**
 * Proves that a wildcard expansion answering `qname` was legitimate (RFC 4035 §5.3.4): an NSEC
 * covering `qname` whose closest encloser is the wildcard's parent `closestEncloser` (from the
 * RRSIG labels, see `wildcardClosestEncloser`), so there is no closer match.
 */
export function proveWildcardAnswer(
  qname: Name,
  closestEncloser: Name,
  nsecs: readonly ResourceRecord[],
  zone: Name,
  options: DenialOptions = {},
): DenialResult {
  const oz = outOfZone(qname, zone) ?? outOfZone(closestEncloser, zone);
  if (oz) return oz;
  if (!qname.isSubdomainOf(closestEncloser) || qname.equals(closestEncloser)) {
    return bogus('wildcard-mismatch', `${qname} is not below ${closestEncloser}, so *.${closestEncloser} cannot have produced it`);
  }
  const list = usableNsecs(nsecs, zone, options);
  if (isResult(list)) return list;
  const absent = proveNameAbsent(qname, list);
  if (isResult(absent)) return absent;
  if (!absent.ce.equals(closestEncloser)) {
    return bogus(
      'wildcard-mismatch',
      `the NSEC at ${absent.cover.name} puts the closest encloser of ${qname} at ${absent.ce}, not at ${closestEncloser} where the wildcard is`,
      { record: absent.cover, ede: 6 },
    );
  }
  return secure({
    kind: 'wildcard-answer',
    closestEncloser,
    steps: [{ role: 'covers-qname', name: qname, record: absent.cover }],
  });
}

/**
 * Proves an insecure delegation (RFC 4035 §5.2): the parent zone's NSEC at `childZone` lists NS
 * but neither DS nor SOA, so the child zone is unsigned and the chain of trust ends here.
 * Any other outcome is not an insecure delegation: a name without NS is no zone cut
 * (`not-a-delegation`: check it with {@link proveNoData} for DS), DS listed is a contradiction.
 */
export function proveNoDs(childZone: Name, nsecs: readonly ResourceRecord[], parentZone: Name, options: DenialOptions = {}): DenialResult {
  const oz = outOfZone(childZone, parentZone);
  if (oz) return oz;
  if (childZone.equals(parentZone)) {
    return bogus('child-side-record', `${childZone} is the apex of the zone whose NSEC records were given; its DS lives in the parent`);
  }
  const list = usableNsecs(nsecs, parentZone, options);
  if (isResult(list)) return list;
  const match = list.find((n) => n.name.equals(childZone));
  if (match) {
    const types = match.data.types;
    if (hasType(types, RRType.SOA)) {
      return bogus('child-side-record', `the NSEC at ${childZone} has SOA: it is the child zone's apex NSEC, and only the parent can deny DS`, {
        record: match,
        ede: 6,
      });
    }
    if (hasType(types, RRType.DS)) {
      return bogus('ds-present', `the NSEC at ${childZone} lists DS: the delegation is signed`, { record: match, ede: 6 });
    }
    if (!hasType(types, RRType.NS)) {
      return bogus('not-a-delegation', `the NSEC at ${childZone} lists no NS: there is no zone cut at ${childZone}`, { record: match, ede: 6 });
    }
    return secure({ kind: 'insecure-delegation', steps: [{ role: 'matches-qname', name: childZone, record: match }] });
  }
  const search = findCover(list, childZone);
  if (search.blocked) return blockedResult('DS at', childZone, search.blocked);
  const proof = search.found ?? search.match;
  if (proof) {
    const what = search.found ? 'no such name' : 'an empty non-terminal';
    return bogus('not-a-delegation', `the NSEC at ${proof.name} shows ${childZone} is ${what}, so no delegation`, { record: proof, ede: 6 });
  }
  return bogus('not-covered', `no NSEC at ${childZone} to show a delegation without DS`);
}
