import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { tokenLimitError } from '../limits/token-limit';
import { GatewayError } from './gateway-errors';

// Errors Apollo Server raises itself about a bad request: typed, and safe to show as they are.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

// graphql-js rejecting an argument while executing, e.g. a variable sent as null for `action: LikeAction! = AUTO`.
const ARGUMENT_ERROR = /^Argument "\w+" (?:of (?:non-null|required) type|has invalid value)/;

/**
 * Apollo's formatError: our typed errors and Apollo's request errors pass; anything else is a bug of ours,
 * logged with its cause and shown only as INTERNAL_SERVER_ERROR with a generic message.
 */
export function maskUnexpectedErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GatewayError) return formatted;
    // Apollo wraps what a validation rule reports in its own error and code: ours (operation limits) stays.
    if (original instanceof GraphQLError && original.originalError instanceof GatewayError) {
      return { ...formatted, extensions: { ...formatted.extensions, code: original.originalError.code } };
    }
    if (isArgumentError(original)) return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
    const code = formatted.extensions?.code;
    const overTokenLimit = code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted) : undefined;
    if (overTokenLimit) return overTokenLimit;
    if (original === error && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error while executing an operation');
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

// Raised by graphql-js itself (no code of ours or Apollo's): the caller's input, not a bug of the gateway.
function isArgumentError(error: unknown): boolean {
  return (
    error instanceof GraphQLError && error.extensions.code === undefined && ARGUMENT_ERROR.test(error.message)
  );
}
