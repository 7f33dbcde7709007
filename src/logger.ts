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
];
const CENSOR = '[REDACTED]';

/** Keys that hold a credential one level down in anything logged (a target, a config), whatever its name. */
const SECRET_KEYS = ['accessToken', 'restPath', 'basePath', 'webhook'];

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
  const logger = pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      formatters: { log: censorSecretKeys },
      hooks: { streamWrite: (line) => scrub(line, known) },
    },
    destination ?? bufferedStdout(),
  );
  // pino passes a child's bindings through no formatter; every child inherits this `child` from the root.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, censorSecretKeys(bindings), options);
  } as Logger['child'];
  return logger;
}

/**
 * Lines are gathered up to 4 KiB and written synchronously, at the latest 100 ms after the first of them, and
 * when the process exits: one write(2) for a couple dozen lines instead of one each (a line is logged per
 * Bitrix24 call, and the write was the larger part of its cost). pino's asynchronous default sends every write
 * through the thread pool, which costs more. The price: a stdout pipe nobody reads stalls the gateway, so the
 * log collector must keep reading, and a process killed with SIGKILL loses its last 100 ms of lines.
 */
function bufferedStdout(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: true, minLength: 4096, periodicFlush: 100 });
  process.on('exit', () => stream.flushSync());
  return stream;
}

// Every shape above contains one of these words, and most lines (a call's outcome, say) hold none: those are
// scanned once instead of once per shape.
const MAY_HOLD_A_SHAPE = /rest|bearer|auth|access_token/i;

/** Removes every known secret and anything shaped like a credential from one line of text. */
export function scrub(line: string, known: readonly string[] = []): string {
  const shaped = MAY_HOLD_A_SHAPE.test(line)
    ? SECRET_SHAPES.reduce((text, [shape, replacement]) => text.replace(shape, replacement), line)
    : line;
  return known.reduce(
    (text, secret) => (text.includes(secret) ? text.split(secret).join(CENSOR) : text),
    shaped,
  );
}

// What `*.accessToken`-style redact paths would do. pino applies those by copying and re-serialising every
// value of every line (a dozen µs a line, and the gateway logs a line per Bitrix24 call); this looks one level
// down for the few keys and copies only the objects that hold one.
function censorSecretKeys(object: Record<string, unknown>): Record<string, unknown> {
  let censored: Record<string, unknown> | undefined;
  for (const key in object) {
    const value = object[key];
    if (typeof value !== 'object' || value === null) continue;
    const found = SECRET_KEYS.filter((secret) => secret in value);
    if (found.length === 0) continue;
    censored ??= { ...object };
    censored[key] = { ...value, ...Object.fromEntries(found.map((secret) => [secret, CENSOR])) };
  }
  return censored ?? object;
}
