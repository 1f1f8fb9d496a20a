/**
 * What the UDP and TCP transports share: the shape of one exchange's outcome and the tally of
 * datagrams or frames that arrived but were not the answer.
 *
 * Transports move bytes and trust nothing: every arriving message is offered to the caller's
 * `accept` function, which says whether it is the answer (and what it decodes to) or why it is
 * dropped. Nothing is accepted that `accept` did not accept.
 */
import type { ServerAddress } from './server-address.ts';

/** Why an arriving message was not taken as the answer. */
export type DropReason = 'wrong-source' | 'wrong-id' | 'wrong-question' | 'malformed' | 'not-a-response';

/** Counts of dropped messages by reason. */
export type DropCounts = Record<DropReason, number>;

/** A fresh, zeroed {@link DropCounts}. */
export function noDrops(): DropCounts {
  return { 'wrong-source': 0, 'wrong-id': 0, 'wrong-question': 0, malformed: 0, 'not-a-response': 0 };
}

/** Adds `b` into `a`. */
export function addDrops(a: DropCounts, b: DropCounts): void {
  for (const k of Object.keys(b) as DropReason[]) a[k] += b[k];
}

/** Total of a {@link DropCounts}. */
export function totalDrops(d: DropCounts): number {
  let n = 0;
  for (const k of Object.keys(d) as DropReason[]) n += d[k];
  return n;
}

/** "2 wrong-id, 1 malformed" (empty when nothing was dropped). */
export function describeDrops(d: DropCounts): string {
  return (Object.keys(d) as DropReason[])
    .filter((k) => d[k] > 0)
    .map((k) => `${d[k]} ${k}`)
    .join(', ');
}

/** The caller's verdict on one arriving message. */
export type Verdict<T> = { readonly accept: T } | { readonly drop: DropReason };

/** Decides whether arriving bytes are the answer. */
export type Acceptor<T> = (bytes: Uint8Array) => Verdict<T>;

/** Why an exchange produced no answer. */
export type ExchangeFailureCode = 'timeout' | 'network' | 'aborted';

/** The outcome of one query sent to one upstream over one transport. */
export type ExchangeOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly dropped: DropCounts }
  | { readonly ok: false; readonly code: ExchangeFailureCode; readonly reason: string; readonly dropped: DropCounts };

/** What every exchange is given. */
export interface ExchangeOptions<T> {
  readonly server: ServerAddress;
  /** The query in wire form. */
  readonly query: Uint8Array;
  readonly accept: Acceptor<T>;
  /** Time allowed for this exchange, from the call. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** The reason text of an aborted signal. */
export function abortReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  if (r instanceof Error) return r.message;
  return typeof r === 'string' ? r : 'aborted by the caller';
}
