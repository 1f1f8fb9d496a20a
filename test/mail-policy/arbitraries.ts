/** fast-check generators for the mail-policy tests: names, URIs and field values as the RFC grammars define them. */
import fc from 'fast-check';

/** Every property runs from this seed: the default test run is deterministic (change it to explore). */
export const SEED = 8461;

/** An LDH label, mixed case, 1-12 characters. */
export const label = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,10}[A-Za-z0-9])?$/);

/** A top-level label: starts with a letter (an all-numeric one is not a host name, RFC 3696 §2, and URL parsers read it as IPv4). */
const tld = fc.stringMatching(/^[A-Za-z](?:[A-Za-z0-9-]{0,6}[A-Za-z0-9])?$/);

/** A domain of 1-4 LDH labels, no trailing dot. */
export const domain = fc.tuple(fc.array(label, { maxLength: 3 }), tld).map(([l, t]) => [...l, t].join('.'));

/** An `mx` pattern (RFC 8461 §3.2): a domain, or `*.` and a domain. */
export const mxPattern = fc.tuple(fc.boolean(), domain).map(([wild, d]) => (wild ? `*.${d}` : d));

/** A mailto: URI with one address (RFC 6068), with no character RFC 8460 §3 wants encoded. */
export const mailtoUri = fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,10}$/), domain, fc.boolean()).map(([local, d, enc]) => `mailto:${local}${enc ? '%21x' : ''}@${d}`);

/** An https: URI with a host and a path. */
export const httpsUri = fc.tuple(domain, fc.stringMatching(/^[a-z0-9/_.~-]{0,16}$/)).map(([d, path]) => `https://${d}/${path}`);

/** `ext-name` (RFC 8460 §3, RFC 8461 §3.1 and §3.2). */
export const extName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/);

/** `ext-value` of the TXT records: printable ASCII without `=` and `;`. */
export const extValue = fc.stringMatching(/^[\x21-\x3a\x3c\x3e-\x7e]{1,20}$/);

/** `sts-policy-ext-value`: printable characters (UTF-8 too), inner spaces, none leading or trailing. */
export const policyExtValue = fc
  .array(fc.oneof(fc.stringMatching(/^[\x21-\x7e]$/), fc.constantFrom('é', '日', '𝄞', ' ')), { minLength: 1, maxLength: 20 })
  .map((chars) => chars.join('').trim())
  .filter((v) => v.length > 0);

/** An MTA-STS policy id: 1-32 letters and digits. */
export const stsId = fc.stringMatching(/^[A-Za-z0-9]{1,32}$/);
