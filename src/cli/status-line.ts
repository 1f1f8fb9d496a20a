/**
 * The status line: while a command runs, says on stderr what it has been waiting for longer than a
 * second (a DNS answer, an SMTP server), so that a silent server is not ten silent seconds (issue
 * #15 item 7). It watches the library's start and end messages (src/diagnostics.ts), redraws one
 * line (`CR`, erase line) a few times a second, and erases it when the command is done, so the
 * command's own output is untouched.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { DIAGNOSTICS_CHANNELS, type DnsQueryMessage, type DnsQueryStartMessage, type SmtpSessionMessage, type SmtpSessionStartMessage } from '../diagnostics.ts';
import { rrTypeToString } from '../dns/iana/rr-types.ts';
import { statusText, type StatusOutput } from './terminal.ts';

export interface StatusLineOptions {
  /** How long a step runs before it is shown (ms). */
  readonly afterMs?: number;
  /** How often the line is redrawn (ms). */
  readonly everyMs?: number;
  readonly now?: () => number;
}

const ERASE = '\r\x1b[2K';

/** Runs `run` with a status line on `out` (none when `out` is undefined). */
export async function withStatusLine<T>(out: StatusOutput | undefined, run: () => Promise<T>, o: StatusLineOptions = {}): Promise<T> {
  if (!out) return run();
  const afterMs = o.afterMs ?? 1000;
  const now = o.now ?? Date.now;
  // What is in flight, by key, with a count (the same question may be asked twice at once).
  const waiting = new Map<string, { what: string; since: number; count: number }>();
  const start = (key: string, what: string) => {
    const w = waiting.get(key);
    if (w) w.count++;
    else waiting.set(key, { what, since: now(), count: 1 });
  };
  const end = (key: string) => {
    const w = waiting.get(key);
    if (w && --w.count === 0) waiting.delete(key);
  };
  const dnsKey = (m: { name: string; type: number }) => `dns ${m.name.toLowerCase()} ${m.type}`;
  const smtpKey = (m: { address: string; port: number }) => `smtp ${m.address} ${m.port}`;
  const handlers: [string, (m: unknown) => void][] = [
    [DIAGNOSTICS_CHANNELS.dnsQueryStart, (m) => start(dnsKey(m as DnsQueryStartMessage), `DNS answer for ${(m as DnsQueryStartMessage).name} ${rrTypeToString((m as DnsQueryStartMessage).type)}`)],
    [DIAGNOSTICS_CHANNELS.dnsQuery, (m) => end(dnsKey(m as DnsQueryMessage))],
    [DIAGNOSTICS_CHANNELS.smtpSessionStart, (m) => {
      const s = m as SmtpSessionStartMessage;
      start(smtpKey(s), `SMTP server ${s.servername} at ${s.address.includes(':') ? `[${s.address}]` : s.address}:${s.port}`);
    }],
    [DIAGNOSTICS_CHANNELS.smtpSession, (m) => end(smtpKey(m as SmtpSessionMessage))],
  ];
  for (const [name, h] of handlers) subscribe(name, h);
  let shown = false;
  const draw = () => {
    const t = now();
    const slow = [...waiting.values()].filter((w) => t - w.since >= afterMs).sort((a, b) => a.since - b.since);
    if (slow.length === 0) {
      if (shown) out.write(ERASE);
      shown = false;
      return;
    }
    const first = slow[0]!;
    const more = slow.length > 1 ? ` (and ${slow.length - 1} more)` : '';
    out.write(ERASE + statusText(`waiting ${((t - first.since) / 1000).toFixed(1)} s for the ${first.what}${more}`, out.columns));
    shown = true;
  };
  const timer = setInterval(draw, o.everyMs ?? 250);
  timer.unref();
  try {
    return await run();
  } finally {
    clearInterval(timer);
    for (const [name, h] of handlers) unsubscribe(name, h);
    if (shown) out.write(ERASE);
  }
}
