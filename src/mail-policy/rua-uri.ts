/**
 * The report URIs of a TLS-RPT record (`rua`, RFC 8460 §3): which are URIs at all (RFC 3986), and
 * which of them a sender can deliver to (`mailto:`, RFC 6068; `https:`, RFC 8460 §3).
 *
 * Decisions where the RFC leaves room (written down once, here):
 * - A value that is not a URI (no scheme, a character RFC 3986 does not allow, a bad `%`
 *   escape, a raw `!`, which RFC 8460 §3 says MUST be encoded) makes the record invalid: the ABNF
 *   is `tlsrpt-uri = URI`.
 * - A URI with another scheme (`http:`, `ftp:` ...) is a valid URI that no sender can use: it is
 *   set aside as unsupported, with its reason, and the record stays valid while one supported URI
 *   remains. RFC 8460 §3 names the two supported schemes and lets a sender deliver "to each of the
 *   supported rua destinations", which reads as ignoring the others rather than the record.
 * - A `mailto:` URI must name at least one address before any `?` (a report needs a recipient);
 *   addresses only in a `?to=` header field are not looked for, and such a URI is invalid here.
 * - An `https:` URI must have a host (RFC 3986 `//authority`) and parse as a WHATWG URL, as the
 *   HTTP client posting the report will parse it. Certificate checks are the submitter's business
 *   (RFC 8460 §3 lets it ignore certificate errors).
 * - The scheme is case-insensitive (RFC 3986 §3.1); the URI is kept as written.
 */
import { clip, describeChar } from './txt-fields.ts';

/** A report destination a sender can use. */
export interface TlsRptRua {
  /** As written in the record. */
  readonly uri: string;
  /** Lower case. */
  readonly scheme: 'mailto' | 'https';
}

/** A URI of a scheme RFC 8460 §3 does not support: kept, not used. */
export interface UnsupportedRua {
  readonly uri: string;
  readonly scheme: string;
  readonly reason: string;
}

export type RuaCheck =
  | { readonly kind: 'supported'; readonly rua: TlsRptRua }
  | { readonly kind: 'unsupported'; readonly rua: UnsupportedRua }
  | { readonly kind: 'invalid'; readonly text: string; readonly at: number };

/** RFC 3986 §2: unreserved, reserved (less ',', '!' and ';', see below) and '%'. */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@$&'()*+=%]$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const HEX2 = /^[0-9A-Fa-f]{2}$/;
/** A domain of LDH labels, or an address literal; for `mailto:` addresses (RFC 5321 §4.1.2 loosely). */
const MAIL_DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[^[\]\s]+\])$/;

/**
 * Judges one URI of a `rua` list (already split at commas, whitespace around the commas removed).
 * Never throws.
 */
export function checkRuaUri(uri: string): RuaCheck {
  const invalid = (text: string, at = 0): RuaCheck => ({ kind: 'invalid', text, at });
  if (uri === '') return invalid('empty URI (a comma with nothing before or after it)');
  for (let i = 0; i < uri.length; i++) {
    const ch = uri[i]!;
    // RFC 8460 §3: commas and exclamation points in a URI MUST be encoded (',' is the list
    // separator and '!' the report file name's; ';' ends the field, so it never reaches here).
    if (ch === '!') return invalid(`'!' at ${i} must be written %21 (RFC 8460 §3)`, i);
    if (ch === ' ' || ch === '\t') return invalid(`whitespace at ${i} inside a URI (only allowed around ',' between URIs)`, i);
    if (!URI_CHARS.test(ch)) return invalid(`${describeChar(uri, i)} at ${i} is not allowed in a URI (RFC 3986 §2)`, i);
    if (ch === '%' && !HEX2.test(uri.slice(i + 1, i + 3))) return invalid(`'%' at ${i} is not followed by two hex digits (RFC 3986 §2.1)`, i);
  }
  const m = SCHEME.exec(uri);
  if (!m) return invalid(`"${clip(uri)}" has no URI scheme: rua takes mailto: or https: URIs (RFC 8460 §3)`);
  const scheme = m[1]!.toLowerCase();
  const rest = uri.slice(m[0].length);
  switch (scheme) {
    case 'mailto':
      return checkMailto(uri, rest);
    case 'https':
      return checkHttps(uri, rest);
    default:
      return {
        kind: 'unsupported',
        rua: { uri, scheme, reason: `scheme ${scheme}: is not one TLS-RPT reports are sent to (mailto: and https: only, RFC 8460 §3)` },
      };
  }
}

function checkMailto(uri: string, rest: string): RuaCheck {
  const to = rest.split('?', 1)[0]!;
  if (to === '') return { kind: 'invalid', text: `"${clip(uri)}" names no address before '?' (RFC 6068 §2)`, at: 7 };
  if (to.includes('#')) return { kind: 'invalid', text: `"${clip(uri)}": a mailto: URI has no fragment (RFC 6068 §2)`, at: 7 + to.indexOf('#') };
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return { kind: 'invalid', text: `"${clip(uri)}": its percent-encoding is not UTF-8 (RFC 6068 §2)`, at: 7 };
  }
  // RFC 6068 §2: several addresses are separated by (encoded) commas.
  for (const address of decoded.split(',')) {
    const at = address.lastIndexOf('@');
    if (at <= 0 || !MAIL_DOMAIN.test(address.slice(at + 1))) {
      return { kind: 'invalid', text: `"${clip(uri)}": "${clip(address)}" is not a mail address (local-part@domain, RFC 6068 §2)`, at: 7 };
    }
  }
  return { kind: 'supported', rua: { uri, scheme: 'mailto' } };
}

function checkHttps(uri: string, rest: string): RuaCheck {
  if (!rest.startsWith('//')) return { kind: 'invalid', text: `"${clip(uri)}": an https: URI needs "//" and a host (RFC 9110 §4.2.2)`, at: 6 };
  let host: string;
  try {
    host = new URL(uri).hostname;
  } catch {
    // WHATWG URL, as the HTTP clients that would post the report parse it: stricter than RFC 3986
    // in places (a host whose last label is numeric must be an IPv4 address).
    return { kind: 'invalid', text: `"${clip(uri)}" is not an https: URL an HTTP client can parse (WHATWG URL)`, at: 0 };
  }
  if (host === '') return { kind: 'invalid', text: `"${clip(uri)}" has no host`, at: 8 };
  return { kind: 'supported', rua: { uri, scheme: 'https' } };
}
