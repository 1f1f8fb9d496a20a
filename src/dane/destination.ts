/**
 * What a caller may give as a destination (`verifyDane(domain)`, `verifyDane({ host })`,
 * `resolveDanePolicy(domain)`, the CLI's `<domain>` and `--host`), checked before any lookup:
 * - a domain name, in A-labels or with U-labels (`münchen.example`, converted by IDNA, UTS #46);
 * - an address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`, RFC 5321 §4.1.3), or a bare IP address.
 *
 * Anything else is the caller's mistake and throws {@link InvalidDomainError}
 * (`code: 'ERR_DANE_INVALID_DOMAIN'`). It must not become a verdict: `user@example.com` parses as
 * the DNS name `user\@example.com.`, which "does not exist" (no-mail), and an MTA would bounce on it.
 *
 * Limitations: IDNA is node's `url.domainToASCII` (WHATWG host parsing: UTS #46 non-transitional,
 * with CheckBidi and CheckJoiners, without CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength);
 * this module adds those three checks itself (letters, digits, hyphens and underscores; no hyphen
 * at either end of a label; RFC 1035 lengths) and that every A-label is what its U-label encodes
 * to. Destinations are host names, not any DNS name: no RFC 1035 `\DDD` escapes.
 */
import { isIP, isIPv6 } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import { Name } from '../dns/name.ts';
import type { DanePolicy, HostPolicy } from './policy.ts';

/**
 * Most UTF-16 code units read from a destination. A name is at most 253 characters in A-labels;
 * its U-label form is rarely longer, but UTS #46 maps some characters to nothing (U+00AD soft
 * hyphen), so the input is bounded before the IDNA mapping sees it.
 */
export const MAX_DESTINATION_LENGTH = 1024;

/** Which kind of mistake an {@link InvalidDomainError} reports. */
export type InvalidDomainProblem =
  | 'not-a-string'
  | 'empty'
  | 'too-long'
  | 'mail-address' // `user@example.com`: the domain is the part after the @
  | 'url' // `https://example.com/`, or a path
  | 'address-literal' // in brackets, but not an IPv4 address or an `IPv6:` address
  | 'syntax' // a character, label or length no host name has
  | 'idna'; // not a valid internationalized name (UTS #46), or an A-label that is not one

/** A destination that is not a domain name (caller misuse): thrown before any lookup. */
export class InvalidDomainError extends TypeError {
  override readonly name = 'InvalidDomainError';
  /** The same for every problem, as node's own errors carry one `code` per kind of misuse. */
  readonly code = 'ERR_DANE_INVALID_DOMAIN';
  constructor(
    readonly problem: InvalidDomainProblem,
    message: string,
  ) {
    super(message);
  }
}

/** A domain name to look up. */
export interface DomainDestination {
  readonly kind: 'domain';
  /** The name in A-labels, as it is looked up (ASCII input keeps its case). */
  readonly name: Name;
  /** The name with U-labels, absolute (`münchen.example.`), when it differs from the A-label form. */
  readonly unicode?: string;
}

/** An address literal: mail goes to that address, no DNS is asked (RFC 5321 §5.1). */
export interface AddressLiteralDestination {
  readonly kind: 'address-literal';
  readonly address: string;
  readonly family: 4 | 6;
  /** The RFC 5321 §4.1.3 form: `[192.0.2.1]`, `[IPv6:2001:db8::1]`. */
  readonly literal: string;
}

export type Destination = DomainDestination | AddressLiteralDestination;

/** What the destination is for: a mail domain (its MX hosts are checked) or one mail server. */
export type DestinationRole = 'domain' | 'host';

const EXPECTED: Record<DestinationRole, string> = {
  domain: 'a mail domain such as example.com',
  host: 'a mail server host name such as mx.example.com',
};

/** A scheme and `//`, as every URL a caller is likely to paste has (`https://`, `smtp://`). */
const URL_START = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** An ASCII character that no host name has (non-ASCII is left to IDNA). */
const NOT_IN_HOST_NAME = /[^A-Za-z0-9._\-\u0080-\uffff]/;
const LONGEST_QUOTE = 80;

