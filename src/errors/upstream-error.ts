import type { CommandFailed } from '../bitrix24/command-outcome';
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
 * The client-facing error for a Bitrix24 command that failed, by the kind of trouble the client found:
 * it carries the outcome, Bitrix24's own error body when there was one, and for limits when to retry.
 */
export function upstreamError(failed: CommandFailed): GatewayError {
  const { failure, explanation } = failed;
  const details: UpstreamDetails = {
    outcome: failed.outcome,
    ...(failure.kind === 'error-response'
      ? { bitrix24: { error: failure.code, error_description: failure.description } }
      : {}),
  };
  switch (failed.category) {
    case 'credentials':
      return new UnauthenticatedError(explanation, details);
    case 'permission':
      return new ForbiddenError(explanation, details);
    case 'rate':
      return new RateLimitedError(explanation, { ...details, retryAfter: failed.retryAfterSec ?? 1 });
    case 'timeout':
      return new UpstreamTimeoutError(explanation, details);
    case 'upstream':
    case 'refused':
      return new UpstreamError(explanation, details);
  }
}
