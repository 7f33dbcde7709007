import { resolve } from 'node:path';
import { WEBHOOK_PATH } from './like-request';
import { ROOT, TOOLS } from './paths';
import type { BenchSettings } from './settings';
import type { ChildSpec } from './support/child';

export const SCENARIO_KEYS = [
  'floor',
  'gateway',
  'apollo-http',
  'apollo-fastify',
  'apollo-fetch',
  'mercurius-jit',
] as const;

export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export interface Scenario {
  readonly key: ScenarioKey;
  readonly label: string;
  spec(upstreamOrigin: string, port: number): ChildSpec;
}

export interface GatewayLimits {
  readonly perSecond: number;
  readonly burst: number;
  readonly timeoutMs?: number;
}

/** The gateway as shipped (`node dist/index.js`, production mode, normal log level), on a given webhook. */
export function gatewaySpec(
  webhookUrl: string,
  port: number,
  limits: GatewayLimits,
  nodeArgs: string[] = [],
  extraEnv: Readonly<Record<string, string>> = {},
) {
  return {
    name: 'gateway',
    script: resolve(ROOT, 'dist/index.js'),
    nodeArgs,
    port,
    path: '/graphql',
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      BITRIX24_WEBHOOK_URL: webhookUrl,
      BITRIX24_RATE_PER_SEC: String(limits.perSecond),
      BITRIX24_BURST: String(limits.burst),
      ...(limits.timeoutMs ? { BITRIX24_TIMEOUT_MS: String(limits.timeoutMs) } : {}),
      // Served on a random port of its own, as in production; the metrics are recorded either way.
      METRICS_PORT: '0',
      ...extraEnv,
    },
  } satisfies ChildSpec;
}

// Far above any load this machine can offer, so that the limiter is on the path but never holds a call back.
export const UNLIMITED: GatewayLimits = { perSecond: 1_000_000, burst: 1_000_000 };

/** A comparison server: `dist-tools/bench/servers/<key>.js`, told where the upstream is by the harness. */
function comparisonSpec(
  key: ScenarioKey,
  upstreamOrigin: string,
  port: number,
  nodeArgs: string[],
): ChildSpec {
  return {
    name: key,
    script: resolve(TOOLS, 'servers', `${key}.js`),
    nodeArgs,
    port,
    path: '/graphql',
    env: { NODE_ENV: 'production', BENCH_PORT: String(port), BENCH_UPSTREAM: upstreamOrigin },
  };
}

/** Every scenario, in the order each round runs them. */
export function scenarios(settings: Pick<BenchSettings, 'profile' | 'gatewayEnv'>): Scenario[] {
  const args = (key: ScenarioKey) =>
    key === settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const comparison = (key: ScenarioKey, label: string): Scenario => ({
    key,
    label,
    spec: (origin, port) => comparisonSpec(key, origin, port, args(key)),
  });
  return [
    comparison('floor', 'floor: node:http + undici, no GraphQL'),
    {
      key: 'gateway',
      label: 'this gateway (Apollo Server 5 on Fastify)',
      spec: (origin, port) =>
        gatewaySpec(`${origin}${WEBHOOK_PATH}`, port, UNLIMITED, args('gateway'), settings.gatewayEnv),
    },
    comparison('apollo-http', 'Apollo Server on bare node:http + undici, nothing else'),
    comparison('apollo-fastify', 'Apollo Server on Fastify + undici, nothing else'),
    comparison('apollo-fetch', 'Apollo standalone + type-graphql + fetch'),
    comparison('mercurius-jit', 'Mercurius + graphql-jit + undici'),
  ];
}

export const PROFILE_DIR = resolve(ROOT, 'dist-tools', 'profiles');

export function upstreamSpec(port: number): ChildSpec {
  return {
    name: 'upstream',
    script: resolve(TOOLS, 'upstream', 'fake-bitrix24.js'),
    port,
    path: '/',
    env: { BENCH_PORT: String(port) },
  };
}
