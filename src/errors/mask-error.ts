import { GraphQLError, Kind, type GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayContext } from '../context';
import { tokenLimitError } from '../limits/token-limit';
import { GatewayError } from './gateway-errors';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

const INTROSPECTION_OFF =
  'Introspection (__schema, __type) is off on this gateway: GRAPHQL_INTROSPECTION=true turns it on; ' +
  'it is off by default with NODE_ENV=production';

/**
 * graphql-yoga's rule: a GraphQLError whose `originalError` is absent or is itself a GraphQLError was raised on
 * purpose (by us, Apollo or graphql-js) and passes; anything else is a bug of ours. One refinement: an error
 * graphql-js raises while executing carries no code, and only those about an argument's value (located at the
 * value, not at a field) are the caller's; one located at a field comes from our resolvers' output, a bug.
 */
export function isUnexpected(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return true;
  if (error.originalError !== undefined && !(error.originalError instanceof GraphQLError)) return true;
  return error.extensions.code === undefined && !isInputError(error);
}

function isInputError(error: GraphQLError): boolean {
  const [node] = error.nodes ?? [];
  return node !== undefined && node.kind !== Kind.FIELD;
}

/**
 * Apollo's formatError: expected errors pass, anything else is shown only as INTERNAL_SERVER_ERROR with a
 * generic message (and logged by unexpectedErrorLogging). `maxTokens` tells the token limit's parse failure.
 */
export function maskingUnexpectedErrors(maxTokens: number): FormatError {
  return (formatted, error) => {
    if (isUnexpected(error)) return masked(formatted);
    const original = (error as GraphQLError).originalError;
    // Apollo wraps what a validation rule reports in its own error and code: ours (operation limits) stays.
    if (original instanceof GatewayError) {
      return { ...formatted, extensions: { ...formatted.extensions, code: original.code } };
    }
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_PARSE_FAILED') return tokenLimitError(error, maxTokens) ?? formatted;
    // Apollo's text tells a developer to change the server's code; here a variable decides.
    if (formatted.extensions?.validationErrorCode === 'INTROSPECTION_DISABLED') {
      return { ...formatted, message: INTROSPECTION_OFF };
    }
    // graphql-js's own input error (null-argument-check.ts refuses the known one sooner): no code of its own.
    if ((error as GraphQLError).extensions.code === undefined) {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
    }
    return formatted;
  };
}

function masked(formatted: GraphQLFormattedError): GraphQLFormattedError {
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
            if (!isUnexpected(error)) continue;
            log.error(
              { err: error.originalError ?? error, path: error.path },
              'unexpected error while executing an operation',
            );
          }
        },
      };
    },
  };
}
