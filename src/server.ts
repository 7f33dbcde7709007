import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { readCallerCredentials } from './auth/caller-credentials';
import { ROUTER_AUTHORIZATION, RouterSecret } from './auth/router-secret';
import { TargetResolver } from './auth/target-resolver';
import { Bitrix24Client } from './bitrix24/bitrix24-client';
import { DispatcherRegistry, keepAlivePool, type DispatcherFactory } from './bitrix24/dispatchers';
import type { Bitrix24Config } from './config';
import type { GatewayContext } from './context';
import { maskUnexpectedErrors } from './errors/mask-error';
import { Readiness, registerHealthRoutes } from './http/health';
import { LikeMessageService } from './message/like-message.service';
import { buildGatewaySchema } from './schema/build-schema';
import type { Secret } from './secret';

export interface GatewayOptions {
  /** Bitrix24 settings in force (the embedded emulator's, when it stands in). */
  readonly bitrix24: Bitrix24Config;
  readonly logger: Logger;
  /** Transport per portal origin; the default is a keep-alive undici Pool. */
  readonly dispatcherFactory?: DispatcherFactory;
  /** ROUTER_SECRET: when given, /graphql (not /healthz or /readyz) requires it in Router-Authorization. */
  readonly routerSecret?: Secret;
}

export interface Gateway {
  readonly app: FastifyInstance;
  /** The Apollo Server behind /graphql, for `executeOperation` in tests. */
  readonly apollo: ApolloServer<GatewayContext>;
  readonly readiness: Readiness;
  /** Stops accepting requests, lets in-flight ones finish, then closes upstream connections. */
  close(): Promise<void>;
}

// Ids arrive from other systems' logs and headers: accept only a short, plain token, else make one.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the whole gateway without listening; `index.ts` listens, tests listen on port 0. */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { bitrix24, logger } = options;
  const client = new Bitrix24Client(
    new DispatcherRegistry(options.dispatcherFactory ?? keepAlivePool(bitrix24.timeoutMs)),
    logger,
  );
  const likes = new LikeMessageService(new TargetResolver(bitrix24), client, bitrix24.timeoutMs);
  const schema = await buildGatewaySchema({ likes });

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // One line per Bitrix24 call is logged instead of two per HTTP request: cheaper, and what operators read.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    logger,
    formatError: maskUnexpectedErrors(logger),
    includeStacktraceInErrorResponses: false,
    // index.ts owns the signals, so that shutdown happens in one known order.
    stopOnTerminationSignals: false,
    plugins: [fastifyApolloDrainPlugin(app)],
  });
  await apollo.start();

  const readiness = new Readiness();
  registerHealthRoutes(app, readiness);
  const router = options.routerSecret ? new RouterSecret(options.routerSecret) : null;
  app.route({
    url: '/graphql',
    method: ['GET', 'POST'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => {
        router?.assertSentBy(request.headers[ROUTER_AUTHORIZATION]);
        return { caller: readCallerCredentials(request.headers) };
      },
    }),
  });

  return {
    app,
    apollo,
    readiness,
    async close() {
      readiness.drain();
      await apollo.stop(); // its drain plugin closes fastify once in-flight requests are done
      await client.close();
    },
  };
}
