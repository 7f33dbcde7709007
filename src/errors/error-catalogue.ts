/** One client-facing error code: the HTTP status it comes with and when the gateway answers it. */
export interface CatalogueEntry {
  /** 200 for errors raised while executing (the response still holds `data`); else the refusal's status. */
  readonly status: number;
  readonly when: string;
}

/**
 * THE catalogue of every `extensions.code` the gateway answers. Error classes, the HTTP-level refusals, metric
 * labels and the README's tables derive from it; a code not listed here is never sent.
 */
export const ERROR_CATALOGUE = {
  UNAUTHENTICATED: {
    status: 200,
    when: 'no usable credentials, or Bitrix24 rejected them (401 for the router secret)',
  },
  FORBIDDEN: { status: 200, when: 'the credentials may not do this, or the portal is not allowed' },
  BAD_USER_INPUT: {
    status: 200,
    when: 'the request names no portal where several are allowed, or an argument is invalid',
  },
  RATE_LIMITED: { status: 200, when: 'Bitrix24, or the gateway on its behalf, refuses more calls for now' },
  UPSTREAM_TIMEOUT: { status: 200, when: 'Bitrix24 gave no complete answer in time' },
  UPSTREAM_ERROR: {
    status: 200,
    when: 'Bitrix24 failed, answered something unusable, or could not be reached',
  },
  INTERNAL_SERVER_ERROR: { status: 200, when: 'a bug in the gateway; the cause is logged on the server' },
  OPERATION_LIMIT_EXCEEDED: { status: 400, when: 'the operation exceeds a limit of the gateway' },
  PAYLOAD_TOO_LARGE: { status: 413, when: 'the request body is over GRAPHQL_MAX_BODY_BYTES' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, when: 'a POST body that is not JSON' },
  BAD_REQUEST: { status: 400, when: 'a request that is not a single GraphQL operation over HTTP' },
  API_KEY_REQUIRED: { status: 401, when: 'GATEWAY_API_KEYS is set and the request has no valid X-API-Key' },
  GRAPHQL_PARSE_FAILED: { status: 400, when: 'the document is not valid GraphQL' },
  GRAPHQL_VALIDATION_FAILED: { status: 400, when: 'the operation is not valid for this schema' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, when: 'operationName names no operation of the document' },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    when: 'an automatic persisted query hash the gateway has not seen',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as readonly ErrorCode[];

/** Whether a code is one the gateway answers, e.g. to keep metric labels to a closed set. */
export function isCatalogued(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CATALOGUE, code);
}
