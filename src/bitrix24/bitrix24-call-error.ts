/**
 * Why a call to Bitrix24 failed, as observed at the wire. It never carries the URL or a credential.
 * - `error-response`: Bitrix24 answered its error envelope (`code` is its `error` field).
 * - `bad-response`: an answer that is not a usable envelope (HTML, empty, truncated, unexpected shape, bare status).
 * - `redirect`: a 3xx answer, usually a portal that moved; never followed.
 * - `connect`: the connection could not be made, so the request provably never reached Bitrix24.
 * - `address-refused`: the portal's name resolved to a non-public address (`range`), so no connection was made.
 * - `network`: the connection broke after the request may have been sent.
 * - `timeout`: no complete answer within the deadline.
 * - `throttled`: the gateway itself held the call back (rate limiter, or a method Bitrix24 blocked for now).
 * - `circuit-open`: the portal kept failing, so the gateway is not calling it for a while.
 */
export type Bitrix24Failure =
  | { kind: 'error-response'; status: number; code: string; description: string; retryAfterSec?: number }
  | { kind: 'bad-response'; status: number; reason: string }
  | { kind: 'redirect'; status: number }
  | { kind: 'connect'; reason: string }
  | { kind: 'address-refused'; range: string }
  | { kind: 'network'; reason: string }
  | { kind: 'timeout'; phase: 'connect' | 'response' }
  | { kind: 'throttled'; reason: 'queue-full' | 'deadline' | 'operation-time-limit'; retryAfterSec: number }
  | { kind: 'circuit-open' };

/** What the attempts before the failing one may have done. */
export interface AttemptHistory {
  /** How many requests were sent or tried, the failing one included. */
  readonly attempts: number;
  /** An earlier attempt ended ambiguously (Bitrix24 may have applied it), so nothing can be ruled out. */
  readonly earlierAttemptMayHaveApplied: boolean;
}

const FIRST_ATTEMPT: AttemptHistory = { attempts: 1, earlierAttemptMayHaveApplied: false };

/** A failed call to a Bitrix24 REST method; the one error type the Bitrix24 client throws. */
export class Bitrix24CallError extends Error {
  override readonly name = 'Bitrix24CallError';

  constructor(
    readonly method: string,
    readonly portal: string,
    readonly failure: Bitrix24Failure,
    readonly history: AttemptHistory = FIRST_ATTEMPT,
  ) {
    super(`Bitrix24 ${method} on ${portal} failed: ${describe(failure)}`);
  }
}

function describe(failure: Bitrix24Failure): string {
  switch (failure.kind) {
    case 'error-response':
      return `${failure.code} (HTTP ${failure.status})`;
    case 'bad-response':
      return `${failure.reason} (HTTP ${failure.status})`;
    case 'redirect':
      return `redirect (HTTP ${failure.status})`;
    case 'connect':
    case 'network':
      return `${failure.kind} ${failure.reason}`;
    case 'address-refused':
      return `address refused (${failure.range})`;
    case 'timeout':
      return `timeout while waiting for ${failure.phase}`;
    case 'throttled':
      return `held back by the gateway (${failure.reason})`;
    case 'circuit-open':
      return 'circuit open after repeated failures';
  }
}
