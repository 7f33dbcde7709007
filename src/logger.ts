import pino, { type DestinationStream, type Logger } from 'pino';

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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const logger = pino(
    { level, redact: { paths: REDACTED_PATHS, censor: CENSOR }, formatters: { log: censorSecretKeys } },
    // Synchronous: a line costs one write(2) and none is lost if the process dies. pino's default
    // (asynchronous, unbuffered) sends every line through the thread pool, which costs more than the write,
    // on a line per Bitrix24 call. The price: a stdout pipe nobody reads stalls the gateway (where the
    // asynchronous default would buffer without bound), so the log collector must keep reading.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // pino passes a child's bindings through no formatter; every child inherits this `child` from the root.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, censorSecretKeys(bindings), options);
  } as Logger['child'];
  return logger;
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
