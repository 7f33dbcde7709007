/** A request refused before GraphQL ran, shaped like any GraphQL error response so clients parse one format. */
export function graphqlErrorBody(message: string, code: string): { errors: [object] } {
  return { errors: [{ message, extensions: { code } }] };
}
