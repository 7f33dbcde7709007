import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { startApollo } from './assembly/apollo-server';
import { createHttpApp } from './assembly/http-app';
import { buildServices, type GatewayDependencies } from './assembly/services';
import { gatewayConfigOf, type GatewayConfig, type GatewaySettings } from './config';
import type { GatewayContext } from './context';
import { Readiness } from './http/health';
import type { GatewayMetrics } from './observability/metrics';

export type { GatewayDependencies } from './assembly/services';

/** An embedder's settings (checked by the configuration schema, defaults filled in) and its dependencies. */
export type GatewayOptions = GatewaySettings & GatewayDependencies;

export interface Gateway {
  readonly app: FastifyInstance;
  /** The Apollo Server behind /graphql, for `executeOperation` in tests. */
  readonly apollo: ApolloServer<GatewayContext>;
  readonly readiness: Readiness;
  readonly metrics: GatewayMetrics;
  /** Stops accepting requests, lets in-flight ones finish, then closes upstream connections. */
  close(): Promise<void>;
}

/** Builds the gateway from options, without listening; a bad option throws a ConfigError naming it. */
export function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { logger, metrics, dispatcherFactory, limiter, sleep, clock, ...settings } = options;
  return assembleGateway(gatewayConfigOf(settings), {
    logger,
    metrics,
    dispatcherFactory,
    limiter,
    sleep,
    clock,
  });
}

/** Builds the gateway from a configuration already read; `index.ts` listens, tests listen on port 0. */
export async function assembleGateway(
  config: GatewayConfig,
  dependencies: GatewayDependencies,
): Promise<Gateway> {
  const { logger } = dependencies;
  const services = await buildServices(config, dependencies);
  const apollo = await startApollo(config, services, logger);
  const readiness = new Readiness();
  const app = await createHttpApp(config, services, apollo, { logger, readiness });
  return {
    app,
    apollo,
    readiness,
    metrics: services.metrics,
    async close() {
      readiness.drain();
      // Fastify stops accepting and waits for in-flight requests; past the grace period their connections go.
      const force = setTimeout(() => app.server.closeAllConnections(), config.http.shutdownGraceMs);
      await app.close();
      clearTimeout(force);
      await apollo.stop();
      await services.client.close();
      await services.shared?.close();
    },
  };
}
