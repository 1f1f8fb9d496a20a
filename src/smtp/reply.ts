/**
 * SMTP replies (RFC 5321 §4.2): a three-digit code, then `-` on every line but the last and a
 * space (or nothing) on the last, all lines with the same code.
 *
 * `ReplyParser` is incremental: feed it bytes as they arrive, take complete replies out. Every
 * fault of the peer is a value (`{ ok: false, reason }`), never a throw; each line and each reply
 * is bounded so that a server cannot make the client buffer without limit.
 */

/** Octets per reply line, CRLF included: RFC 5321 §4.5.3.1.5 allows 512; real servers exceed it a little. */
export const MAX_REPLY_LINE_LENGTH = 2048;
/** At most this many lines in one multi-line reply (an EHLO reply has a few dozen at most). */
export const MAX_REPLY_LINES = 128;

/** One complete reply. */
export interface SmtpReply {
  code: number;
  /** Text of each line after the code and separator, in order. */
  lines: string[];
}

/** A reply, or why the bytes were not one. */
export type ReplyResult = { ok: true; reply: SmtpReply } | { ok: false; reason: string };

const LINE = /^([2-5][0-9][0-9])([ -]?)(.*)$/s;

/** Incremental reply parser: `feed` bytes, get the replies they complete. */
export class ReplyParser {
  private buffer = '';
  private pending: { code: number; lines: string[] } | undefined;
  private failed = false;

  /** Bytes received but not yet part of a complete line. */
  get buffered(): number {
    return this.buffer.length;
  }

  /** True while a multi-line reply has started but not ended, or bytes wait for a line end. */
  get inProgress(): boolean {
    return this.pending !== undefined || this.buffer.length > 0;
  }

  /**
   * Adds bytes and returns every reply they complete, in order. After a fault the parser
   * returns that fault once and then nothing: the session must end.
   */
  feed(data: Uint8Array | string): ReplyResult[] {
    if (this.failed) return [];
    // latin1 keeps every byte as one char, so lengths are octets and nothing fails to decode.
    this.buffer += typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
    const out: ReplyResult[] = [];
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl < 0) {
        if (this.buffer.length > MAX_REPLY_LINE_LENGTH) return this.fail(out, `reply line longer than ${MAX_REPLY_LINE_LENGTH} octets`);
        return out;
      }
      if (nl + 1 > MAX_REPLY_LINE_LENGTH) return this.fail(out, `reply line longer than ${MAX_REPLY_LINE_LENGTH} octets`);
      // RFC 5321 §2.3.8 requires CRLF; a bare LF is tolerated, as most clients do.
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      const m = LINE.exec(line);
      if (!m) return this.fail(out, `not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`);
      const code = Number(m[1]);
      const more = m[2] === '-';
      const text = m[3]!;
      if (m[2] === '' && text !== '') return this.fail(out, `no separator after the reply code: ${JSON.stringify(line.slice(0, 80))}`);
      if (this.pending && this.pending.code !== code) {
        return this.fail(out, `reply code changed from ${this.pending.code} to ${code} inside a multi-line reply (RFC 5321 §4.2.1)`);
      }
      const p = (this.pending ??= { code, lines: [] });
      p.lines.push(text);
      if (p.lines.length > MAX_REPLY_LINES) return this.fail(out, `multi-line reply longer than ${MAX_REPLY_LINES} lines`);
      if (!more) {
        out.push({ ok: true, reply: { code: p.code, lines: p.lines } });
        this.pending = undefined;
      }
    }
  }

  private fail(out: ReplyResult[], reason: string): ReplyResult[] {
    this.failed = true;
    this.buffer = '';
    this.pending = undefined;
    out.push({ ok: false, reason });
    return out;
  }
}

/** Parses replies from a complete text (for tests and transcripts). */
export function parseReplies(text: string): ReplyResult[] {
  return new ReplyParser().feed(text);
}

/**
 * The extension keywords an EHLO reply advertises (RFC 5321 §4.1.1.1: every line after the
 * first is `keyword [params]`), upper-cased.
 */
export function ehloKeywords(reply: SmtpReply): Set<string> {
  const out = new Set<string>();
  for (const line of reply.lines.slice(1)) {
    const kw = line.trim().split(/\s+/)[0];
    if (kw) out.add(kw.toUpperCase());
  }
  return out;
}

/** A reply as the lines a server sent, for transcripts: `250-a`, `250 b`. */
export function formatReply(reply: SmtpReply): string[] {
  return reply.lines.map((l, i) => `${reply.code}${i === reply.lines.length - 1 ? ' ' : '-'}${l}`);
}
