import type { Bitrix24Failure } from './failure';
import type { FailureCategory } from './failure-meaning';

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
