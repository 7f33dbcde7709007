import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context';
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
 * shown only as INTERNAL_SERVER_ERROR with a generic message (and logged by unexpectedErrorLogging).
 */
export function maskUnexpectedErrors(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  // Apollo wraps what a validation rule reports in its own error and code: ours (operation limits) stays.
  if (original instanceof GraphQLError && original.originalError instanceof GatewayError) {
    return { ...formatted, extensions: { ...formatted.extensions, code: original.originalError.code } };
  }
  if (isArgumentError(original)) return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
  const overTokenLimit =
    formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted) : undefined;
  if (overTokenLimit) return overTokenLimit;
  if (isExpected(error, formatted.extensions?.code)) return formatted;
  return {
    message: 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Logs every unexpected error with its cause, through the request's logger so the line has its id. */
export function unexpectedErrorLogging(fallback: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const log = contextValue?.log ?? fallback;
          for (const error of errors) {
            if (isExpected(error, error.extensions.code)) continue;
            log.error(
              { err: unwrapResolverError(error), path: error.path },
              'unexpected error while executing an operation',
            );
          }
        },
      };
    },
  };
}

/** Our typed errors, Apollo's request errors and graphql-js's argument errors; anything else is a bug. */
function isExpected(error: unknown, code: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof GatewayError || isArgumentError(original)) return true;
  if (original instanceof GraphQLError && original.originalError instanceof GatewayError) return true;
  return original === error && typeof code === 'string' && REQUEST_ERROR_CODES.has(code);
}

// Raised by graphql-js itself (no code of ours or Apollo's): the caller's input, not a bug of the gateway.
function isArgumentError(error: unknown): boolean {
  return (
    error instanceof GraphQLError && error.extensions.code === undefined && ARGUMENT_ERROR.test(error.message)
  );
}
