import type { Logger } from 'pino';
import type { AttemptOutcome } from './attempt-outcome';
import type { Bitrix24Target } from './bitrix24-target';
import type { FailureMeaning } from './failure-meaning';
import type { Bitrix24Method } from './method';

export interface CallOptions {
  /** Absolute time (ms since epoch) by which all attempts, waits included, must be done. */
  readonly deadline: number;
  /** The request's logger, so every line carries its request id. */
  readonly log: Logger;
}

/** One command on its way: what the retry loop, the limiter, the batches and the log need to know about it. */
export interface Call {
  readonly target: Bitrix24Target;
  readonly method: Bitrix24Method<never>;
  readonly params: object;
  readonly idempotent: boolean;
  readonly options: CallOptions;
  /** Requests sent or tried for it so far. */
  attempts: number;
}

/** What one attempt of a call produced, with its meaning when it failed. */
export interface Judged {
  readonly outcome: AttemptOutcome;
  readonly meaning?: FailureMeaning;
}
