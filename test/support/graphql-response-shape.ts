/** Checks that a response is what a GraphQL client can always parse; returns the problems found, if any. */
export function graphqlShapeProblems(status: number, text: string): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`status ${status}`);
  if (STACK_TRACE.test(text)) problems.push('a stack trace');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, 'a body that is not JSON'];
  }
  if (!isObject(body) || !('data' in body || 'errors' in body))
    return [...problems, 'neither data nor errors'];
  if ('data' in body && body.data !== null && !isObject(body.data))
    problems.push('data that is not an object');
  if ('errors' in body) {
    const errors = body.errors;
    if (!Array.isArray(errors) || errors.length === 0) return [...problems, 'errors that is not a list'];
    for (const error of errors) {
      if (!isObject(error) || typeof error.message !== 'string') problems.push('an error without a message');
      else if (!isObject(error.extensions) || typeof error.extensions.code !== 'string') {
        problems.push('an error without extensions.code');
      } else if (error.extensions.code === 'INTERNAL_SERVER_ERROR') problems.push('INTERNAL_SERVER_ERROR');
    }
  }
  return problems;
}

// "    at fn (file.js:1:2)", or a serialized stack / stacktrace field.
const STACK_TRACE = /\n\s+at \S|\.(?:ts|js):\d+:\d+|"stack(?:trace)?"/;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What Bitrix24 may be sent: the only forms the gateway ever forwards. */
export const FORWARDABLE_MESSAGE_ID = /^[1-9][0-9]{0,17}$/;
export const FORWARDABLE_ACTIONS = ['plus', 'minus', 'auto'];
