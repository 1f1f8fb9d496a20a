/**
 * The JSONL file a scan writes (`--out FILE`): one line per domain, each the object the domain
 * check prints with `--json` (cli/report.ts), written whole by one write(2) as the domain
 * finishes. A scan killed at any moment leaves complete lines and at most one torn last line.
 *
 * `--resume` reads the file back: every complete line names a domain already done; a torn last
 * line (no newline at the end, or not JSON) is cut off, and its domain is checked again. A line in
 * the middle that is not a scan result means the file is something else: refused, never
 * overwritten. Lines are read one at a time, each at most {@link MAX_RESULT_LINE_OCTETS}.
 */
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { domainKey } from './domain-list.ts';

/** The longest result line written or read back (1 MiB); a longer result is written cut down (see {@link boundedLine}). */
export const MAX_RESULT_LINE_OCTETS = 1024 * 1024;

/** A result file that cannot be resumed from. */
export class ResultFileError extends Error {
  override readonly name = 'ResultFileError';
}

/** What a result file already holds. */
export interface ResumeState {
  /** Keys (domain-list.ts `domainKey`) of the domains with a complete line. */
  readonly done: Set<string>;
  /** Complete lines read (a domain found twice counts once). */
  readonly lines: number;
  /** Octets of a torn last line that were cut off (0 when none). */
  readonly tornOctets: number;
}

/** The JSON line for one result object, cut down to the domain, verdict and summary when over {@link MAX_RESULT_LINE_OCTETS}. */
export function boundedLine(json: Record<string, unknown>): string {
  const line = JSON.stringify(json) + '\n';
  if (Buffer.byteLength(line) <= MAX_RESULT_LINE_OCTETS) return line;
  const { schema, domain, domainUnicode, exitCode, connected, summary, action } = json;
  return JSON.stringify({ schema, domain, domainUnicode, exitCode, connected, action, summary: String(summary).slice(0, 4096), truncated: true }) + '\n';
}

/** A result file open for appending. */
export class ResultFile {
  private constructor(private fd: number | undefined, readonly resumed: ResumeState) {}

  /**
   * Opens (creating) `path` to append results. With `resume`, reads what it holds first and cuts
   * off a torn last line; without, the file must be empty or absent (nothing is overwritten).
   * @param onResumed called with each complete line's object (for the summary; nothing is kept here)
   * @throws ResultFileError (a file that is not a result file, or holds results without `resume`), or the fs error
   */
  static open(path: string, resume: boolean, onResumed: (json: Record<string, unknown>) => void = () => {}): ResultFile {
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND, 0o644);
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new ResultFileError(`${path}: not a regular file`);
      if (!resume && st.size > 0) throw new ResultFileError(`${path} already holds results: give --resume to continue that scan, or another file`);
      const state = resume ? readResults(fd, path, onResumed) : { done: new Set<string>(), lines: 0, tornOctets: 0 };
      return new ResultFile(fd, state);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** Appends one line (with its newline) in one write. */
  write(line: string): void {
    if (this.fd === undefined) throw new Error('result file closed');
    const buf = Buffer.from(line);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Reads every line of an open file, cutting off a torn last one (see the module comment). */
function readResults(fd: number, path: string, onResumed: (json: Record<string, unknown>) => void): ResumeState {
  const done = new Set<string>();
  let lines = 0;
  const chunk = Buffer.alloc(256 * 1024);
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let position = 0; // octets read
  let lineStart = 0; // file offset where the current line starts
  let lineNo = 0;
  let lastBad: { line: number; start: number } | undefined;
  const take = (line: Buffer, start: number) => {
    lineNo++;
    if (lastBad) throw new ResultFileError(`${path}: line ${lastBad.line} is not a scan result (only the last line may be torn); not resuming from this file`);
    const parsed = parseResultLine(line.toString('utf8'));
    if (!parsed) lastBad = { line: lineNo, start };
    else if (!done.has(parsed.key)) {
      done.add(parsed.key);
      lines++;
      onResumed(parsed.json);
    }
  };
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, position);
    if (n === 0) break;
    let from = 0;
    for (let i = 0; i < n; i++) {
      if (chunk[i] !== 0x0a) continue;
      const piece = chunk.subarray(from, i);
      const line = pendingLength ? Buffer.concat([...pending, piece]) : piece;
      take(line, lineStart);
      lineStart = position + i + 1;
      pending = [];
      pendingLength = 0;
      from = i + 1;
    }
    if (from < n) {
      pendingLength += n - from;
      if (pendingLength > MAX_RESULT_LINE_OCTETS) throw new ResultFileError(`${path}: line ${lineNo + 1} is longer than ${MAX_RESULT_LINE_OCTETS} octets: not a scan result file`);
      pending.push(Buffer.from(chunk.subarray(from, n)));
    }
    position += n;
  }
  // A last line without its newline, or a last complete line that does not parse: torn by a kill.
  const cutAt = pendingLength > 0 ? (lastBad ? lastBad.start : lineStart) : lastBad?.start;
  let tornOctets = 0;
  if (cutAt !== undefined) {
    tornOctets = position - cutAt;
    ftruncateSync(fd, cutAt);
  }
  return { done, lines, tornOctets };
}

/** A result line's object and its domain's key, or undefined when it is not one. */
export function parseResultLine(text: string): { json: Record<string, unknown>; key: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const domain = (json as { domain?: unknown }).domain;
  if (typeof domain !== 'string') return undefined;
  const key = domainKey(domain);
  return key === undefined ? undefined : { json: json as Record<string, unknown>, key };
}
