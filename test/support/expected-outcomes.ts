/**
 * What each Bitrix24 code must become: [extensions.code, extensions.outcome, retryAfter], written out from the
 * public contract rather than read from the implementation's table, so that a changed table fails a test.
 */
export const EXPECTED_TOP_LEVEL: Readonly<
  Record<string, [code: string, outcome: string, retryAfter?: number]>
> = {
  NO_AUTH_FOUND: ['UNAUTHENTICATED', 'NOT_APPLIED'],
  expired_token: ['UNAUTHENTICATED', 'NOT_APPLIED'],
  invalid_token: ['UNAUTHENTICATED', 'NOT_APPLIED'],
  INVALID_CREDENTIALS: ['UNAUTHENTICATED', 'NOT_APPLIED'],
  wrong_client: ['UNAUTHENTICATED', 'NOT_APPLIED'],
  authorization_error: ['UNAUTHENTICATED', 'NOT_APPLIED'],
  insufficient_scope: ['FORBIDDEN', 'NOT_APPLIED'],
  ACCESS_DENIED: ['FORBIDDEN', 'NOT_APPLIED'],
  user_access_error: ['FORBIDDEN', 'NOT_APPLIED'],
  WRONG_AUTH_TYPE: ['FORBIDDEN', 'NOT_APPLIED'],
  METHOD_CONFIRM_WAITING: ['FORBIDDEN', 'NOT_APPLIED'],
  METHOD_CONFIRM_DENIED: ['FORBIDDEN', 'NOT_APPLIED'],
  allowed_only_intranet_user: ['FORBIDDEN', 'NOT_APPLIED'],
  PAYMENT_REQUIRED: ['FORBIDDEN', 'NOT_APPLIED'],
  QUERY_LIMIT_EXCEEDED: ['RATE_LIMITED', 'NOT_APPLIED', 2],
  OPERATION_TIME_LIMIT: ['RATE_LIMITED', 'NOT_APPLIED', 60],
  OVERLOAD_LIMIT: ['RATE_LIMITED', 'NOT_APPLIED', 600],
  INTERNAL_SERVER_ERROR: ['UPSTREAM_ERROR', 'UNKNOWN'],
  ERROR_UNEXPECTED_ANSWER: ['UPSTREAM_ERROR', 'UNKNOWN'],
  PORTAL_DELETED: ['UPSTREAM_ERROR', 'NOT_APPLIED'],
  ERROR_METHOD_NOT_FOUND: ['UPSTREAM_ERROR', 'NOT_APPLIED'],
  INVALID_REQUEST: ['UPSTREAM_ERROR', 'NOT_APPLIED'],
  ERROR_ARGUMENT: ['UPSTREAM_ERROR', 'NOT_APPLIED'],
  ERROR_BATCH_LENGTH_EXCEEDED: ['UPSTREAM_ERROR', 'NOT_APPLIED'],
  ERROR_BATCH_METHOD_NOT_ALLOWED: ['UPSTREAM_ERROR', 'NOT_APPLIED'],
  SOME_FUTURE_CODE: ['UPSTREAM_ERROR', 'UNKNOWN'],
};

/** Codes that are part of the likeMessage result union rather than top-level errors. */
export const UNION_CODES = ['MESSAGE_ID_ERROR', 'PARAMS_ERROR', 'WITHOUT_CHANGES'];

/** The answer to PLUS on message `id` of an emulator (on 127.0.0.1, any port, unless told) not liked before. */
export function likedOnLocalEmulator(
  id: string,
  portal: unknown = expect.stringMatching(/^127\.0\.0\.1:\d+$/),
) {
  return {
    data: {
      likeMessage: {
        __typename: 'LikeMessageSuccess',
        liked: true,
        action: 'PLUS',
        message: { portal, id },
      },
    },
  };
}

/** The LikeUnchangedError a client's selection (schema/operations) reads, written out from the contract. */
export function unchangedLike<Action extends string>(portal: string, id: string, action: Action) {
  return {
    __typename: 'LikeUnchangedError' as const,
    action,
    message: { portal, id },
    code: 'WITHOUT_CHANGES',
    description:
      'Nothing changed: the like was already in that state, the caller has another reaction on the message, ' +
      'or the message does not exist or is not visible to the caller (Bitrix24 does not say which)',
  };
}
