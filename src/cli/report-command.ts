/**
 * `dane-verify report <results.jsonl> --org NAME --contact ADDR [--submitter DOMAIN] [--out DIR] [--json]`:
 * TLS-RPT aggregate reports (RFC 8460 §4) from recorded delivery attempts, one gzip file per
 * policy domain per UTC day, named as RFC 8460 §5.1 says. Sending them stays with the MTA.
 *
 * Input: one attempt per line, the JSON form of `TlsRptAttempt` with `at` as an RFC 3339 string:
 * `{"at":"2026-12-04T10:00:00Z","policyDomain":"example.com","policy":{"type":"tlsa","strings":["..."]},
 *   "mxHost":"mx.example.com","receivingIp":"192.0.2.1","sendingMtaIp":"198.51.100.1","success":true}`.
 * Empty lines are skipped; any other line that is not an attempt refuses the file, naming the line.
 * Bounds: the file is read as a stream, at most {@link MAX_REPORT_INPUT_BYTES}, each line at most
 * {@link MAX_REPORT_LINE_BYTES}; the recorder keeps at most MAX_TLSRPT_GROUPS groups (exit 3 and a
 * warning when attempts were left out).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgsExplained } from './suggest.ts';
import { UsageError, isUsageError } from './common-options.ts';
import { openRegularFile } from './input-file.ts';
import { ExitCode } from './usage.ts';
import type { CommandOutput } from './tlsa-command.ts';
import { TlsRptRecorder, type TlsRptAttempt } from '../mail-policy/tlsrpt-report.ts';
import { gzipTlsRptReport, tlsRptFileName } from '../mail-policy/tlsrpt-delivery.ts';

/** Octets of a results file read at most (256 MiB). */
export const MAX_REPORT_INPUT_BYTES = 256 * 1024 * 1024;
/** Octets of one line of a results file (64 KiB). */
export const MAX_REPORT_LINE_BYTES = 64 * 1024;

export const REPORT_USAGE = `Usage:
  dane-verify report <results.jsonl> --org <name> --contact <address> [--submitter <domain>] [--out <dir>] [--json]

Builds TLS-RPT aggregate reports (RFC 8460 §4) from delivery attempts, one per line (JSON; see
docs/cli.md), and writes one gzip file per policy domain per UTC day into --out (default: the
current directory), named <submitter>!<policy-domain>!<begin>!<end>.json.gz (RFC 8460 §5.1).
--submitter defaults to the domain of --contact when it is a mail address.
Exit codes: 0 written, 3 some attempts left out (too many distinct groups), 64 usage or input error.
`;

/** Reads `path` as lines, bounded; calls `line` with each (1-based number). */
async function eachLine(path: string, line: (text: string, n: number) => void): Promise<void> {
  const fail = (why: string) => new UsageError(`${path}: ${why}`);
  const { fh } = await openRegularFile(path, fail);
  try {
    const buf = Buffer.alloc(64 * 1024);
    let total = 0;
    let n = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = () => {
      n++;
      const text = Buffer.concat(pending).toString('utf8').replace(/\r$/, '');
      pending = [];
      pendingBytes = 0;
      line(text, n);
    };
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_REPORT_INPUT_BYTES) throw fail(`more than ${MAX_REPORT_INPUT_BYTES} octets (MAX_REPORT_INPUT_BYTES)`);
      let start = 0;
      for (let i = 0; i < bytesRead; i++) {
        if (buf[i] !== 0x0a) continue;
        pending.push(Buffer.from(buf.subarray(start, i)));
        pendingBytes += i - start;
        if (pendingBytes > MAX_REPORT_LINE_BYTES) throw fail(`line ${n + 1} is longer than ${MAX_REPORT_LINE_BYTES} octets (MAX_REPORT_LINE_BYTES)`);
        flush();
        start = i + 1;
      }
      pending.push(Buffer.from(buf.subarray(start, bytesRead)));
      pendingBytes += bytesRead - start;
      if (pendingBytes > MAX_REPORT_LINE_BYTES) throw fail(`line ${n + 1} is longer than ${MAX_REPORT_LINE_BYTES} octets (MAX_REPORT_LINE_BYTES)`);
    }
    if (pendingBytes > 0) flush();
  } finally {
    await fh.close();
  }
}

