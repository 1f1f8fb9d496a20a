/**
 * Trust anchors: the bundled IANA root anchors, and user anchors for any zone given as DS or
 * DNSKEY presentation text or as root-anchors.xml text (RFC 9718).
 *
 * An anchor is active only inside its validity window (RFC 9718 §2.2: validFrom / validUntil).
 * Lookups use the anchors of the closest enclosing zone that has any active anchor.
 */
import { Name } from '../dns/name.ts';
import { RRType } from '../dns/iana/rr-types.ts';
import { parseZone } from '../dns/presentation.ts';
import { createRR } from '../dns/rdata/index.ts';
import { isType, type RecordOf, type ResourceRecord } from '../dns/record.ts';
import { DS_DIGEST_LENGTH } from '../dns/iana/ds-digest-types.ts';
import { IANA_ROOT_ANCHORS_XML } from './root-anchors.ts';

export interface TrustAnchor {
  /** The zone whose DNSKEY RRset this anchor authenticates. */
  readonly zone: Name;
  /** A DS record (digest of a key) or a DNSKEY record (the key itself). */
  readonly record: RecordOf<typeof RRType.DS> | RecordOf<typeof RRType.DNSKEY>;
  readonly validFrom?: Date;
  readonly validUntil?: Date;
  /** Where the anchor came from, for reasons and the CLI: e.g. `IANA root-anchors.xml (Kmyv6jo)`. */
  readonly source: string;
}

/** Thrown when trust anchor input is malformed: a caller error, reported with the exact fault. */
export class TrustAnchorError extends Error {
  override readonly name = 'TrustAnchorError';
}

/** Upper bound on anchors read from one input (a trust anchor file has a handful). */
export const MAX_TRUST_ANCHORS = 256;

/**
 * The elements `<tag ...>...</tag>` of `xml`, in order, read by a linear scan. root-anchors.xml
 * (RFC 9718 §2) is a handful of fixed, flat elements; a general XML parser would bring DOCTYPE and
 * entity handling that input from a stranger must not reach. Regular expressions did this before
 * and backtracked: an unterminated `<Zone>` of white space was cubic, many unclosed `<KeyDigest>`
 * quadratic (`npm run fuzz -- --target anchors`). Here each character is looked at a bounded
 * number of times; an element without its end tag, or with another of its kind inside, is an error.
 */
function elements(xml: string, tag: string): { attrs: string; body: string }[] {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  const out: { attrs: string; body: string }[] = [];
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at)) {
    const after = xml[at + open.length];
    // `<ZoneX>` is another element: only `<Zone>` or `<Zone attr...>`.
    if (after !== '>' && after !== ' ' && after !== '\t' && after !== '\n' && after !== '\r') {
      at += open.length;
      continue;
    }
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd < 0) throw new TrustAnchorError(`root-anchors.xml: <${tag}> start tag without its ">"`);
    const end = xml.indexOf(close, tagEnd);
    if (end < 0) throw new TrustAnchorError(`root-anchors.xml: <${tag}> without </${tag}>`);
    const body = xml.slice(tagEnd + 1, end);
    if (body.includes(open)) throw new TrustAnchorError(`root-anchors.xml: <${tag}> inside <${tag}>`);
    out.push({ attrs: xml.slice(at + open.length, tagEnd), body });
    at = end + close.length;
  }
  return out;
}

/** The text of the first `<tag>` element of `body`, trimmed; it may hold no markup. */
function element(body: string, tag: string, required: true): string;
function element(body: string, tag: string, required: false): string | undefined;
function element(body: string, tag: string, required: boolean): string | undefined {
  const first = elements(body, tag)[0];
  if (first === undefined) {
    if (required) throw new TrustAnchorError(`root-anchors.xml: KeyDigest without <${tag}>`);
    return undefined;
  }
  if (first.body.includes('<')) throw new TrustAnchorError(`root-anchors.xml: markup inside <${tag}>`);
  return first.body.trim();
}

function attribute(attrs: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
}

function xmlDate(text: string | undefined, what: string): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new TrustAnchorError(`root-anchors.xml: bad ${what} "${text}"`);
  return d;
}

function uint(text: string, max: number, what: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) > max) throw new TrustAnchorError(`root-anchors.xml: bad ${what} "${text}"`);
  return Number(text);
}

/**
 * Parses root-anchors.xml text (RFC 9718 §2). Each KeyDigest becomes a DS anchor for the
 * document's `<Zone>` with the element's validity window.
 * @throws TrustAnchorError on malformed input
 */
