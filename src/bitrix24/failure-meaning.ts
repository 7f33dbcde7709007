import { codeMeaning, completeMeaning as meaning, type FailureMeaning } from './bitrix24-codes';
import type { Bitrix24Failure } from './failure';
import type { Bitrix24Method } from './method';

export type { FailureCategory, FailureMeaning } from './bitrix24-codes';

/** Failures without a Bitrix24 code, by what was observed on the wire. */
const BY_KIND = {
  'bad-response': meaning({
    category: 'upstream',
    outcome: 'UNKNOWN',
    transient: true,
    portalFailure: true,
    explanation: 'Bitrix24 answered with something other than a REST envelope',
  }),
  connect: meaning({
    category: 'upstream',
    outcome: 'NOT_APPLIED',
    notSent: true,
    portalFailure: true,
    explanation: 'Bitrix24 could not be reached',
  }),
  // Not a permission problem: the caller may use this portal; its address is an operator's or DNS problem.
  'address-refused': meaning({
    category: 'upstream',
    outcome: 'NOT_APPLIED',
    explanation:
      'The Bitrix24 portal resolved to a non-public address, which this gateway contacts only for hosts listed in BITRIX24_PRIVATE_HOSTS',
  }),
  network: meaning({
    category: 'upstream',
    outcome: 'UNKNOWN',
    transient: true,
    portalFailure: true,
    explanation: 'The connection to Bitrix24 broke before it answered',
  }),
  throttled: meaning({
    category: 'rate',
    outcome: 'NOT_APPLIED',
    defaultRetryAfterSec: 1,
    explanation: 'The gateway is holding calls to this Bitrix24 portal back to stay within its limits',
  }),
  'circuit-open': meaning({
    category: 'upstream',
    outcome: 'NOT_APPLIED',
    explanation: 'Bitrix24 keeps failing; the gateway is not calling it for a moment',
  }),
  // Bitrix24 skipped the command: safe to send again, whatever it is.
  'not-run': meaning({
    category: 'upstream',
    outcome: 'NOT_APPLIED',
    notSent: true,
    explanation: 'Bitrix24 did not run the command',
  }),
  'connect-timeout': meaning({
    category: 'timeout',
    outcome: 'NOT_APPLIED',
    notSent: true,
    portalFailure: true,
    explanation: 'Bitrix24 could not be reached in time',
  }),
  'response-timeout': meaning({
    category: 'timeout',
    outcome: 'UNKNOWN',
    transient: true,
    portalFailure: true,
    explanation: 'Bitrix24 did not answer in time',
  }),
  // A moved portal answers 301/302/307/308 without running anything; 303 and others may follow work done.
  moved: meaning({
    category: 'upstream',
    outcome: 'NOT_APPLIED',
    explanation: 'Bitrix24 answered with a redirect; the portal may have moved',
  }),
  'see-other': meaning({
    category: 'upstream',
    outcome: 'UNKNOWN',
    explanation: 'Bitrix24 answered with a redirect after the request',
  }),
} as const;

const MOVED_STATUSES = new Set([301, 302, 307, 308]);

/**
 * THE place that decides what a failure means upstream: whether it may have been applied, whether it may be
 * sent again, whether it counts against the portal's circuit and what it teaches the limiter. A method's own
 * refusal codes (e.g. WITHOUT_CHANGES) prove nothing was done.
 */
export function meaningOf(failure: Bitrix24Failure, method?: Bitrix24Method<never>): FailureMeaning {
  switch (failure.kind) {
    case 'error-response':
      return codeMeaning(failure.code, method?.refusals);
    case 'timeout':
      return failure.phase === 'connect' ? BY_KIND['connect-timeout'] : BY_KIND['response-timeout'];
    case 'redirect':
      return MOVED_STATUSES.has(failure.status) ? BY_KIND.moved : BY_KIND['see-other'];
    default:
      return BY_KIND[failure.kind];
  }
}

/**
 * Whether a failed attempt may be sent again. An idempotent command (PLUS, MINUS) may be repeated after any
 * transient failure, even one Bitrix24 may have applied. A toggle (AUTO) may be repeated only when the
 * attempt provably never took effect: the connection was never made, or Bitrix24 refused it for rate.
 */
export function mayRetry(meaning: FailureMeaning, idempotent: boolean): boolean {
  return meaning.notSent || (idempotent && meaning.transient);
}
