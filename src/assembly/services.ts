import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { TargetResolver } from '../auth/target-resolver';
import type { Bitrix24Client } from '../bitrix24/bitrix24-client';
import { createBitrix24Client, type ClientOptions } from '../bitrix24/create-client';
import { SharedBudget } from '../bitrix24/shared/shared-budget';
import type { GatewayConfig } from '../config';
import { LikeMessageService } from '../message/like-message.service';
import { GatewayMetrics } from '../observability/metrics';
import { buildGatewaySchema } from '../schema/build-schema';

/** What the gateway is given rather than configured with: its logger, and seams tests and embedders may fill. */
export interface GatewayDependencies extends Pick<
  ClientOptions,
  'metrics' | 'dispatcherFactory' | 'limiter' | 'sleep' | 'clock'
> {
  readonly logger: Logger;
}

/** The parts behind the HTTP layer: the Bitrix24 client, the budget it may share, and the schema over it. */
export interface GatewayServices {
  readonly metrics: GatewayMetrics;
  readonly client: Bitrix24Client;
  readonly shared?: SharedBudget;
  readonly schema: GraphQLSchema;
}

export async function buildServices(
  config: GatewayConfig,
  { logger, ...seams }: GatewayDependencies,
): Promise<GatewayServices> {
  const { bitrix24, production } = config;
  const metrics = seams.metrics ?? new GatewayMetrics();
  const shared = config.redis ? await SharedBudget.open(config.redis, logger) : undefined;
  const client = createBitrix24Client({
    ...seams,
    resilience: config.resilience,
    proxy: config.proxy,
    privateHosts: bitrix24.privateHosts,
    metrics,
    shared,
  });
  const resolver = new TargetResolver(bitrix24, { production });
  const likes = new LikeMessageService(resolver, client, bitrix24.timeoutMs);
  const schema = await buildGatewaySchema({ likes });
  return { metrics, client, schema, ...(shared ? { shared } : {}) };
}
