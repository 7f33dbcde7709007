/**
 * What kind of trouble a failure is, for whoever shows it to a caller: the credentials were refused, they may
 * not do this, a limit was hit, no answer came in time, Bitrix24 failed, or the method itself declined (a
 * method's own refusal codes, which its feature turns into answers).
 */
export type FailureCategory = 'credentials' | 'permission' | 'rate' | 'timeout' | 'upstream' | 'refused';

/** What a failure means upstream. */
export interface FailureMeaning {
  readonly category: FailureCategory;
  /** NOT_APPLIED when Bitrix24 provably did nothing; UNKNOWN when it may have acted. */
  readonly outcome: 'NOT_APPLIED' | 'UNKNOWN';
  /** A passing state of Bitrix24 rather than of the request: an idempotent command may be sent again. */
  readonly transient: boolean;
  /** Bitrix24 provably did not run the request: any command may be sent again, a toggle included. */
  readonly notSent: boolean;
  /** Says the portal itself is unwell: counts towards opening its circuit. */
  readonly portalFailure: boolean;
  /** What the limiter learns: the shared bucket is full, or the method is blocked until its window resets. */
  readonly teaches?: 'bucket-full' | 'method-blocked';
  /** Seconds to wait when Bitrix24 gives no Retry-After: conservative, from how each limit drains. */
  readonly defaultRetryAfterSec?: number;
  /** What happened, in plain English; never quotes the request. */
  readonly explanation: string;
}

/** A meaning with the three flags false unless given. */
export type MeaningEntry = Omit<FailureMeaning, 'transient' | 'notSent' | 'portalFailure'> &
  Partial<FailureMeaning>;

const credentials = (explanation: string): MeaningEntry => ({
  category: 'credentials',
  outcome: 'NOT_APPLIED',
  explanation,
});
const permission = (explanation: string): MeaningEntry => ({
  category: 'permission',
  outcome: 'NOT_APPLIED',
  explanation,
});
const upstream = (outcome: FailureMeaning['outcome'], explanation: string): MeaningEntry => ({
  category: 'upstream',
  outcome,
  explanation,
});

/**
 * Every Bitrix24 error code the gateway knows (general codes, as any method may answer them), and what it
 * means. Codes are matched without regard to case, since Bitrix24 mixes OAuth's lower case with its own.
 */
const BY_CODE: Readonly<Record<string, MeaningEntry>> = {
  NO_AUTH_FOUND: credentials('Bitrix24 found no valid authorization in the request'),
  expired_token: credentials('The access token has expired; refresh it and retry'),
  invalid_token: credentials('Bitrix24 does not recognise the access token'),
  INVALID_CREDENTIALS: credentials('Bitrix24 rejected the credentials'),
  wrong_client: credentials('The access token was issued to another application'),
  authorization_error: credentials('Bitrix24 could not authorize the request'),

  insufficient_scope: permission('The credentials lack the "im" scope'),
  ACCESS_DENIED: permission('Bitrix24 denied access to its REST API'),
  user_access_error: permission('The user has no access to this application'),
  WRONG_AUTH_TYPE: permission('This authorization type is not allowed for the method'),
  METHOD_CONFIRM_WAITING: permission('A portal administrator has not yet confirmed this method'),
  METHOD_CONFIRM_DENIED: permission('A portal administrator denied this method'),
  allowed_only_intranet_user: permission('Only intranet users may call this method'),
  PAYMENT_REQUIRED: permission('The portal plan does not include this method'),

  // Answered before the method runs, so even a toggle may be sent again; the bucket drains 2 per second.
  QUERY_LIMIT_EXCEEDED: {
    category: 'rate',
    outcome: 'NOT_APPLIED',
    notSent: true,
    teaches: 'bucket-full',
    defaultRetryAfterSec: 2,
    explanation: 'Bitrix24 request rate limit exceeded',
  },
  OPERATION_TIME_LIMIT: {
    category: 'rate',
    outcome: 'NOT_APPLIED',
    teaches: 'method-blocked',
    defaultRetryAfterSec: 60,
    explanation: 'Bitrix24 blocked the method after too much execution time',
  },
  OVERLOAD_LIMIT: {
    category: 'rate',
    outcome: 'NOT_APPLIED',
    defaultRetryAfterSec: 600,
    explanation: 'Bitrix24 blocked the REST API for overload',
  },

  INTERNAL_SERVER_ERROR: {
    ...upstream('UNKNOWN', 'Bitrix24 reported an internal error'),
    transient: true,
    portalFailure: true,
  },
  ERROR_UNEXPECTED_ANSWER: {
    ...upstream('UNKNOWN', 'Bitrix24 reported an unexpected answer'),
    transient: true,
    portalFailure: true,
  },
  PORTAL_DELETED: upstream('NOT_APPLIED', 'The Bitrix24 portal was deleted'),
  ERROR_METHOD_NOT_FOUND: upstream('NOT_APPLIED', 'The Bitrix24 portal does not offer this method'),
  INVALID_REQUEST: upstream('NOT_APPLIED', 'Bitrix24 rejected the request as invalid'),
  ERROR_ARGUMENT: upstream('NOT_APPLIED', 'Bitrix24 rejected an argument'),
  ERROR_BATCH_LENGTH_EXCEEDED: upstream('NOT_APPLIED', 'Bitrix24 rejected the batch as too long'),
  ERROR_BATCH_METHOD_NOT_ALLOWED: upstream('NOT_APPLIED', 'Bitrix24 does not allow this method in a batch'),
};

export const completeMeaning = (entry: MeaningEntry): FailureMeaning => ({
  transient: false,
  notSent: false,
  portalFailure: false,
  ...entry,
});

const BY_LOWER_CASE = new Map(
  Object.entries(BY_CODE).map(([code, entry]) => [code.toLowerCase(), completeMeaning(entry)]),
);

const UNKNOWN_CODE = completeMeaning(
  upstream('UNKNOWN', 'Bitrix24 answered with an error the gateway does not know'),
);
const REFUSED = completeMeaning({
  category: 'refused',
  outcome: 'NOT_APPLIED',
  explanation: 'Bitrix24 declined the command and changed nothing',
});

/** The meaning of a Bitrix24 error code; `refusals` are the calling method's own "did nothing" codes. */
export function codeMeaning(code: string, refusals?: ReadonlySet<string>): FailureMeaning {
  if (refusals?.has(code.toUpperCase())) return REFUSED;
  return BY_LOWER_CASE.get(code.toLowerCase()) ?? UNKNOWN_CODE;
}

/** Every general code the gateway knows, e.g. to keep metric labels to a closed set. */
export const KNOWN_BITRIX24_CODES: readonly string[] = Object.keys(BY_CODE);
