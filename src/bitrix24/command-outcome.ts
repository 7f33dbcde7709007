import type { AttemptOutcome } from './attempt-outcome';
import type { Call, Judged } from './call';
import type { Bitrix24Failure } from './failure';
import type { FailureCategory, FailureMeaning } from './failure-meaning';

/** A command Bitrix24 applied, with the `result` it answered. */
export interface CommandApplied {
  readonly ok: true;
  readonly result: unknown;
  /** Requests sent for it, the successful one included. */
  readonly attempts: number;
}

/** A command that failed, with what it means for the caller. Never carries the URL or a credential. */
export interface CommandFailed {
  readonly ok: false;
  readonly method: string;
  readonly portal: string;
  /** What the last attempt observed; for an `error-response`, Bitrix24's own code and description. */
  readonly failure: Bitrix24Failure;
  readonly category: FailureCategory;
  /** NOT_APPLIED only when no attempt may have been applied; an ambiguous earlier attempt makes it UNKNOWN. */
  readonly outcome: 'NOT_APPLIED' | 'UNKNOWN';
  /** Seconds to wait before trying again, for limits: Bitrix24's hint, the blocked window, or a default. */
  readonly retryAfterSec?: number;
  /** Requests sent or tried, the failing one included (0 when the gateway held the command back). */
  readonly attempts: number;
  /** What happened, in plain English. */
  readonly explanation: string;
}

export type CommandOutcome = CommandApplied | CommandFailed;

/** The failure a call ends with; an ambiguous earlier attempt makes its outcome UNKNOWN, whatever the last proved. */
export function commandFailed(
  call: Call,
  { outcome, meaning }: Judged,
  earlierMayHaveApplied: boolean,
): CommandFailed {
  const { failure } = outcome as Extract<AttemptOutcome, { ok: false }>;
  const { category, explanation, defaultRetryAfterSec } = meaning as FailureMeaning;
  const hinted =
    failure.kind === 'error-response' || failure.kind === 'throttled' ? failure.retryAfterSec : undefined;
  const retryAfterSec = hinted ?? defaultRetryAfterSec;
  return {
    ok: false,
    method: call.method.name,
    portal: call.target.portal,
    failure,
    category,
    outcome: earlierMayHaveApplied ? 'UNKNOWN' : (meaning as FailureMeaning).outcome,
    ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    attempts: call.attempts,
    explanation,
  };
}
