import { ERROR_CATALOGUE, type ErrorCode } from '../errors/error-catalogue';

/** The refusals answered before GraphQL runs, by code: each one's message says what to fix. */
const REFUSAL_MESSAGES = {
  PAYLOAD_TOO_LARGE: (bodyLimit: number) => `The request body exceeds the limit of ${bodyLimit} bytes`,
  UNSUPPORTED_MEDIA_TYPE: () => 'Send GraphQL requests as application/json',
  API_KEY_REQUIRED: () => 'Send a valid gateway API key in the X-API-Key header',
  BAD_REQUEST: (message = 'Bad request') => message,
  INTERNAL_SERVER_ERROR: () => 'Internal server error',
} satisfies Partial<Record<ErrorCode, (...args: never[]) => string>>;

type RefusalCode = keyof typeof REFUSAL_MESSAGES;

/**
 * A request refused before GraphQL ran: its HTTP status from the catalogue and a body shaped like any GraphQL
 * error response, so clients parse one format.
 */
export function refusal<Code extends RefusalCode>(
  code: Code,
  ...args: Parameters<(typeof REFUSAL_MESSAGES)[Code]>
): { status: number; body: { errors: [object] } } {
  const message = (REFUSAL_MESSAGES[code] as (...values: unknown[]) => string)(...args);
  const status = code === 'INTERNAL_SERVER_ERROR' ? 500 : ERROR_CATALOGUE[code].status;
  return { status, body: { errors: [{ message, extensions: { code } }] } };
}
