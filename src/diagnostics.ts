/**
 * What dane-verify does, as `node:diagnostics_channel` messages (issue #14): an MTA or a service
 * subscribes to see each DNS question, each validated lookup, each SMTP session and each TLSA
 * match without wrapping our code. Nothing is built when no one subscribes.
 *
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * import { DIAGNOSTICS_CHANNELS } from 'dane-verify';
 * subscribe(DIAGNOSTICS_CHANNELS.lookup, (m) => log.debug(m));
 * ```
 */
import { channel } from 'node:diagnostics_channel';
import type { SecurityStatus } from './dnssec/status.ts';

/** The channel names. */
export const DIAGNOSTICS_CHANNELS = Object.freeze({
  /** A DNS question a lookup asked, after its answer or failure: {@link DnsQueryMessage}. */
  dnsQuery: 'dane-verify:dns-query',
  /** A validated lookup's result: {@link LookupMessage}. */
  lookup: 'dane-verify:lookup',
  /** An SMTP session's end: {@link SmtpSessionMessage}. */
  smtpSession: 'dane-verify:smtp-session',
  /** A TLSA match against a server's certificates: {@link MatchMessage}. */
  match: 'dane-verify:match',
  /** A DNS question about to be asked (its end is a `dnsQuery` message): {@link DnsQueryStartMessage}. */
  dnsQueryStart: 'dane-verify:dns-query-start',
  /** An SMTP session about to start (its end is an `smtpSession` message): {@link SmtpSessionStartMessage}. */
  smtpSessionStart: 'dane-verify:smtp-session-start',
});

/** Start messages let a watcher say what is being waited for (the CLI's status line on a terminal). */
export interface DnsQueryStartMessage {
  readonly name: string;
  readonly type: number;
}
export interface SmtpSessionStartMessage {
  readonly address: string;
  readonly port: number;
  readonly servername: string;
}

export interface DnsQueryMessage {
  readonly name: string;
  readonly type: number;
  readonly ok: boolean;
  /** Served from the stub resolver's cache. */
  readonly fromCache?: boolean;
  readonly reason?: string;
}
export interface LookupMessage {
  readonly name: string;
  readonly type: number;
  readonly status: SecurityStatus;
  readonly kind: string;
  readonly reason: string;
  /** Served from the validator's cache of proven answers. */
  readonly fromCache?: boolean;
}
export interface SmtpSessionMessage {
  readonly address: string;
  readonly port: number;
  readonly servername: string;
  readonly ok: boolean;
  readonly tlsVersion?: string;
  readonly failure?: string;
  readonly reason?: string;
}
export interface MatchMessage {
  readonly host: string;
  readonly address: string;
  readonly ok: boolean;
  readonly usage?: 'DANE-EE' | 'DANE-TA';
  readonly depth?: number;
  readonly code?: string;
  readonly reason: string;
}

const channels = {
  dnsQuery: channel(DIAGNOSTICS_CHANNELS.dnsQuery),
  lookup: channel(DIAGNOSTICS_CHANNELS.lookup),
  smtpSession: channel(DIAGNOSTICS_CHANNELS.smtpSession),
  match: channel(DIAGNOSTICS_CHANNELS.match),
  dnsQueryStart: channel(DIAGNOSTICS_CHANNELS.dnsQueryStart),
  smtpSessionStart: channel(DIAGNOSTICS_CHANNELS.smtpSessionStart),
};

/** The message type of each channel. */
interface Messages {
  dnsQuery: DnsQueryMessage;
  lookup: LookupMessage;
  smtpSession: SmtpSessionMessage;
  match: MatchMessage;
  dnsQueryStart: DnsQueryStartMessage;
  smtpSessionStart: SmtpSessionStartMessage;
}

/** Publishes the message `make` builds, only when the channel has subscribers. */
export function publish<K extends keyof typeof channels>(which: K, make: () => Messages[K]): void {
  const c = channels[which];
  if (c.hasSubscribers) c.publish(make());
}
