import { z } from 'zod';
import { ConfigError } from './config-error';
import {
  checkedLimits,
  deepFreeze,
  readApiKeys,
  readCorsOrigins,
  readGrace,
  readPortals,
  readPrivateHosts,
  readSetting,
  readWebhook,
  withoutBlanks,
  type Env,
} from './config-readers';
import { readProxySettings, type ProxySettings } from './bitrix24/proxy-settings';
import { readResilience, resilienceEnvShape, type ResilienceSettings } from './bitrix24/resilience-settings';
import {
  readSharedBudget,
  sharedBudgetEnvShape,
  sharedBudgetSecrets,
  type SharedBudgetSettings,
} from './bitrix24/shared/shared-settings';
import { Secret } from './secret';
import type { PortalEntry, WebhookCredentials } from './bitrix24/portal';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/operation-limits';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The gateway's settings, read once from the environment at start. */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly production: boolean;
  readonly bitrix24: Bitrix24Config;
  readonly resilience: ResilienceSettings;
  readonly proxy: ProxySettings;
  /** Port for /metrics, kept off the public listener; null when METRICS_PORT=off. */
  readonly metricsPort: number | null;
  readonly metricsHost: string;
  /** How long shutdown waits for in-flight requests before closing their connections. */
  readonly shutdownGraceMs: number;
  /** How long /readyz answers 503 before the listener closes, so load balancers stop sending first. */
  readonly shutdownDelayMs: number;
  /** GraphiQL on `GET /graphql` for browsers: on unless NODE_ENV=production, GRAPHQL_PLAYGROUND overrides. */
  readonly playground: boolean;
  /** Schema introspection: on unless NODE_ENV=production, GRAPHQL_INTROSPECTION overrides. */
  readonly introspection: boolean;
  readonly security: SecurityConfig;
  /** ROUTER_SECRET: the shared secret a federation router presents. */
  readonly routerSecret?: Secret;
  /** REDIS_URL and its companions: replicas share one Bitrix24 budget; absent, each paces calls alone. */
  readonly sharedBudget?: SharedBudgetSettings;
}

/** Who may call the gateway, from where, and how much one request may ask for. */
export interface SecurityConfig {
  /** GATEWAY_API_KEYS: when any, every request but /healthz and /readyz must present one in X-API-Key. */
  readonly apiKeys: readonly Secret[];
  /** CORS_ORIGINS: browser origins allowed to read responses; none by default. */
  readonly corsOrigins: readonly string[];
  readonly limits: OperationLimits;
}

/** How the gateway reaches Bitrix24. */
export interface Bitrix24Config {
  /** Inbound webhook used for calls that carry no bearer token; every such caller acts as its user. */
  readonly webhook: WebhookCredentials | null;
  /** Portals a bearer token may be used against (per-user OAuth calls). */
  readonly portals: readonly PortalEntry[];
  /**
   * Hosts (host[:port]) of the portals or the webhook that may resolve to private, loopback or other
   * non-public addresses; any other host name that does is refused. IP literals are always allowed.
   */
  readonly privateHosts: readonly string[];
  /** Deadline for all the Bitrix24 work of one mutation. */
  readonly timeoutMs: number;
  /** True when nothing is configured and the embedded emulator stands in for Bitrix24. */
  readonly useEmulator: boolean;
}

/** No API keys, no CORS origin, the default limits: what tests and embedders get unless they say otherwise. */
export const DEFAULT_SECURITY: SecurityConfig = {
  apiKeys: [],
  corsOrigins: [],
  limits: DEFAULT_OPERATION_LIMITS,
};

/** Every secret the configuration holds, for the logger to strip from any line that might quote one. */
export function configSecrets(config: GatewayConfig): Secret[] {
  const webhook = config.bitrix24.webhook;
  // The code alone too (/rest/USER_ID/CODE/), should anything quote it outside its path.
  const code = webhook?.basePath.reveal().split('/')[3];
  return [
    ...(webhook ? [webhook.basePath] : []),
    ...(code ? [new Secret(code)] : []),
    ...config.security.apiKeys,
    ...(config.routerSecret ? [config.routerSecret] : []),
    // A proxy URL may carry a user name and password.
    ...[config.proxy.httpProxy, config.proxy.httpsProxy].filter((url): url is Secret => url !== undefined),
    ...sharedBudgetSecrets(config.sharedBudget),
  ];
}

