import { z } from 'zod';
import { readProxySettings, type ProxySettings } from './bitrix24/proxy-settings';
import { readResilience, resilienceEnvShape, type ResilienceSettings } from './bitrix24/resilience-settings';
import { Secret } from './secret';
import {
  parsePortalEntry,
  parseWebhookUrl,
  type PortalEntry,
  type WebhookCredentials,
} from './bitrix24/portal';

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
  /** When set, /graphql answers only requests whose Router-Authorization header carries it. */
  readonly routerSecret?: Secret;
}

/** How the gateway reaches Bitrix24. */
export interface Bitrix24Config {
  /** Inbound webhook used for calls that carry no bearer token; every such caller acts as its user. */
  readonly webhook: WebhookCredentials | null;
  /** Portals a bearer token may be used against (per-user OAuth calls). */
  readonly portals: readonly PortalEntry[];
  /** Deadline for all the Bitrix24 work of one mutation. */
  readonly timeoutMs: number;
  /** True when nothing is configured and the embedded emulator stands in for Bitrix24. */
  readonly useEmulator: boolean;
}

/** Raised for any bad setting; the message names the variable, never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const envSchema = z.object({
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
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  ...resilienceEnvShape,
  GRAPHQL_PLAYGROUND: z.enum(['true', 'false']).optional(),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),
  // It travels as an HTTP header value, where surrounding blanks are dropped and non-ASCII is not portable.
  ROUTER_SECRET: z
    .string()
    .regex(/^[!-~]{16,}$/, 'must be at least 16 visible ASCII characters, without spaces')
    .optional(),
});

type Env = Readonly<Record<string, string | undefined>>;

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
  return deepFreeze({
    port: vars.PORT,
    host: vars.HOST,
    logLevel: vars.LOG_LEVEL,
    production,
    bitrix24: { webhook, portals, timeoutMs: vars.BITRIX24_TIMEOUT_MS, useEmulator },
    resilience: readSetting('BITRIX24_PORTAL_LIMITS', () => readResilience(vars)),
    proxy: readProxySettings(env),
    metricsPort: vars.METRICS_PORT === 'off' ? null : vars.METRICS_PORT,
    metricsHost: vars.METRICS_HOST ?? vars.HOST,
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: vars.SHUTDOWN_DELAY_MS,
    playground: vars.GRAPHQL_PLAYGROUND ? vars.GRAPHQL_PLAYGROUND === 'true' : !production,
    introspection: vars.GRAPHQL_INTROSPECTION ? vars.GRAPHQL_INTROSPECTION === 'true' : !production,
    ...(vars.ROUTER_SECRET ? { routerSecret: new Secret(vars.ROUTER_SECRET) } : {}),
  });
}

function readWebhook(value: string): WebhookCredentials {
  return readSetting('BITRIX24_WEBHOOK_URL', () => parseWebhookUrl(new Secret(value)));
}

function readSetting<T>(variable: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new ConfigError(`${variable}: ${(error as Error).message}`);
  }
}

function readPortals(value: string): PortalEntry[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    const portals = entries.map(parsePortalEntry);
    const hosts = new Set(portals.map((portal) => portal.host));
    if (hosts.size !== portals.length) throw new Error('lists a portal twice');
    return portals;
  } catch (error) {
    throw new ConfigError(`BITRIX24_PORTALS: ${(error as Error).message}`);
  }
}

// An empty variable (`FOO=`) means "not set", as in most deployment tools.
function withoutBlanks(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret) && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
