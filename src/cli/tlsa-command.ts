/**
 * `dane-verify tlsa --cert cert.pem [--host h] [--port 25] [--usage 3 --selector 1 --mtype 1]`:
 * prints the TLSA record a postmaster publishes for a certificate (RFC 6698 §2, RFC 7671 §8),
 * e.g. `_25._tcp.mx.example.net. IN TLSA 3 1 1 <hex>`.
 *
 * Defaults to `3 1 1` (DANE-EE, SPKI, SHA2-256), the form RFC 7671 §5.1 and RFC 7672 §3.1.1
 * recommend for SMTP: it survives certificate renewals that keep the key. Without `--host`, the
 * owner name comes from the certificate's first DNS name.
 *
 * The CLI entry (src/cli/main.ts) wires `runTlsaCommand`; this module reads the file and does no
 * other I/O. Exit codes: 0 printed; 64 bad arguments (EX_USAGE); 66 certificate unreadable
 * (EX_NOINPUT).
 */
import { readInputFile } from './input-file.ts';
import { X509Certificate } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Name } from '../dns/name.ts';
import { DnsFormatError } from '../dns/errors.ts';
import { certificateDer, classifyTlsa, tlsaAssociation, type MatchingType, type Selector } from '../dane/tlsa.ts';
import { SMTP_PORT } from '../smtp/session.ts';

/** sysexits(3) codes used here. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 64;
export const EXIT_NOINPUT = 66;

/** What to print a record for. */
export interface TlsaRecordRequest {
  /** Certificate, PEM text or DER. */
  cert: string | Uint8Array;
  /** MX host name; the certificate's first DNS name when absent. */
  host?: string;
  port?: number;
  usage?: number;
  selector?: Selector;
  matchingType?: MatchingType;
}

/** The record line and any advice about it. */
export interface TlsaRecordLine {
  line: string;
  warnings: string[];
}

function firstDnsName(x: X509Certificate): string | undefined {
  const san = x.subjectAltName?.split(', ').find((e) => e.startsWith('DNS:'));
  if (san) return san.slice(4);
  return /(?:^|\n)CN=([^\n]+)/.exec(x.subject)?.[1];
}

/**
 * The TLSA record line for a certificate. Throws `TypeError`/`RangeError` for bad input
 * (caller misuse) and `DnsFormatError` for a host that is not a domain name.
 */
export function tlsaRecordLine(req: TlsaRecordRequest): TlsaRecordLine {
  const usage = req.usage ?? 3;
  const selector = req.selector ?? 1;
  const matchingType = req.matchingType ?? 1;
  const port = req.port ?? SMTP_PORT;
  if (!Number.isInteger(usage) || usage < 0 || usage > 255) throw new RangeError(`expected a usage from 0 to 255, got ${usage}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`expected a port from 1 to 65535, got ${port}`);
  const der = certificateDer(req.cert);
  const hex = tlsaAssociation(der, selector, matchingType);
  let x509: X509Certificate | undefined;
  try {
    x509 = new X509Certificate(Buffer.from(der));
  } catch {
    x509 = undefined; // a key algorithm OpenSSL does not know: the association data is still right
  }
  const host = req.host ?? (x509 ? firstDnsName(x509) : undefined);
  if (!host) throw new TypeError('expected --host: the certificate names no DNS host');
  // `_25._tcp.*.example.com` would be a record at a literal "*" label that no client looks up.
  if (host.includes('*')) throw new TypeError(`expected --host: the certificate's first DNS name ${host} is a wildcard, not an MX host name`);
  const owner = Name.parse(`_${port}._tcp.${host.replace(/\.$/, '')}.`);
  const warnings: string[] = [];
  const c = classifyTlsa({ certUsage: usage, selector, matchingType, certificateAssociationData: Buffer.from(hex, 'hex') });
  if (!c.usable) warnings.push(`SMTP clients will ignore this record: ${c.reason}`);
  if (usage === 2 && x509 && !x509.ca) warnings.push('usage 2 (DANE-TA) names the issuing CA, but this certificate is not a CA: use the CA certificate, or usage 3');
  // A self-signed server certificate is the usual DANE-EE case, and OpenSSL 3's `req -x509` marks
  // it CA:TRUE: only a CA certificate issued by another is the likely mistake (an intermediate).
  if (usage === 3 && x509?.ca && !isSelfSigned(x509)) warnings.push('usage 3 (DANE-EE) names the server certificate itself, but this is a CA certificate issued by another (an intermediate?): give the server\'s own certificate');
  if (matchingType === 2 && c.usable) {
    warnings.push(`senders use only the strongest digest per usage and selector (RFC 7671 §9): beside this record, any ${usage} ${selector} 1 record is ignored, so publish ${usage} ${selector} 2 for every key`);
  }
  if (selector === 0 && usage === 3) warnings.push('selector 0 pins the whole certificate: every renewal needs a new record first; 3 1 1 survives renewals that keep the key');
  return { line: `${owner.toString()} IN TLSA ${usage} ${selector} ${matchingType} ${hex}`, warnings };
}

/** Output of {@link runTlsaCommand}. */
export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const USAGE = 'usage: dane-verify tlsa --cert cert.pem [--host mx.example.net] [--port 25] [--usage 3] [--selector 1] [--mtype 1] [--json]\n';

/** JSON schema version of `tlsa --json`; bump on any incompatible change (docs/cli.md). */
export const TLSA_SCHEMA_VERSION = 1;

function intArg(v: string | undefined, name: string, allowed: readonly number[] | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v)) throw new RangeError(`--${name} expects a number, got ${JSON.stringify(v)}`);
  const n = Number(v);
  if (allowed && !allowed.includes(n)) throw new RangeError(`--${name} must be one of ${allowed.join(', ')}, got ${n}`);
  return n;
}

