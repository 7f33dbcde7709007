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

function comparison(key: ScenarioKey, script: string) {
  return (upstreamOrigin: string, port: number, nodeArgs: string[] = []): ChildSpec => ({
    name: key,
    script: resolve(TOOLS, 'servers', script),
    nodeArgs,
    port,
    path: '/graphql',
    env: { NODE_ENV: 'production', BENCH_PORT: String(port), BENCH_UPSTREAM: upstreamOrigin },
  });
}

/** Every scenario, in the order each round runs them. */
export function scenarios(settings: Pick<BenchSettings, 'profile' | 'gatewayEnv'>): Scenario[] {
  const args = (key: ScenarioKey) =>
    key === settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const floor = comparison('floor', 'floor.js');
  const apolloHttp = comparison('apollo-http', 'apollo-http.js');
  const apolloFastify = comparison('apollo-fastify', 'apollo-fastify.js');
  const apollo = comparison('apollo-fetch', 'apollo-fetch.js');
  const mercurius = comparison('mercurius-jit', 'mercurius-jit.js');
  return [
    {
      key: 'floor',
      label: 'floor: node:http + undici, no GraphQL',
      spec: (origin, port) => floor(origin, port, args('floor')),
    },
    {
      key: 'gateway',
      label: 'this gateway (Apollo Server 5 on Fastify)',
      spec: (origin, port) =>
        gatewaySpec(`${origin}${WEBHOOK_PATH}`, port, UNLIMITED, args('gateway'), settings.gatewayEnv),
    },
    {
      key: 'apollo-http',
      label: 'Apollo Server on bare node:http + undici, nothing else',
      spec: (origin, port) => apolloHttp(origin, port, args('apollo-http')),
    },
    {
      key: 'apollo-fastify',
      label: 'Apollo Server on Fastify + undici, nothing else',
      spec: (origin, port) => apolloFastify(origin, port, args('apollo-fastify')),
    },
    {
      key: 'apollo-fetch',
      label: 'Apollo standalone + type-graphql + fetch',
      spec: (origin, port) => apollo(origin, port, args('apollo-fetch')),
    },
    {
      key: 'mercurius-jit',
      label: 'Mercurius + graphql-jit + undici',
      spec: (origin, port) => mercurius(origin, port, args('mercurius-jit')),
    },
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
