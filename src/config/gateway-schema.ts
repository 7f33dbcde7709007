import { z } from 'zod';
import type { ProxySettings } from '../bitrix24/proxy-settings';
import type { ResilienceSettings } from '../bitrix24/resilience-settings';
import type { SharedBudgetSettings } from '../bitrix24/shared/shared-settings';
import type { Secret } from '../secret';
import { bitrix24Schema, configuredHosts, type Bitrix24Config } from './bitrix24-schema';
import { httpSchema, type HttpConfig } from './http-schema';
import { proxySchema } from './proxy-schema';
import { redisSchema } from './redis-schema';
import { resilienceSchema } from './resilience-schema';
import { securitySchema, type SecurityConfig } from './security-schema';
import { flag } from './values';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The gateway's settings, in slices that go straight to the parts that use them. */
export interface GatewayConfig {
  /** Production rules: no emulator unless asked for, no playground or introspection, no suggestions. */
  readonly production: boolean;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly http: HttpConfig;
  readonly bitrix24: Bitrix24Config;
  readonly resilience: ResilienceSettings;
  readonly security: SecurityConfig;
  readonly proxy: ProxySettings;
  /** Replicas share one Bitrix24 budget through Redis; absent, each paces calls alone. */
  readonly redis?: SharedBudgetSettings;
}

/**
 * Every setting of the gateway, with its default and its rules: the environment (src/config/variables.ts names
 * a variable for each) and an embedder's options are both read through it. Messages name other settings as
 * `{path}`, which the reader turns into the variable or the option the reader was given.
 */
export const gatewaySchema = z
  .object({
    production: flag.default(false),
    logLevel: z.enum(LOG_LEVELS).default('info'),
    http: httpSchema,
    bitrix24: bitrix24Schema,
    resilience: resilienceSchema,
    security: securitySchema,
    proxy: proxySchema,
    redis: redisSchema,
  })
  .strict()
  .transform(({ http, bitrix24, redis, ...settings }, context): GatewayConfig => {
    const { production } = settings;
    const { emulatorAllowed, ...inForce } = bitrix24;
    if (inForce.useEmulator && production && !emulatorAllowed) {
      context.addIssue({
        code: 'custom',
        message:
          '{bitrix24.webhook} or {bitrix24.portals}: one is required in production ' +
          '(set {bitrix24.useEmulator} to true to run on the embedded emulator on purpose)',
      });
    }
    // A typo in a host would otherwise fall back to the standard limit without a word.
    const known = new Set(configuredHosts(inForce.webhook, inForce.portals));
    const unknown = [...settings.resilience.portalLimits.keys()].find((host) => !known.has(host));
    if (unknown) {
      context.addIssue({
        code: 'custom',
        path: ['resilience', 'portalLimits'],
        message: `"${unknown}" is not a host of {bitrix24.portals} or {bitrix24.webhook}`,
      });
    }
    // A mutation in flight may take its whole Bitrix24 deadline: a shorter grace would cut it off unanswered.
    const grace = http.shutdownGraceMs ?? inForce.timeoutMs + 5_000;
    if (grace <= inForce.timeoutMs) {
      context.addIssue({
        code: 'custom',
        path: ['http', 'shutdownGraceMs'],
        message: 'must be longer than {bitrix24.timeoutMs}, so in-flight calls can end',
      });
    }
    return {
      ...settings,
      http: {
        ...http,
        metricsHost: http.metricsHost ?? http.host,
        shutdownGraceMs: grace,
        playground: http.playground ?? !production,
        introspection: http.introspection ?? !production,
      },
      bitrix24: inForce,
      ...(redis ? { redis } : {}),
    };
  });

/** What an embedder may pass: every field optional, text or values already read, frozen ones included. */
export type GatewaySettings = ReadonlyInput<z.input<typeof gatewaySchema>>;

type ReadonlyInput<T> = T extends Secret
  ? T
  : T extends Map<infer K, infer V>
    ? ReadonlyMap<K, ReadonlyInput<V>>
    : T extends readonly (infer E)[]
      ? readonly ReadonlyInput<E>[]
      : T extends object
        ? { readonly [K in keyof T]: ReadonlyInput<T[K]> }
        : T;
