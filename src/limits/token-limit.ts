import type { GraphQLFormattedError } from 'graphql';

// How graphql-js words parse's `maxTokens` rejection (16.x says "more that"); Apollo reports GRAPHQL_PARSE_FAILED.
const TOKEN_LIMIT = /^Syntax Error: Document contains more (?:than|that) (\d+) tokens\. Parsing aborted\.$/;

/** The token limit's parse error as an OPERATION_LIMIT_EXCEEDED error, like every other limit; else undefined. */
export function tokenLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | undefined {
  const max = TOKEN_LIMIT.exec(formatted.message)?.[1];
  if (max === undefined) return undefined;
  return {
    message: `Token limit of ${max} exceeded.`,
    extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens', max: Number(max) },
  };
}
