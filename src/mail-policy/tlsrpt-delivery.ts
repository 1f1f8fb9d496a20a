/**
 * How a TLS-RPT report leaves the sender (RFC 8460 §5): gzip, the file name of §5.1, and the
 * message of §5.3 for `mailto:` report addresses. The sending itself (SMTP, or an HTTPS POST of
 * the gzip body with `Content-Type: application/tlsrpt+gzip`, §5.4) stays with the MTA.
 *
 * ```
 * filename  = sender "!" policy-domain "!" begin-timestamp "!" end-timestamp [ "!" unique-id ] "." extension
 * extension = "json" / "json.gz"                       ; timestamps: seconds since the epoch (UTC)
 * ```
 * Message (§5.3): `multipart/report; report-type="tlsrpt"` with a human-readable part and the
 * report as `application/tlsrpt+gzip` (or `+json`), headers `TLS-Report-Domain` and
 * `TLS-Report-Submitter`, and the Subject `Report Domain: <d> Submitter: <s> Report-ID: <<id>>`.
 * Every value that reaches a header is checked: no CR, LF or other control characters.
 */
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { TlsRptReport } from './tlsrpt-report.ts';

/** The report as JSON text (UTF-8), as sent. */
export function tlsRptJson(report: TlsRptReport): string {
  return JSON.stringify(report);
}

/** The report gzipped (`application/tlsrpt+gzip`). */
export function gzipTlsRptReport(report: TlsRptReport): Uint8Array {
  return new Uint8Array(gzipSync(Buffer.from(tlsRptJson(report), 'utf8')));
}

const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const UNIQUE = /^[A-Za-z0-9._-]{1,64}$/;

function checkDomain(v: string, what: string): string {
  const d = v.replace(/\.$/, '');
  if (!DOMAIN.test(d)) throw new TypeError(`expected ${what} as a domain name in A-labels, got ${JSON.stringify(v)}`);
  return d;
}

/**
 * The file name of a report (RFC 8460 §5.1): `<submitter>!<policy-domain>!<begin>!<end>[!<unique-id>].json[.gz]`.
 * @throws TypeError for a submitter that is not a domain name or a unique id outside `[A-Za-z0-9._-]{1,64}`
 */
export function tlsRptFileName(report: TlsRptReport, o: { readonly submitter: string; readonly gzip?: boolean; readonly uniqueId?: string }): string {
  const submitter = checkDomain(o.submitter, 'submitter');
  const domain = checkDomain(report.policies[0]?.policy['policy-domain'] ?? '', 'the policy domain');
  if (o.uniqueId !== undefined && !UNIQUE.test(o.uniqueId)) throw new TypeError(`expected uniqueId as 1-64 of [A-Za-z0-9._-], got ${JSON.stringify(o.uniqueId)}`);
  const begin = Date.parse(report['date-range']['start-datetime']) / 1000;
  const end = Date.parse(report['date-range']['end-datetime']) / 1000;
  return `${submitter}!${domain}!${begin}!${end}${o.uniqueId !== undefined ? `!${o.uniqueId}` : ''}.${o.gzip === false ? 'json' : 'json.gz'}`;
}

export interface TlsRptMessageOptions {
  /** The submitter's domain (`TLS-Report-Submitter`, and the file name's sender). */
  readonly submitter: string;
  /** `From` address, and `To` (the `mailto:` address of the rua, without `mailto:`). */
  readonly from: string;
  readonly to: string;
  readonly date?: Date;
  readonly messageId?: string;
  /** gzip the report (default true: `application/tlsrpt+gzip`). */
  readonly gzip?: boolean;
}

const HEADER_SAFE = /^[\x20-\x7e]+$/;
function headerValue(v: string, what: string): string {
  if (!HEADER_SAFE.test(v) || v.length > 998) throw new TypeError(`expected ${what} as printable ASCII without line breaks, got ${JSON.stringify(v).slice(0, 80)}`);
  return v;
}

/**
 * The report as an RFC 5322 message in the form of RFC 8460 §5.3, lines ending in CRLF, ready to
 * be sent by the MTA to a `mailto:` rua address.
 * @throws TypeError for header values with line breaks or non-ASCII, a submitter that is not a domain
 */
export function tlsRptMessage(report: TlsRptReport, o: TlsRptMessageOptions): string {
  const gzip = o.gzip !== false;
  const submitter = checkDomain(o.submitter, 'submitter');
  const domain = checkDomain(report.policies[0]?.policy['policy-domain'] ?? '', 'the policy domain');
  const from = headerValue(o.from, 'from');
  const to = headerValue(o.to, 'to');
  const id = headerValue(report['report-id'], 'report-id');
  const name = tlsRptFileName(report, { submitter, gzip });
  const boundary = `tlsrpt-${randomBytes(12).toString('hex')}`;
  const body = gzip ? Buffer.from(gzipTlsRptReport(report)) : Buffer.from(tlsRptJson(report), 'utf8');
  const b64 = body.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  const messageId = headerValue(o.messageId ?? `<${randomBytes(12).toString('hex')}@${submitter}>`, 'messageId');
  const start = report['date-range']['start-datetime'];
  const end = report['date-range']['end-datetime'];
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Date: ${(o.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    `Subject: Report Domain: ${domain} Submitter: ${submitter} Report-ID: <${id}>`,
    `Message-ID: ${messageId}`,
    `TLS-Report-Domain: ${domain}`,
    `TLS-Report-Submitter: ${submitter}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type="tlsrpt"; boundary="${boundary}"`,
    '',
    'This is a multipart message in MIME format.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="us-ascii"',
    'Content-Transfer-Encoding: 7bit',
    '',
    `This is an aggregate TLS report (RFC 8460) from ${submitter} for ${domain}, ${start} to ${end}.`,
    '',
    `--${boundary}`,
    `Content-Type: application/tlsrpt+${gzip ? 'gzip' : 'json'}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${name}"`,
    '',
    b64.replace(/\r\n$/, ''),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
