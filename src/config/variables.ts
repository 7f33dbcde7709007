import { list } from './values';

/** The environment as Node gives it. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * One environment variable: the setting it fills (a dotted path in the schema), how its text becomes the
 * setting's input, and whether most deployments set it (`main`) or only some (`advanced`, the README's second
 * table). Rules and defaults live in the schema alone.
 */
export interface Variable {
  readonly name: string;
  readonly path: string;
  readonly read: (text: string) => unknown;
  readonly group: 'main' | 'advanced';
  /** Read in lower case too, as is the custom for proxy variables. */
  readonly lowerCaseToo?: boolean;
}

const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** Text as the schema's input; a reader throws, naming what it expects, when the text cannot be one. */
function decimal(text: string, expected: string): number {
  if (!DECIMAL.test(text)) throw new Error(expected);
  return Number(text);
}
const number = (text: string): number => decimal(text, 'must be a decimal number');
const portOrOff = (text: string): number | null =>
  text === 'off' ? null : decimal(text, 'must be a port number, or off');
const text = (value: string): string => value;
function flag(value: string): boolean {
  if (value !== 'true' && value !== 'false') throw new Error('must be true or false');
  return value === 'true';
}
function onOff(value: string): boolean {
  const mode = value.toLowerCase();
  if (mode !== 'on' && mode !== 'off') throw new Error('must be on or off');
  return mode === 'on';
}

const inGroup =
  (group: Variable['group']) =>
  (name: string, path: string, read: Variable['read'] = text): Variable => ({ name, path, read, group });
const main = inGroup('main');
const advanced = inGroup('advanced');
const proxy = (name: string, path: string): Variable => ({ ...advanced(name, path), lowerCaseToo: true });
const limit = (name: string, field: string): Variable => advanced(name, `security.limits.${field}`, number);

/** Every variable the gateway reads, in the order the README lists them. */
export const GATEWAY_VARIABLES: readonly Variable[] = [
  main('PORT', 'http.port', number),
  main('LOG_LEVEL', 'logLevel'),
  main('NODE_ENV', 'production', (value) => value === 'production'),
  main('BITRIX24_WEBHOOK_URL', 'bitrix24.webhook'),
  main('BITRIX24_PORTALS', 'bitrix24.portals', list),
  main('GATEWAY_API_KEYS', 'security.apiKeys', list),
  main('CORS_ORIGINS', 'security.corsOrigins', list),
  main('ROUTER_SECRET', 'security.routerSecret'),
  main('REDIS_URL', 'redis.redisUrl'),
  main('BITRIX24_REPLICAS', 'redis.replicas', number),
  advanced('HOST', 'http.host'),
  advanced('BITRIX24_PRIVATE_HOSTS', 'bitrix24.privateHosts', list),
  advanced('BITRIX24_TIMEOUT_MS', 'bitrix24.timeoutMs', number),
  advanced('BITRIX24_EMULATOR', 'bitrix24.useEmulator', flag),
  advanced('GRAPHQL_PLAYGROUND', 'http.playground', flag),
  advanced('GRAPHQL_INTROSPECTION', 'http.introspection', flag),
  limit('GRAPHQL_MAX_LIKE_MESSAGE_FIELDS', 'likeMessageFields'),
  limit('GRAPHQL_MAX_LIKES_PER_OPERATION', 'likes'),
  limit('GRAPHQL_MAX_ALIASES', 'aliases'),
  limit('GRAPHQL_MAX_DEPTH', 'depth'),
  limit('GRAPHQL_MAX_TOKENS', 'tokens'),
  limit('GRAPHQL_MAX_COST', 'cost'),
  limit('GRAPHQL_MAX_DIRECTIVES', 'directives'),
  limit('GRAPHQL_MAX_BODY_BYTES', 'bodyBytes'),
  advanced('BITRIX24_RATE_PER_SEC', 'resilience.rateLimit.perSecond', number),
  advanced('BITRIX24_BURST', 'resilience.rateLimit.burst', number),
  advanced('BITRIX24_PORTAL_LIMITS', 'resilience.portalLimits'),
  advanced('BITRIX24_QUEUE_MAX', 'resilience.queueMax', number),
  advanced('BITRIX24_RETRIES', 'resilience.retries', number),
  advanced('BITRIX24_ATTEMPT_TIMEOUT_MS', 'resilience.attemptTimeoutMs', number),
  advanced('BITRIX24_CONNECT_TIMEOUT_MS', 'resilience.connectTimeoutMs', number),
  advanced('BITRIX24_BREAKER_THRESHOLD', 'resilience.breakerThreshold', number),
  advanced('BITRIX24_BREAKER_COOLDOWN_MS', 'resilience.breakerCooldownMs', number),
  advanced('BITRIX24_EGRESS_ID', 'redis.egressId'),
  advanced('REDIS_CONNECT_TIMEOUT_MS', 'redis.connectTimeoutMs', number),
  advanced('REDIS_COMMAND_TIMEOUT_MS', 'redis.commandTimeoutMs', number),
  advanced('METRICS_PORT', 'http.metricsPort', portOrOff),
  advanced('METRICS_HOST', 'http.metricsHost'),
  advanced('SHUTDOWN_DELAY_MS', 'http.shutdownDelayMs', number),
  advanced('SHUTDOWN_GRACE_MS', 'http.shutdownGraceMs', number),
  proxy('HTTPS_PROXY', 'proxy.httpsProxy'),
  proxy('HTTP_PROXY', 'proxy.httpProxy'),
  proxy('NO_PROXY', 'proxy.noProxy'),
];

/** Every variable the standalone emulator (`npm run emulator`) reads. */
export const EMULATOR_VARIABLES: readonly Variable[] = [
  advanced('EMULATOR_HOST', 'host'),
  advanced('EMULATOR_PORT', 'port', number),
  advanced('EMULATOR_RATE_LIMIT', 'rateLimit.enabled', onOff),
  advanced('EMULATOR_RATE_PER_SEC', 'rateLimit.perSecond', number),
  advanced('EMULATOR_BURST', 'rateLimit.burst', number),
  advanced('EMULATOR_HTTPS_PORT', 'https.port', number),
  advanced('EMULATOR_TLS_CERT', 'https.certPath'),
  advanced('EMULATOR_TLS_KEY', 'https.keyPath'),
];