/** Every variable read through the schema; the README's configuration table must list each (a test checks). */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.string().optional(),
  BITRIX24_WEBHOOK_URL: z.string().optional(),
  BITRIX24_PORTALS: z.string().optional(),
  BITRIX24_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  BITRIX24_EMULATOR: z.enum(['true', 'false']).optional(),
  METRICS_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(9464),
  METRICS_HOST: z.string().min(1).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  ...resilienceEnvShape,
  ...sharedBudgetEnvShape,
  GRAPHQL_PLAYGROUND: z.enum(['true', 'false']).optional(),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),
  // It travels as an HTTP header value, where surrounding blanks are dropped and non-ASCII is not portable.
  ROUTER_SECRET: z
    .string()
    .regex(/^[!-~]{16,}$/, 'must be at least 16 visible ASCII characters, without spaces')
    .optional(),
  BITRIX24_PRIVATE_HOSTS: z.string().optional(),
  GATEWAY_API_KEYS: z.string().optional(),
  CORS_ORIGINS: z.string().optional(),
  GRAPHQL_MAX_LIKE_MESSAGE_FIELDS: limit(DEFAULT_OPERATION_LIMITS.likeMessageFields),
  GRAPHQL_MAX_LIKES_PER_OPERATION: limit(DEFAULT_OPERATION_LIMITS.likes),
  GRAPHQL_MAX_ALIASES: limit(DEFAULT_OPERATION_LIMITS.aliases),
  GRAPHQL_MAX_DEPTH: limit(DEFAULT_OPERATION_LIMITS.depth),
  GRAPHQL_MAX_TOKENS: limit(DEFAULT_OPERATION_LIMITS.tokens),
  GRAPHQL_MAX_COST: limit(DEFAULT_OPERATION_LIMITS.cost),
  GRAPHQL_MAX_DIRECTIVES: limit(DEFAULT_OPERATION_LIMITS.directives),
  GRAPHQL_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
});

/** Every environment variable the gateway reads; proxy variables also in lower case, as is the custom. */
export const GATEWAY_VARIABLES: readonly string[] = [
  ...Object.keys(envSchema.shape),
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
];

function limit(defaultValue: number) {
  return z.coerce.number().int().min(1).max(100_000).default(defaultValue);
}

/** Validates the environment and returns a frozen config, or throws a ConfigError naming the variable. */
export function loadConfig(env: Env): GatewayConfig {
  const parsed = envSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0])}: ${issue?.message ?? 'invalid'}`);
  }
  const vars = parsed.data;
  const production = vars.NODE_ENV === 'production';
  const webhook = vars.BITRIX24_WEBHOOK_URL ? readWebhook(vars.BITRIX24_WEBHOOK_URL) : null;
  const portals = readPortals(vars.BITRIX24_PORTALS ?? '');
  const useEmulator = webhook === null && portals.length === 0;
  if (useEmulator && production && vars.BITRIX24_EMULATOR !== 'true') {
    throw new ConfigError(
      'BITRIX24_WEBHOOK_URL or BITRIX24_PORTALS: one is required when NODE_ENV=production ' +
        '(set BITRIX24_EMULATOR=true to run on the embedded emulator on purpose)',
    );
  }
  const privateHosts = readPrivateHosts(vars.BITRIX24_PRIVATE_HOSTS ?? '', webhook, portals);
  const sharedBudget = readSetting('', () => readSharedBudget(vars));
  return deepFreeze({
    port: vars.PORT,
    host: vars.HOST,
    logLevel: vars.LOG_LEVEL,
    production,
    bitrix24: { webhook, portals, privateHosts, timeoutMs: vars.BITRIX24_TIMEOUT_MS, useEmulator },
    resilience: readSetting('BITRIX24_PORTAL_LIMITS', () =>
      checkedLimits(readResilience(vars), webhook, portals),
    ),
    proxy: readSetting('', () => readProxySettings(env)),
    metricsPort: vars.METRICS_PORT === 'off' ? null : vars.METRICS_PORT,
    metricsHost: vars.METRICS_HOST ?? vars.HOST,
    shutdownGraceMs: readGrace(vars.SHUTDOWN_GRACE_MS, vars.BITRIX24_TIMEOUT_MS),
    shutdownDelayMs: vars.SHUTDOWN_DELAY_MS,
    playground: vars.GRAPHQL_PLAYGROUND ? vars.GRAPHQL_PLAYGROUND === 'true' : !production,
    introspection: vars.GRAPHQL_INTROSPECTION ? vars.GRAPHQL_INTROSPECTION === 'true' : !production,
    security: {
      apiKeys: readApiKeys(vars.GATEWAY_API_KEYS ?? ''),
      corsOrigins: readCorsOrigins(vars.CORS_ORIGINS ?? ''),
      limits: {
        likeMessageFields: vars.GRAPHQL_MAX_LIKE_MESSAGE_FIELDS,
        likes: vars.GRAPHQL_MAX_LIKES_PER_OPERATION,
        aliases: vars.GRAPHQL_MAX_ALIASES,
        depth: vars.GRAPHQL_MAX_DEPTH,
        tokens: vars.GRAPHQL_MAX_TOKENS,
        cost: vars.GRAPHQL_MAX_COST,
        directives: vars.GRAPHQL_MAX_DIRECTIVES,
        bodyBytes: vars.GRAPHQL_MAX_BODY_BYTES,
      },
    },
    ...(vars.ROUTER_SECRET ? { routerSecret: new Secret(vars.ROUTER_SECRET) } : {}),
    ...(sharedBudget ? { sharedBudget } : {}),
  });
}

export { ConfigError };