/**
 * Runs `dane-verify tlsa` with the arguments after `tlsa`. Bad arguments and an unreadable or
 * non-certificate file become an exit code and a message on stderr; only a bug throws.
 */
export async function runTlsaCommand(args: readonly string[]): Promise<CommandOutput> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        cert: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        usage: { type: 'string' },
        selector: { type: 'string' },
        mtype: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n${USAGE}` };
  }
  if (values.help) return { exitCode: EXIT_OK, stdout: USAGE, stderr: '' };
  const certPath = values.cert;
  if (typeof certPath !== 'string') return { exitCode: EXIT_USAGE, stdout: '', stderr: `--cert is required\n${USAGE}` };
  let req: Omit<TlsaRecordRequest, 'cert'>;
  try {
    req = {
      host: values.host as string | undefined,
      port: intArg(values.port as string | undefined, 'port', undefined),
      usage: intArg(values.usage as string | undefined, 'usage', undefined),
      selector: intArg(values.selector as string | undefined, 'selector', [0, 1]) as Selector | undefined,
      matchingType: intArg(values.mtype as string | undefined, 'mtype', [0, 1, 2]) as MatchingType | undefined,
    };
  } catch (e) {
    return { exitCode: EXIT_USAGE, stdout: '', stderr: `${(e as Error).message}\n${USAGE}` };
  }
  let bytes: Buffer;
  try {
    bytes = await readInputFile(certPath, '--cert');
  } catch (e) {
    return { exitCode: EXIT_NOINPUT, stdout: '', stderr: `cannot read ${(e as Error).message}\n` };
  }
  // PEM if it looks like text with a PEM header, else DER.
  const text = bytes.toString('latin1');
  const cert = text.includes('-----BEGIN CERTIFICATE-----') ? text : new Uint8Array(bytes);
  try {
    const { line, warnings } = tlsaRecordLine({ cert, ...req });
    if (values.json) {
      // owner, class, type, then the four RDATA fields, as the line has them.
      const [owner, , , usage, selector, matchingType, data] = line.split(' ');
      const out = { schema: TLSA_SCHEMA_VERSION, record: line, owner, usage: Number(usage), selector: Number(selector), matchingType: Number(matchingType), data, warnings };
      return { exitCode: EXIT_OK, stdout: JSON.stringify(out, null, 2) + '\n', stderr: '' };
    }
    return { exitCode: EXIT_OK, stdout: `${line}\n`, stderr: warnings.map((w) => `warning: ${w}\n`).join('') };
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError || e instanceof DnsFormatError) {
      return { exitCode: e instanceof TypeError && /PEM|X\.509/.test(e.message) ? EXIT_NOINPUT : EXIT_USAGE, stdout: '', stderr: `${e.message}\n` };
    }
    throw e;
  }
}

/** Issued by itself and signed with its own key. */
function isSelfSigned(x509: X509Certificate): boolean {
  try {
    return x509.checkIssued(x509) && x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}
