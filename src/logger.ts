import pino, { type DestinationStream, type Logger } from 'pino';

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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } }, destination);
}
