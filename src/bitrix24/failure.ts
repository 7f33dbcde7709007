/**
 * Why a request to Bitrix24, or one command in it, failed, as observed at the wire. Never carries the URL
 * or a credential.
 * - `error-response`: Bitrix24 answered its error envelope (`code` is its `error` field). `status` is the HTTP
 *   status when the error came alone; a command inside a `batch` answer has none.
 * - `bad-response`: an answer that is not a usable envelope (HTML, empty, truncated, unexpected shape, bare status).
 * - `redirect`: a 3xx answer, usually a portal that moved; never followed.
 * - `connect`: the connection could not be made, so the request provably never reached Bitrix24.
 * - `address-refused`: the portal's name resolved to a non-public address (`range`), so no connection was made.
 * - `network`: the connection broke after the request may have been sent.
 * - `timeout`: no complete answer within the deadline.
 * - `throttled`: the gateway itself held the call back (rate limiter, or a method Bitrix24 blocked for now).
 * - `circuit-open`: the portal kept failing, so the gateway is not calling it for a while.
 * - `not-run`: a command of a `batch` that Bitrix24 answered without running it (in neither result map).
 */
export type Bitrix24Failure =
  | { kind: 'error-response'; status?: number; code: string; description: string; retryAfterSec?: number }
  | { kind: 'bad-response'; status: number; reason: string }
  | { kind: 'redirect'; status: number }
  | { kind: 'connect'; reason: string }
  | { kind: 'address-refused'; range: string }
  | { kind: 'network'; reason: string }
  | { kind: 'timeout'; phase: 'connect' | 'response' }
  | { kind: 'throttled'; reason: ThrottleReason; retryAfterSec: number }
  | { kind: 'circuit-open' }
  | { kind: 'not-run' };

export type ThrottleReason = 'queue-full' | 'deadline' | 'operation-time-limit';
