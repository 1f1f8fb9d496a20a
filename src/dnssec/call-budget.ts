/**
 * The budget of one whole call (`verifyDane`, `resolveDanePolicy`): what a stranger's domain may
 * cost us across all its lookups and SMTP sessions together, where {@link ValidatorLimits} bound
 * one lookup. Without it, one call could make 1 + 10 hosts x 5 lookups of up to 48 queries and 64
 * signature checks each, and up to 100 SMTP sessions, and take minutes (issue #12).
 *
 * Running out is a temporary failure with a reason naming the bound (`budget-exhausted`): the
 * lookups it stops are `indeterminate`, the hosts it stops are `error` (defer, exit 3), never a
 * verdict about DANE. Certificate parsing is charged by the octets received (each distinct
 * certificate is read once per call, dane/match.ts).
 */
import { outOfRange } from '../misuse.ts';
import { setMaxListeners } from 'node:events';
import type { Reason } from './status.ts';
import { EDE } from './status.ts';

/** The bounds of one call. */
export interface CallBudgetLimits {
  /** Wall time of the whole call, in ms. */
  readonly deadlineMs: number;
  /** DNS queries sent upstream, all lookups together. */
  readonly maxQueries: number;
  /** DNSSEC signature verifications, all lookups together. */
  readonly maxSignatureChecks: number;
  /**
   * NSEC3 hash work, all proofs together, in SHA-1 computations (iterations + 1 per hash): one
   * proof may spend NSEC3_MAX_HASH_WORK (129 x 151, ~50-70 ms here); the default allows ten such.
   */
  readonly maxNsec3HashWork: number;
  /** SMTP sessions opened, all hosts and addresses together (Postfix: smtp_mx_address_limit = 5). */
  readonly maxSmtpSessions: number;
  /** SMTP sessions open at the same time. */
  readonly maxConcurrentSmtpSessions: number;
  /** Octets of certificates received from SMTP servers and matched. */
  readonly maxCertificateBytes: number;
}

/**
 * Defaults: ample for real domains (a signed domain with two MX hosts needs ~15-25 queries and
 * ~20 signature checks; ten hosts with CNAMEs a few hundred), far below what one call could cost.
 */
export const DEFAULT_CALL_BUDGET: CallBudgetLimits = Object.freeze({
  deadlineMs: 120_000,
  maxQueries: 400,
  maxSignatureChecks: 1_000,
  maxNsec3HashWork: 200_000,
  maxSmtpSessions: 20,
  maxConcurrentSmtpSessions: 5,
  maxCertificateBytes: 2 * 1024 * 1024,
});

/** The most milliseconds a deadline may be (an hour: anything longer is a mistake). */
const MAX_DEADLINE_MS = 3_600_000;

type Counted = 'queries' | 'signatureChecks' | 'nsec3HashWork' | 'smtpSessions' | 'certificateBytes';
const LIMIT_OF: Record<Counted, keyof CallBudgetLimits> = {
  queries: 'maxQueries',
  signatureChecks: 'maxSignatureChecks',
  nsec3HashWork: 'maxNsec3HashWork',
  smtpSessions: 'maxSmtpSessions',
  certificateBytes: 'maxCertificateBytes',
};

/** What a call used, and the bound that stopped it, if one did: the result's `budget`. */
export interface BudgetReport {
  readonly limits: CallBudgetLimits;
  readonly used: Readonly<Record<Counted, number>> & { readonly elapsedMs: number };
  /** The first bound reached, with what was being done then. */
  readonly exhausted?: { readonly bound: keyof CallBudgetLimits; readonly detail: string };
}

/** Thrown inside a lookup or session when the call's budget runs out; turned into a temporary failure. */
export class BudgetExhausted extends Error {
  override readonly name = 'BudgetExhausted';
  constructor(readonly reason: Reason) {
    super(reason.text);
  }
}

/** One call's budget, shared by its lookups and sessions. */
export class CallBudget {
  readonly limits: CallBudgetLimits;
  private readonly started = performance.now();
  private readonly callerSignal: AbortSignal | undefined;
  private deadline: AbortSignal | undefined;
  private combined: AbortSignal | undefined;
  private readonly used: Record<Counted, number> = { queries: 0, signatureChecks: 0, nsec3HashWork: 0, smtpSessions: 0, certificateBytes: 0 };
  private exhausted: BudgetReport['exhausted'];
  private openSessions = 0;
  private readonly waiting: (() => void)[] = [];

  /** @throws RangeError for a limit that is not a positive whole number (caller misuse) */
  constructor(limits?: Partial<CallBudgetLimits>, callerSignal?: AbortSignal) {
    this.callerSignal = callerSignal;
    if (limits === undefined) {
      this.limits = DEFAULT_CALL_BUDGET; // frozen, and known good: nothing to build or check per call
      return;
    }
    this.limits = Object.freeze({ ...DEFAULT_CALL_BUDGET, ...limits });
    for (const [k, v] of Object.entries(this.limits)) {
      if (!Number.isInteger(v) || v < 1) throw outOfRange(`expected budget.${k} as a whole number of at least 1, got ${v}`);
    }
    if (this.limits.deadlineMs > MAX_DEADLINE_MS) throw outOfRange(`expected budget.deadlineMs of at most ${MAX_DEADLINE_MS}, got ${this.limits.deadlineMs}`);
  }

