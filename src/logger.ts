import pino, { type DestinationStream, type Logger } from 'pino';
import type { Secret } from './secret';

/**
 * Credentials can only reach a log through these paths (request headers, a target or config object);
 * Secret values print as [REDACTED] anyway, this is the second belt.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["router-authorization"]',
  'req.headers["x-api-key"]',
  '*.accessToken',
  '*.restPath',
  '*.basePath',
  '*.webhook',
];

const CENSOR = '[REDACTED]';

/**
 * The third belt, for text nobody foresaw (an error message or stack quoting a URL, a request body):
 * applied to every finished line. A webhook code is the segment after /rest/USER_ID/; tokens follow
 * "Bearer" or an `auth` / `access_token` parameter.
 */
const SECRET_SHAPES: ReadonlyArray<[RegExp, string]> = [
  [/(\/rest\/\d{1,18}\/)[A-Za-z0-9_-]+/g, `$1${CENSOR}`],
  [/(%2Frest%2F\d{1,18}%2F)[A-Za-z0-9_-]+/gi, `$1${CENSOR}`],
  [/(Bearer\s+)[^\s"\\]+/gi, `$1${CENSOR}`],
  [
    /((?:\\?["'])?(?<!\w)(?:auth|access_token)(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)[^"'\\&\s,}]+/gi,
    `$1${CENSOR}`,
  ],
];

/** `secrets`: values known at start (webhook URL, API keys, router secret) removed verbatim from every line. */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  secrets: readonly Secret[] = [],
): Logger {
  // Verbatim, and as it reads inside a JSON string once quotes or backslashes are escaped.
  const known = secrets
    .map((secret) => secret.reveal())
    .filter((value) => value.length >= 8)
    .flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]);
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      hooks: { streamWrite: (line) => scrub(line, known) },
    },
    destination,
  );
}

/** Removes every known secret and anything shaped like a credential from one line of text. */
export function scrub(line: string, known: readonly string[] = []): string {
  const shaped = SECRET_SHAPES.reduce((text, [shape, replacement]) => text.replace(shape, replacement), line);
  return known.reduce((text, secret) => text.split(secret).join(CENSOR), shaped);
}
