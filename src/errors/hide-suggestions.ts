import type { GraphQLFormattedError } from 'graphql';

// graphql-js appends ` Did you mean "x"?` (or `... the enum value "X"?`) to validation and input errors.
const SUGGESTION = / ?Did you mean [^?]*\?/g;

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Drops field and value suggestions from error messages: with introspection off (production), they would
 * let a caller map the schema one guess at a time.
 */
export function hidingSuggestions(format: FormatError): FormatError {
  return (formatted, error) => {
    const result = format(formatted, error);
    return { ...result, message: result.message.replace(SUGGESTION, '') };
  };
}