  /**
   * Fires at the deadline or when the caller's signal does. Made when first asked for (by the first
   * question sent or session opened): a call answered from caches sets no timer at all.
   */
  get signal(): AbortSignal {
    if (!this.combined) {
      const left = Math.ceil(this.limits.deadlineMs - (performance.now() - this.started));
      this.deadline = left > 0 ? AbortSignal.timeout(left) : AbortSignal.abort(new DOMException('The call reached its deadline', 'TimeoutError'));
      this.combined = this.callerSignal ? AbortSignal.any([this.deadline, this.callerSignal]) : this.deadline;
      // Every pending query and session of the call listens on this one signal (each removes its
      // listener when it ends): ten hosts' lookups at once pass Node's default warning threshold of 10.
      setMaxListeners(0, this.combined);
    }
    return this.combined;
  }

  /** Whether the deadline has passed (rather than the caller having aborted). */
  get pastDeadline(): boolean {
    return this.deadline?.aborted === true || performance.now() - this.started >= this.limits.deadlineMs;
  }

  /** Whether work under this budget must stop: the deadline passed or the caller aborted. */
  get aborted(): boolean {
    return this.callerSignal?.aborted === true || this.pastDeadline;
  }

  /** The reason to give for work stopped by this budget (the first bound reached), or undefined while none is. */
  get exhaustedReason(): Reason | undefined {
    if (!this.exhausted && this.pastDeadline) this.exhausted = { bound: 'deadlineMs', detail: `the call took longer than ${this.limits.deadlineMs} ms` };
    return this.exhausted ? reasonOf(this.exhausted) : undefined;
  }

  /**
   * Counts `n` of `what` against its bound.
   * @throws BudgetExhausted when the bound would be passed (or the deadline has passed)
   */
  charge(what: Counted, n: number, doing: string): void {
    // Past the deadline nothing more is done; a bound used up stops only more of the same (a
    // session already granted still has its certificates matched when the session count runs out).
    if (this.pastDeadline) throw new BudgetExhausted(this.exhaustedReason!);
    const limit = this.limits[LIMIT_OF[what]];
    if (this.used[what] + n > limit) {
      const e = { bound: LIMIT_OF[what], detail: `${limit} ${what} used up, next was ${doing}` };
      this.exhausted ??= e;
      throw new BudgetExhausted(reasonOf(e));
    }
    this.used[what] += n;
  }

  /**
   * Counts up to `wanted` SMTP sessions against {@link CallBudgetLimits.maxSmtpSessions} at once, so
   * that the caller can share them out before opening any; fewer are granted when fewer are left,
   * and the bound is then recorded as reached, with `reason` to give for what gets none.
   * @throws BudgetExhausted when the deadline has passed
   */
  reserveSessions(wanted: number, doing: string): { readonly granted: number; readonly reason?: Reason } {
    if (this.pastDeadline) throw new BudgetExhausted(this.exhaustedReason!);
    const granted = Math.min(wanted, this.limits.maxSmtpSessions - this.used.smtpSessions);
    this.used.smtpSessions += granted;
    if (granted === wanted) return { granted };
    const e = { bound: 'maxSmtpSessions' as const, detail: `${this.limits.maxSmtpSessions} smtpSessions for ${wanted} wanted (${doing})` };
    this.exhausted ??= e;
    return { granted, reason: reasonOf(e) };
  }

  /**
   * Runs `run` holding one SMTP session slot ({@link openSession}), released when it settles; when
   * the budget refuses a slot (deadline or session count), returns `refused(reason)` instead.
   */
  async inSession<T>(run: () => Promise<T>, refused: (reason: string) => T): Promise<T> {
    let release: () => void;
    try {
      release = await this.openSession();
    } catch (e) {
      if (e instanceof BudgetExhausted) return refused(e.reason.text);
      throw e;
    }
    try {
      return await run();
    } finally {
      release();
    }
  }

  /**
   * Waits for one of {@link CallBudgetLimits.maxConcurrentSmtpSessions} places for a session
   * counted by {@link reserveSessions}; call the returned function when it ends.
   * @throws BudgetExhausted when the deadline passes (or the caller aborts) while waiting
   */
  async openSession(): Promise<() => void> {
    if (this.pastDeadline) throw new BudgetExhausted(this.exhaustedReason!);
    while (this.openSessions >= this.limits.maxConcurrentSmtpSessions) {
      await new Promise<void>((resolve) => {
        const go = () => {
          this.signal.removeEventListener('abort', go);
          // Woken by an abort, it must not stay queued and take a later release meant for another.
          const at = this.waiting.indexOf(go);
          if (at >= 0) this.waiting.splice(at, 1);
          resolve();
        };
        this.waiting.push(go);
        this.signal.addEventListener('abort', go, { once: true });
      });
      if (this.pastDeadline) throw new BudgetExhausted(this.exhaustedReason!);
      if (this.signal.aborted) throw new BudgetExhausted({ code: 'budget-exhausted', ede: EDE.DNSSEC_INDETERMINATE, text: 'aborted by the caller' });
    }
    this.openSessions++;
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.openSessions--;
      this.waiting.shift()?.();
    };
  }

  report(): BudgetReport {
    void this.exhaustedReason; // records a passed deadline
    return {
      limits: this.limits,
      used: { ...this.used, elapsedMs: Math.round(performance.now() - this.started) },
      ...(this.exhausted ? { exhausted: this.exhausted } : {}),
    };
  }
}

function reasonOf(e: NonNullable<BudgetReport['exhausted']>): Reason {
  return { code: 'budget-exhausted', ede: EDE.DNSSEC_INDETERMINATE, text: `budget ${e.bound} of this call exhausted: ${e.detail}` };
}