/** The input in quotes for a message: escaped (JSON), and cut so a huge input makes a short line. */
function quote(s: string): string {
  return JSON.stringify(s.length > LONGEST_QUOTE ? `${s.slice(0, LONGEST_QUOTE)}…` : s);
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  return t === 'undefined' ? 'undefined' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`;
}

/** ` (its domain is "example.com")`, when the part a caller meant is itself a destination. */
function hint(what: string, candidate: string | undefined): string {
  if (candidate === undefined || candidate === '') return '';
  try {
    parseDestination(candidate);
    return ` (its ${what} is ${quote(candidate)})`;
  } catch {
    return '';
  }
}

function urlHost(s: string): string | undefined {
  try {
    return new URL(URL_START.test(s) ? s : `http://${s}`).hostname;
  } catch {
    return undefined;
  }
}

/** `[192.0.2.1]`, `[IPv6:2001:db8::1]` or a bare address; undefined when `s` is none of them. */
function addressLiteral(s: string): AddressLiteralDestination | undefined {
  const inner = /^\[(.*)\]$/s.exec(s)?.[1];
  const tagged = inner !== undefined && /^IPv6:/i.test(inner);
  // RFC 5321 §4.1.3 writes IPv6 literals with the "IPv6:" tag; without it the meaning is not in doubt.
  const address = inner === undefined ? s : tagged ? inner.slice(5) : inner;
  // Only text that could be an address goes to node:net: its IPv6 pattern costs ~10 ms to
  // compile on first use (measured), which every host name would pay at start-up (issue #19).
  // Without a colon only dotted digits can be an address.
  if (!address.includes(':') && !/^[0-9.]+$/.test(address)) return undefined;
  const family = tagged ? (isIPv6(address) ? 6 : 0) : isIP(address);
  if (family === 0) return undefined;
  const literal = family === 4 ? `[${address}]` : `[IPv6:${address}]`;
  return { kind: 'address-literal', address, family: family as 4 | 6, literal };
}

/** Why `ascii` (A-labels, maybe with a trailing dot) is not a host name, or undefined. */
function syntaxProblem(ascii: string, role: DestinationRole): string | undefined {
  if (ascii === '.') return `the root is not ${role === 'domain' ? 'a mail domain' : 'a host name'}`;
  const body = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  // RFC 1035 §2.3.4: 255 octets in wire form are 253 characters without the trailing dot.
  if (body.length > 253) return `a name of ${body.length} characters (at most 253, RFC 1035 §2.3.4)`;
  const labels = body.split('.');
  for (const l of labels) {
    if (l === '') return 'an empty label';
    if (l.length > 63) return `a label of ${l.length} characters (at most 63, RFC 1035 §2.3.4)`;
    if (l.startsWith('-') || l.endsWith('-')) return `the label ${quote(l)} starts or ends with a hyphen (RFC 1034 §3.5)`;
  }
  // RFC 1123 §2.1: a host name never looks like a dotted address, as its top-level label is not all digits.
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return 'the last label is all digits (an IP address is given as [192.0.2.1])';
  return undefined;
}

function domainName(input: string, role: DestinationRole, fail: (p: InvalidDomainProblem, got: string) => InvalidDomainError): DomainDestination {
  const bad = NOT_IN_HOST_NAME.exec(input)?.[0];
  if (bad !== undefined) throw fail('syntax', `${quote(input)}: the character ${quote(bad)} is not allowed in a domain name (letters, digits, hyphens; IDNs as U-labels or A-labels)`);
  // ASCII input is taken as it is (its case kept, as Name keeps it); anything else goes through IDNA.
  const ascii = /^[\x00-\x7f]*$/.test(input) ? input : domainToASCII(input);
  if (ascii === '') throw fail('idna', `${quote(input)}: not a valid internationalized domain name (IDNA, UTS #46)`);
  const problem = syntaxProblem(ascii, role);
  if (problem !== undefined) throw fail('syntax', `${quote(input)}: ${problem}`);
  // An XN-label is an A-label only when its U-label encodes back to it (RFC 5890 §2.3.2.1).
  // domainToASCII checks what an A-label decodes to, but lets "xn--abc-" (decoding to "abc") through;
  // the hyphen rule above stops that one, and this check any other an IDNA library lets by.
  const lower = ascii.toLowerCase();
  const unicode = domainToUnicode(ascii);
  if (domainToASCII(ascii) !== lower || domainToASCII(unicode) !== lower) {
    throw fail('idna', `${quote(input)}: not a valid internationalized domain name (an A-label that no U-label encodes to)`);
  }
  const absolute = (s: string) => (s.endsWith('.') ? s : `${s}.`);
  const name = Name.parse(absolute(ascii));
  return { kind: 'domain', name, ...(unicode !== lower ? { unicode: absolute(unicode) } : {}) };
}