/** One JSONL line as an attempt, or a UsageError naming the line. */
function attemptOf(text: string, n: number, path: string): TlsRptAttempt {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} line ${n}: not JSON (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`${path} line ${n}: expected a JSON object (one attempt)`);
  const o = v as Record<string, unknown>;
  if (typeof o.at !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(o.at) || Number.isNaN(Date.parse(o.at))) {
    throw new UsageError(`${path} line ${n}: "at" must be an RFC 3339 date-time, got ${JSON.stringify(o.at)}`);
  }
  return { ...(o as unknown as TlsRptAttempt), at: new Date(o.at) };
}

function submitterOf(contact: string): string | undefined {
  const m = /^(?:mailto:)?[^@\s]+@([A-Za-z0-9.-]+)$/.exec(contact);
  return m?.[1];
}

export async function runReportCommand(args: readonly string[]): Promise<CommandOutput> {
  try {
    const { values, positionals } = parseArgsExplained({
      args: [...args],
      options: {
        org: { type: 'string' },
        contact: { type: 'string' },
        submitter: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return { exitCode: ExitCode.OK, stdout: REPORT_USAGE, stderr: '' };
    if (positionals.length !== 1) throw new UsageError('give exactly one results file (JSON lines)');
    if (values.org === undefined) throw new UsageError('--org <name> is required (the organization-name of the reports)');
    if (values.contact === undefined) throw new UsageError('--contact <address> is required (the contact-info of the reports)');
    const submitter = values.submitter ?? submitterOf(values.contact);
    if (submitter === undefined) throw new UsageError(`--submitter <domain> is required: --contact ${JSON.stringify(values.contact)} is not a mail address to take the domain from`);
    const path = positionals[0]!;
    const recorder = new TlsRptRecorder();
    await eachLine(path, (text, n) => {
      if (text.trim() === '') return;
      const a = attemptOf(text, n, path);
      try {
        recorder.record(a);
      } catch (e) {
        if (e instanceof TypeError) throw new UsageError(`${path} line ${n}: ${e.message}`);
        throw e;
      }
    });
    let reports;
    try {
      reports = recorder.reports({ organizationName: values.org, contactInfo: values.contact });
    } catch (e) {
      if (e instanceof TypeError) throw new UsageError(e.message);
      throw e;
    }
    const dir = values.out ?? '.';
    await mkdir(dir, { recursive: true });
    const written: { file: string; policyDomain: string; reportId: string; sessions: number; failures: number }[] = [];
    for (const r of reports) {
      let name: string;
      try {
        name = tlsRptFileName(r, { submitter, gzip: true });
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const file = join(dir, name);
      await writeFile(file, gzipTlsRptReport(r), { flag: 'w' });
      const sum = r.policies.reduce((s, p) => ({ ok: s.ok + p.summary['total-successful-session-count'], bad: s.bad + p.summary['total-failure-session-count'] }), { ok: 0, bad: 0 });
      written.push({ file, policyDomain: r.policies[0]!.policy['policy-domain'], reportId: r['report-id'], sessions: sum.ok + sum.bad, failures: sum.bad });
    }
    const warn = recorder.dropped ? `dane-verify report: ${recorder.dropped} attempts left out: more distinct groups than MAX_TLSRPT_GROUPS\n` : '';
    const stdout = values.json
      ? JSON.stringify({ reports: written, dropped: recorder.dropped }, null, 2) + '\n'
      : written.map((w) => `${w.file}  (${w.policyDomain}: ${w.sessions} sessions, ${w.failures} failed)\n`).join('') || 'no attempts: no report written\n';
    return { exitCode: recorder.dropped ? ExitCode.TEMPORARY : ExitCode.OK, stdout, stderr: warn };
  } catch (e) {
    if (isUsageError(e)) return { exitCode: ExitCode.USAGE, stdout: '', stderr: `dane-verify report: ${(e as Error).message}\n(see dane-verify report --help)\n` };
    throw e;
  }
}