export function parseTrustAnchorXml(xml: string): TrustAnchor[] {
  if (!/<TrustAnchor\b/.test(xml)) throw new TrustAnchorError('root-anchors.xml: no <TrustAnchor> element');
  const zoneText = element(xml, 'Zone', false);
  if (zoneText === undefined) throw new TrustAnchorError('root-anchors.xml: no <Zone> element');
  let zone: Name;
  try {
    zone = Name.parse(zoneText);
  } catch (e) {
    throw new TrustAnchorError(`root-anchors.xml: bad <Zone> "${zoneText}": ${(e as Error).message}`);
  }
  const out: TrustAnchor[] = [];
  for (const { attrs, body } of elements(xml, 'KeyDigest')) {
    if (out.length >= MAX_TRUST_ANCHORS) throw new TrustAnchorError(`more than ${MAX_TRUST_ANCHORS} trust anchors`);
    const digestHex = element(body, 'Digest', true).replace(/\s+/g, '');
    if (!/^([0-9a-fA-F]{2})+$/.test(digestHex)) throw new TrustAnchorError(`root-anchors.xml: bad <Digest> "${digestHex}"`);
    const record = createRR({
      name: zone,
      type: RRType.DS,
      ttl: 0,
      data: {
        keyTag: uint(element(body, 'KeyTag', true), 0xffff, 'KeyTag'),
        algorithm: uint(element(body, 'Algorithm', true), 0xff, 'Algorithm'),
        digestType: uint(element(body, 'DigestType', true), 0xff, 'DigestType'),
        digest: Uint8Array.from(Buffer.from(digestHex, 'hex')),
      },
    }) as RecordOf<typeof RRType.DS>;
    checkDsDigest(record, 'root-anchors.xml');
    const validFrom = xmlDate(attribute(attrs, 'validFrom'), 'validFrom');
    const validUntil = xmlDate(attribute(attrs, 'validUntil'), 'validUntil');
    const id = attribute(attrs, 'id');
    out.push({ zone, record, validFrom, validUntil, source: `root-anchors.xml${id ? ` (${id})` : ''}` });
  }
  if (out.length === 0) throw new TrustAnchorError('root-anchors.xml: no <KeyDigest> element');
  return out;
}

/**
 * Parses DS and/or DNSKEY records in presentation (zone file) form. Other record types are an
 * error, not silently skipped: an anchor file with a typo must not validate less than intended.
 * @throws TrustAnchorError (wrapping the DNS layer's DnsFormatError) on malformed input
 */
export function parseTrustAnchorText(text: string, source = 'trust anchor text'): TrustAnchor[] {
  let records;
  try {
    records = parseZone(text, { defaultTtl: 0 });
  } catch (e) {
    throw new TrustAnchorError(`${source}: ${(e as Error).message}`);
  }
  if (records.length > MAX_TRUST_ANCHORS) throw new TrustAnchorError(`more than ${MAX_TRUST_ANCHORS} trust anchors`);
  const out: TrustAnchor[] = [];
  for (const rr of records) {
    checkDsDigest(rr, source);
    if (isType(rr, RRType.DS) || isType(rr, RRType.DNSKEY)) out.push({ zone: rr.name, record: rr, source });
    else throw new TrustAnchorError(`${source}: ${rr.name} has type ${rr.type}; a trust anchor is a DS or DNSKEY record`);
  }
  if (out.length === 0) throw new TrustAnchorError(`${source}: no DS or DNSKEY record`);
  return out;
}

/** The longest trust anchor text parsed (1 MiB: 256 anchors take a few kilobytes). */
export const MAX_TRUST_ANCHOR_TEXT_LENGTH = 1024 * 1024;

/**
 * A DS anchor's digest has exactly its digest type's length (RFC 4034 §5.1.4, RFC 4509 §2.2,
 * RFC 6605 §2): a wrong one can never match a key, so it is a mistake in the anchor, said at once
 * (a 5 MB digest was accepted and kept). Digest types we do not know are left to the DS matcher,
 * which ignores them.
 */
function checkDsDigest(rr: ResourceRecord, source: string): void {
  if (!isType(rr, RRType.DS)) return;
  const want = DS_DIGEST_LENGTH.get(rr.data.digestType);
  if (want !== undefined && rr.data.digest.length !== want) {
    throw new TrustAnchorError(`${source}: DS for ${rr.name} (key tag ${rr.data.keyTag}) has a digest of ${rr.data.digest.length} octets; digest type ${rr.data.digestType} has ${want}`);
  }
}

/** Parses anchors from either root-anchors.xml text or DS/DNSKEY presentation text. */
export function parseTrustAnchors(text: string, source?: string): TrustAnchor[] {
  if (text.length > MAX_TRUST_ANCHOR_TEXT_LENGTH) throw new TrustAnchorError(`${source ?? 'trust anchor text'}: ${text.length} characters, more than ${MAX_TRUST_ANCHOR_TEXT_LENGTH}`);
  return text.trimStart().startsWith('<') ? parseTrustAnchorXml(text) : parseTrustAnchorText(text, source);
}

let bundled: TrustAnchor[] | undefined;

/** The bundled IANA root anchors (KSK-2017, KSK-2024, and the expired KSK-2010 with its window). */
export function ianaRootAnchors(): TrustAnchor[] {
  bundled ??= parseTrustAnchorXml(IANA_ROOT_ANCHORS_XML).map((a) => ({ ...a, source: `IANA ${a.source}` }));
  return bundled;
}

/** True when the anchor's validity window contains `now`. */
export function isAnchorActive(anchor: TrustAnchor, now: Date): boolean {
  if (anchor.validFrom && now.getTime() < anchor.validFrom.getTime()) return false;
  if (anchor.validUntil && now.getTime() >= anchor.validUntil.getTime()) return false;
  return true;
}

/**
 * The active anchors of the closest zone at or above `name` that has any (RFC 4033 §5: the
 * validator starts from the closest trust anchor), or undefined when none covers the name.
 */
export function closestAnchors(anchors: readonly TrustAnchor[], name: Name, now: Date): { zone: Name; anchors: TrustAnchor[] } | undefined {
  let best: { zone: Name; anchors: TrustAnchor[] } | undefined;
  for (const a of anchors) {
    if (!isAnchorActive(a, now) || !name.isSubdomainOf(a.zone)) continue;
    if (!best || a.zone.labelCount > best.zone.labelCount) best = { zone: a.zone, anchors: [a] };
    else if (a.zone.equals(best.zone)) best.anchors.push(a);
  }
  return best;
}