/**
 * Parses a destination as a caller gives it: a domain name (A-labels or U-labels) or an address
 * literal. Never looks anything up.
 * @param role what the name is for, only to say what was expected in the message
 * @throws InvalidDomainError (`code: 'ERR_DANE_INVALID_DOMAIN'`) for a mail address, a URL, or
 *   anything else that is not a domain name, with a message that says what was given
 */
export function parseDestination(input: unknown, role: DestinationRole = 'domain'): Destination {
  // An MTA asks about the same few destinations again and again: each string is parsed once (IDNA
  // and all), and the same Name object comes back, whose map keys are already computed (name.ts).
  const memoKey = typeof input === 'string' ? `${role}|${input}` : undefined;
  const known = memoKey === undefined ? undefined : parsedDestinations.get(memoKey);
  if (known) return known;
  const d = parseDestinationOnce(input, role);
  if (parsedDestinations.size >= PARSED_DESTINATION_ENTRIES) parsedDestinations.delete(parsedDestinations.keys().next().value!);
  parsedDestinations.set(memoKey!, Object.freeze(d));
  return d;
}

/** Destination strings whose parse is kept (the oldest parse goes first); errors are not kept. */
export const PARSED_DESTINATION_ENTRIES = 1024;
const parsedDestinations = new Map<string, Destination>();

function parseDestinationOnce(input: unknown, role: DestinationRole): Destination {
  const fail = (problem: InvalidDomainProblem, got: string) => new InvalidDomainError(problem, `expected ${EXPECTED[role]}, got ${got}`);
  if (typeof input !== 'string') throw fail('not-a-string', describeType(input));
  if (input === '') throw fail('empty', 'an empty string');
  if (input.length > MAX_DESTINATION_LENGTH) throw fail('too-long', `a string of ${input.length} characters (at most ${MAX_DESTINATION_LENGTH})`);
  const literal = addressLiteral(input);
  if (literal) return literal;
  if (input.startsWith('[')) throw fail('address-literal', `${quote(input)}: not an address literal such as [192.0.2.1] or [IPv6:2001:db8::1] (RFC 5321 §4.1.3)`);
  // A URL before a mail address: "https://user@example.com/" is a URL with a user in it.
  if (URL_START.test(input) || /[/?#]/.test(input)) throw fail('url', `the URL ${quote(input)}${hint('host', urlHost(input))}`);
  const at = input.lastIndexOf('@');
  if (at >= 0) throw fail('mail-address', `the mail address ${quote(input)}${hint('domain', input.slice(at + 1))}`);
  return domainName(input, role, fail);
}

/**
 * The policy of an address literal: no DANE, and said why. TLSA records are found at
 * `_<port>._tcp.<TLSA base domain>`, a host name (RFC 7672 §2.2.3); a literal has none, and mail to
 * it asks no DNS at all (RFC 5321 §5.1), so nothing could have been downgraded. Not `no-mail`: the
 * address takes mail as far as DNS can tell. Its `addressStatus` is `insecure`: no DNSSEC proof
 * stands behind the address (the caller chose it).
 */
export function addressLiteralPolicy(d: AddressLiteralDestination): DanePolicy {
  const reason = `no TLSA for an address literal: TLSA records are looked up at a host name (RFC 7672 §2.2.3), and ${d.literal} is an address`;
  const host: HostPolicy = {
    host: d.literal,
    preference: 0,
    policy: 'none',
    addressStatus: 'insecure',
    addresses: [d.address],
    tlsa: [],
    reason,
    reasons: [],
    bogus: false,
  };
  return {
    domain: d.literal,
    mx: { status: 'insecure', kind: 'host', reason: 'address literal: no MX lookup, mail goes to the address (RFC 5321 §5.1)' },
    hosts: [host],
    action: 'deliver',
    reason,
  };
}
