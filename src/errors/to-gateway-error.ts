import type { Bitrix24CallError, Bitrix24Failure } from '../bitrix24/bitrix24-call-error';
import type { ErrorMapping } from './bitrix24-error-table';
import {
  ForbiddenError,
  RateLimitedError,
  UnauthenticatedError,
  UpstreamError,
  UpstreamTimeoutError,
  type GatewayError,
  type UpstreamDetails,
} from './gateway-errors';

/**
 * Builds the client-facing error for a table entry, carrying Bitrix24's own error body when there was one.
 * An earlier attempt that may have been applied makes the outcome UNKNOWN, whatever the last one proved.
 */
export function toGatewayError(mapping: ErrorMapping, { failure, history }: Bitrix24CallError): GatewayError {
  const details: UpstreamDetails = {
    outcome: history.earlierAttemptMayHaveApplied ? 'UNKNOWN' : mapping.outcome,
    ...(failure.kind === 'error-response'
      ? { bitrix24: { error: failure.code, error_description: failure.description } }
      : {}),
  };
  switch (mapping.error) {
    case 'UNAUTHENTICATED':
      return new UnauthenticatedError(mapping.message, details);
    case 'FORBIDDEN':
      return new ForbiddenError(mapping.message, details);
    case 'RATE_LIMITED':
      return new RateLimitedError(mapping.message, {
        ...details,
        retryAfter: retryAfterOf(mapping, failure),
      });
    case 'UPSTREAM_TIMEOUT':
      return new UpstreamTimeoutError(mapping.message, details);
    case 'UPSTREAM_ERROR':
      return new UpstreamError(mapping.message, details);
  }
}

function retryAfterOf(mapping: ErrorMapping, failure: Bitrix24Failure): number {
  const hinted =
    failure.kind === 'error-response' || failure.kind === 'throttled' ? failure.retryAfterSec : undefined;
  return hinted ?? mapping.retryAfter ?? 1;
}
