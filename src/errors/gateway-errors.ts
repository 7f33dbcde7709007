import { GraphQLError, type ASTNode } from 'graphql';
import type { ErrorCode } from './error-catalogue';

/**
 * Whether a Bitrix24 call that failed changed anything: `NOT_APPLIED` when the request provably never
 * reached Bitrix24 or its answer proves nothing was done, `UNKNOWN` otherwise (re-read before retrying).
 */
export type CallOutcome = 'NOT_APPLIED' | 'UNKNOWN';

/** The error object exactly as Bitrix24 sent it. */
export interface Bitrix24ErrorBody {
  readonly error: string;
  readonly error_description: string;
}

/** What every error raised after a Bitrix24 call was attempted tells the client. */
export interface UpstreamDetails {
  readonly outcome: CallOutcome;
  readonly bitrix24?: Bitrix24ErrorBody;
}

/** Base of every client-facing error the gateway raises on purpose; anything else is masked. */
export abstract class GatewayError extends GraphQLError {
  abstract readonly code: ErrorCode;
}

function defineError<Code extends ErrorCode, Extra extends object>(code: Code) {
  return class extends GatewayError {
    override readonly code = code;

    /** `nodes`: where in the document the error lies, for an error raised before execution. */
    constructor(message: string, extra?: Extra, nodes?: ASTNode | readonly ASTNode[]) {
      super(message, { extensions: { code, ...extra }, ...(nodes ? { nodes } : {}) });
    }
  };
}

/** No usable credentials, or Bitrix24 rejected them. */
export class UnauthenticatedError extends defineError<'UNAUTHENTICATED', Partial<UpstreamDetails>>(
  'UNAUTHENTICATED',
) {}

/** ROUTER_SECRET is set and the request's Router-Authorization header does not carry it. */
export class RouterUnauthenticatedError extends UnauthenticatedError {
  constructor() {
    super('This subgraph answers only its router: Router-Authorization is missing or wrong');
    // Raised before execution, so HTTP can say it: Apollo sends this status and drops `http` from the payload.
    this.extensions.http = { status: 401 };
  }
}

/** The credentials are valid but not allowed to do this, or the portal is not allowed. */
export class ForbiddenError extends defineError<'FORBIDDEN', Partial<UpstreamDetails>>('FORBIDDEN') {}

/** The request itself is incomplete, e.g. no portal named where several are allowed. */
export class BadUserInputError extends defineError<'BAD_USER_INPUT', object>('BAD_USER_INPUT') {}

/** Bitrix24 (or the gateway on its behalf) refuses more calls for now; retry after `retryAfter` seconds. */
export class RateLimitedError extends defineError<
  'RATE_LIMITED',
  Partial<UpstreamDetails> & { retryAfter: number }
>('RATE_LIMITED') {}

/** Bitrix24 gave no complete answer within the deadline. */
export class UpstreamTimeoutError extends defineError<'UPSTREAM_TIMEOUT', UpstreamDetails>(
  'UPSTREAM_TIMEOUT',
) {}

/** Bitrix24 failed, answered something unusable, or could not be reached. */
export class UpstreamError extends defineError<'UPSTREAM_ERROR', UpstreamDetails>('UPSTREAM_ERROR') {}

/** Which limit of src/limits/operation-limits.ts an operation exceeded. */
export type OperationLimitName = 'likeMessageFields' | 'aliases' | 'depth' | 'tokens' | 'cost' | 'directives';

/** The operation exceeds a limit of this gateway (`limit` says which, `max` its value); nothing was executed. */
export class OperationLimitError extends defineError<
  'OPERATION_LIMIT_EXCEEDED',
  { limit: OperationLimitName; max: number }
>('OPERATION_LIMIT_EXCEEDED') {}
