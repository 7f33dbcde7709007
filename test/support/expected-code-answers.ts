import type { Bitrix24ErrorBody } from '../../src/errors/gateway-errors';
import { likeMessageError, unchangedLike } from './expected-outcomes';

type TopLevelCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'UPSTREAM_ERROR';
type Outcome = 'NOT_APPLIED' | 'UNKNOWN';

/** What likeMessage answers when Bitrix24 answers one error code to every attempt. */
export interface CodeAnswer {
  /** A top-level error with this `extensions.code`, message and retryAfter, or a member of the result union. */
  readonly answer:
    | { readonly code: TopLevelCode; readonly message: string; readonly retryAfter?: number }
    | { readonly typename: 'LikeUnchangedError' | 'MessageIdError' };
  readonly outcome: Outcome;
  /** Requests sent for PLUS (idempotent) and AUTO (a toggle) when two retries are allowed. */
  readonly sends: { readonly PLUS: number; readonly AUTO: number };
}

/** A code no gateway knows: what any future Bitrix24 code gets until it is added to the table. */
export const UNKNOWN_CODE = 'SOME_FUTURE_CODE';

const ONCE = { PLUS: 1, AUTO: 1 };

const error = (code: TopLevelCode, message: string, more: Partial<CodeAnswer> = {}): CodeAnswer => ({
  answer: { code, message },
  outcome: 'NOT_APPLIED',
  sends: ONCE,
  ...more,
});
const unauthenticated = (message: string) => error('UNAUTHENTICATED', message);
const forbidden = (message: string) => error('FORBIDDEN', message);
const upstream = (message: string) => error('UPSTREAM_ERROR', message);
// Bitrix24 may have acted before failing: PLUS is sent again, AUTO never, since a toggle repeated undoes itself.
const transient = (message: string) =>
  error('UPSTREAM_ERROR', message, { outcome: 'UNKNOWN', sends: { PLUS: 3, AUTO: 1 } });
const rateLimited = (message: string, retryAfter: number, sends = ONCE): CodeAnswer => ({
  answer: { code: 'RATE_LIMITED', message, retryAfter },
  outcome: 'NOT_APPLIED',
  sends,
});
const member = (typename: 'LikeUnchangedError' | 'MessageIdError'): CodeAnswer => ({
  answer: { typename },
  outcome: 'NOT_APPLIED',
  sends: ONCE,
});

/**
 * Every Bitrix24 code and its answer, written out from the public contract (the README's error table, the schema)
 * rather than read from src, so that a changed table in src fails a test.
 */
export const EXPECTED_BY_CODE: Readonly<Record<string, CodeAnswer>> = {
  NO_AUTH_FOUND: unauthenticated('Bitrix24 found no valid authorization in the request'),
  expired_token: unauthenticated('The access token has expired; refresh it and retry'),
  invalid_token: unauthenticated('Bitrix24 does not recognise the access token'),
  INVALID_CREDENTIALS: unauthenticated('Bitrix24 rejected the credentials'),
  wrong_client: unauthenticated('The access token was issued to another application'),
  authorization_error: unauthenticated('Bitrix24 could not authorize the request'),
  insufficient_scope: forbidden('The credentials lack the "im" scope'),
  ACCESS_DENIED: forbidden('Bitrix24 denied access to its REST API'),
  user_access_error: forbidden('The user has no access to this application'),
  WRONG_AUTH_TYPE: forbidden('This authorization type is not allowed for the method'),
  METHOD_CONFIRM_WAITING: forbidden('A portal administrator has not yet confirmed this method'),
  METHOD_CONFIRM_DENIED: forbidden('A portal administrator denied this method'),
  allowed_only_intranet_user: forbidden('Only intranet users may call this method'),
  PAYMENT_REQUIRED: forbidden('The portal plan does not include this method'),
  // Answered before the method runs, so even a toggle is sent again.
  QUERY_LIMIT_EXCEEDED: rateLimited('Bitrix24 request rate limit exceeded', 2, { PLUS: 3, AUTO: 3 }),
  OPERATION_TIME_LIMIT: rateLimited('Bitrix24 blocked the method after too much execution time', 60),
  OVERLOAD_LIMIT: rateLimited('Bitrix24 blocked the REST API for overload', 600),
  INTERNAL_SERVER_ERROR: transient('Bitrix24 reported an internal error'),
  ERROR_UNEXPECTED_ANSWER: transient('Bitrix24 reported an unexpected answer'),
  PORTAL_DELETED: upstream('The Bitrix24 portal was deleted'),
  ERROR_METHOD_NOT_FOUND: upstream('The Bitrix24 portal does not offer this method'),
  INVALID_REQUEST: upstream('Bitrix24 rejected the request as invalid'),
  ERROR_ARGUMENT: upstream('Bitrix24 rejected an argument'),
  ERROR_BATCH_LENGTH_EXCEEDED: upstream('Bitrix24 rejected the batch as too long'),
  ERROR_BATCH_METHOD_NOT_ALLOWED: upstream('Bitrix24 does not allow this method in a batch'),
  // im.message.like's own refusals: members of the result union, not errors.
  WITHOUT_CHANGES: member('LikeUnchangedError'),
  MESSAGE_ID_ERROR: member('MessageIdError'),
  PARAMS_ERROR: member('MessageIdError'),
  [UNKNOWN_CODE]: error('UPSTREAM_ERROR', 'Bitrix24 answered with an error the gateway does not know', {
    outcome: 'UNKNOWN',
  }),
};

/** The expectation for `code`; a code without one fails the test that meets it, naming it. */
export function expectationOf(code: string): CodeAnswer {
  const expected = EXPECTED_BY_CODE[code];
  if (!expected) throw new Error(`no expected answer for the Bitrix24 code ${code}`);
  return expected;
}

/** The whole GraphQL result of the likeMessage operation when Bitrix24 answers `body` to every attempt. */
export function expectedCodeAnswer(
  body: Bitrix24ErrorBody,
  like: { readonly portal: string; readonly id: string; readonly action: string },
) {
  const { answer, outcome } = expectationOf(body.error);
  if ('typename' in answer) {
    const rejectedId = {
      __typename: answer.typename,
      code: 'MESSAGE_ID_ERROR',
      description: 'Bitrix24 rejected the message id',
    };
    const member =
      answer.typename === 'MessageIdError' ? rejectedId : unchangedLike(like.portal, like.id, like.action);
    return { data: { likeMessage: member } };
  }
  const { code, message, retryAfter } = answer;
  const hint = retryAfter === undefined ? {} : { retryAfter };
  return likeMessageError(message, { code, outcome, bitrix24: body, ...hint });
}
