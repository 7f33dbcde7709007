/**
 * Bitrix24 error codes with the HTTP status and text the portal sends, taken from
 * shared/fixtures/bitrix24-envelopes.json. Where builds disagree on the status, the documented one is
 * used, except where the server source says otherwise (noted below).
 */
export const REST_ERRORS = {
  MESSAGE_ID_ERROR: { status: 400, description: "Message ID can't be empty" },
  WITHOUT_CHANGES: { status: 400, description: 'Action completed without changes' },
  PARAMS_ERROR: { status: 400, description: 'Incorrect params.' },
  QUERY_LIMIT_EXCEEDED: { status: 503, description: 'Too many requests' },
  OPERATION_TIME_LIMIT: { status: 429, description: 'Method is blocked due to operation time limit.' },
  OVERLOAD_LIMIT: { status: 503, description: 'REST API is blocked due to overload.' },
  NO_AUTH_FOUND: { status: 401, description: 'Wrong authorization data' },
  expired_token: { status: 401, description: 'The access token provided has expired' },
  invalid_token: { status: 401, description: 'The access token provided is invalid.' },
  // The docs table says 403, but the server throws it as an OAuthException, whose default status is 401.
  INVALID_CREDENTIALS: { status: 401, description: 'Invalid request credentials' },
  insufficient_scope: {
    status: 403,
    description: 'The request requires higher privileges than provided by the access token',
  },
  ACCESS_DENIED: { status: 403, description: 'REST API is available only on commercial plans' },
  user_access_error: { status: 403, description: 'The user does not have access to the application.' },
  WRONG_AUTH_TYPE: { status: 403, description: 'Current authorization type is denied for this method' },
  INVALID_REQUEST: { status: 400, description: 'Https required' },
  ERROR_METHOD_NOT_FOUND: { status: 404, description: 'Method not found!' },
  INTERNAL_SERVER_ERROR: { status: 500, description: 'Internal server error' },
  ERROR_UNEXPECTED_ANSWER: { status: 500, description: 'Server returned an unexpected response.' },
  PORTAL_DELETED: { status: 500, description: 'Portal was deleted' },
  ERROR_BATCH_LENGTH_EXCEEDED: { status: 400, description: 'Max batch length exceeded' },
  ERROR_BATCH_METHOD_NOT_ALLOWED: { status: 405, description: 'Method is not allowed for batch usage' },
} as const satisfies Record<string, { status: number; description: string }>;

export type RestErrorCode = keyof typeof REST_ERRORS;
