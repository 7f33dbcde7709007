import type { Bitrix24Failure } from '../bitrix24/bitrix24-call-error';
import type { CallOutcome } from './gateway-errors';

/** A Bitrix24 answer that is part of the mutation's result union rather than an error. */
export type ResultMapping = { readonly result: 'MESSAGE_ID_ERROR' | 'LIKE_UNCHANGED' };

/** A Bitrix24 failure that becomes a top-level GraphQL error. */
export interface ErrorMapping {
  readonly error: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_ERROR';
  readonly outcome: CallOutcome;
  readonly message: string;
  /** Seconds to wait when Bitrix24 gives no Retry-After: conservative, from how each limit drains. */
  readonly retryAfter?: number;
}

export type FailureMapping = ResultMapping | ErrorMapping;

const credentialsRejected = (message: string): ErrorMapping => ({
  error: 'UNAUTHENTICATED',
  outcome: 'NOT_APPLIED',
  message,
});
const notAllowed = (message: string): ErrorMapping => ({
  error: 'FORBIDDEN',
  outcome: 'NOT_APPLIED',
  message,
});
const upstream = (outcome: CallOutcome, message: string): ErrorMapping => ({
  error: 'UPSTREAM_ERROR',
  outcome,
  message,
});
const limited = (retryAfter: number, message: string): ErrorMapping => ({
  error: 'RATE_LIMITED',
  outcome: 'NOT_APPLIED',
  message,
  retryAfter,
});

/**
 * THE table: every Bitrix24 error code the gateway knows, and what it becomes. Nothing else decides.
 * Codes are matched without regard to case, since Bitrix24 mixes OAuth's lower case with its own upper case.
 */
const BY_CODE: Readonly<Record<string, FailureMapping>> = {
  MESSAGE_ID_ERROR: { result: 'MESSAGE_ID_ERROR' },
  PARAMS_ERROR: { result: 'MESSAGE_ID_ERROR' }, // older im module builds
  WITHOUT_CHANGES: { result: 'LIKE_UNCHANGED' },

  NO_AUTH_FOUND: credentialsRejected('Bitrix24 found no valid authorization in the request'),
  expired_token: credentialsRejected('The access token has expired; refresh it and retry'),
  invalid_token: credentialsRejected('Bitrix24 does not recognise the access token'),
  INVALID_CREDENTIALS: credentialsRejected('Bitrix24 rejected the credentials'),
  wrong_client: credentialsRejected('The access token was issued to another application'),
  authorization_error: credentialsRejected('Bitrix24 could not authorize the request'),

  insufficient_scope: notAllowed('The credentials lack the "im" scope'),
  ACCESS_DENIED: notAllowed('Bitrix24 denied access to its REST API'),
  user_access_error: notAllowed('The user has no access to this application'),
  WRONG_AUTH_TYPE: notAllowed('This authorization type is not allowed for the method'),
  METHOD_CONFIRM_WAITING: notAllowed('A portal administrator has not yet confirmed this method'),
  METHOD_CONFIRM_DENIED: notAllowed('A portal administrator denied this method'),
  allowed_only_intranet_user: notAllowed('Only intranet users may call this method'),
  PAYMENT_REQUIRED: notAllowed('The portal plan does not include this method'),

  QUERY_LIMIT_EXCEEDED: limited(2, 'Bitrix24 request rate limit exceeded'),
  OPERATION_TIME_LIMIT: limited(60, 'Bitrix24 blocked the method after too much execution time'),
  OVERLOAD_LIMIT: limited(600, 'Bitrix24 blocked the REST API for overload'),

  INTERNAL_SERVER_ERROR: upstream('UNKNOWN', 'Bitrix24 reported an internal error'),
  ERROR_UNEXPECTED_ANSWER: upstream('UNKNOWN', 'Bitrix24 reported an unexpected answer'),
  PORTAL_DELETED: upstream('NOT_APPLIED', 'The Bitrix24 portal was deleted'),
  ERROR_METHOD_NOT_FOUND: upstream('NOT_APPLIED', 'The Bitrix24 portal does not offer this method'),
  INVALID_REQUEST: upstream('NOT_APPLIED', 'Bitrix24 rejected the request as invalid'),
  ERROR_ARGUMENT: upstream('NOT_APPLIED', 'Bitrix24 rejected an argument'),
  ERROR_BATCH_LENGTH_EXCEEDED: upstream('NOT_APPLIED', 'Bitrix24 rejected the batch as too long'),
  ERROR_BATCH_METHOD_NOT_ALLOWED: upstream('NOT_APPLIED', 'Bitrix24 does not allow this method in a batch'),
};

