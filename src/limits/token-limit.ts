import { GraphQLError, Lexer, TokenKind, type GraphQLFormattedError } from 'graphql';

/**
 * Whether a parse failure is graphql-js refusing the document for `maxTokens`: it stops at the first token past
 * the limit, so counting the tokens again, only on this failure path, tells that case from a syntax error
 * without reading the error's wording. Then the error reads like every other limit.
 */
export function tokenLimitError(error: unknown, maxTokens: number): GraphQLFormattedError | undefined {
  if (!(error instanceof GraphQLError) || !error.source || error.positions?.length !== 1) return undefined;
  const lexer = new Lexer(error.source);
  try {
    for (let count = 0; count <= maxTokens; count += 1) {
      if (lexer.advance().kind === TokenKind.EOF) return undefined;
    }
  } catch {
    return undefined; // A lexical error before the limit: the parser failed there, not at the limit.
  }
  if (lexer.token.start !== error.positions[0]) return undefined;
  return {
    message: `Token limit of ${maxTokens} exceeded.`,
    extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens', max: maxTokens },
  };
}