const UNKNOWN_CODE = upstream('UNKNOWN', 'Bitrix24 answered with an error the gateway does not know');

/** Failures without a Bitrix24 code, by what was observed on the wire. */
const BY_KIND: Readonly<
  Record<Exclude<Bitrix24Failure['kind'], 'error-response' | 'timeout'>, ErrorMapping>
> = {
  'bad-response': upstream('UNKNOWN', 'Bitrix24 answered with something other than a REST envelope'),
  redirect: upstream('NOT_APPLIED', 'Bitrix24 answered with a redirect; the portal may have moved'),
  connect: upstream('NOT_APPLIED', 'Bitrix24 could not be reached'),
  // Not FORBIDDEN: the caller may use this portal; its address is an operator's or DNS problem, and no retry helps.
  'address-refused': upstream(
    'NOT_APPLIED',
    'The Bitrix24 portal resolved to an address this gateway does not contact',
  ),
  network: upstream('UNKNOWN', 'The connection to Bitrix24 broke before it answered'),
  throttled: limited(
    1,
    'The gateway is holding calls to this Bitrix24 portal back to stay within its limits',
  ),
  'circuit-open': upstream(
    'NOT_APPLIED',
    'Bitrix24 keeps failing; the gateway is not calling it for a moment',
  ),
};

const TIMEOUT: Readonly<Record<'connect' | 'response', ErrorMapping>> = {
  connect: {
    error: 'UPSTREAM_TIMEOUT',
    outcome: 'NOT_APPLIED',
    message: 'Bitrix24 could not be reached in time',
  },
  response: { error: 'UPSTREAM_TIMEOUT', outcome: 'UNKNOWN', message: 'Bitrix24 did not answer in time' },
};

// A moved portal answers 301/302/307/308 without running anything; 303 and others may follow work done.
const MOVED_STATUSES = new Set([301, 302, 307, 308]);
const SEE_OTHER = upstream('UNKNOWN', 'Bitrix24 answered with a redirect after the request');

const CODES_BY_LOWER_CASE = new Map(
  Object.entries(BY_CODE).map(([code, mapping]) => [code.toLowerCase(), mapping]),
);

/** Looks a Bitrix24 failure up in the table. */
export function mappingFor(failure: Bitrix24Failure): FailureMapping {
  switch (failure.kind) {
    case 'error-response':
      return CODES_BY_LOWER_CASE.get(failure.code.toLowerCase()) ?? UNKNOWN_CODE;
    case 'timeout':
      return TIMEOUT[failure.phase];
    case 'redirect':
      return MOVED_STATUSES.has(failure.status) ? BY_KIND.redirect : SEE_OTHER;
    default:
      return BY_KIND[failure.kind];
  }
}

/** Whether Bitrix24 may have acted on a call that failed this way (a result-union code proves it did not). */
export function outcomeOf(failure: Bitrix24Failure): CallOutcome {
  const mapping = mappingFor(failure);
  return 'outcome' in mapping ? mapping.outcome : 'NOT_APPLIED';
}

/** Every code the table names, for documentation and tests. */
export const KNOWN_BITRIX24_CODES: readonly string[] = Object.keys(BY_CODE);
