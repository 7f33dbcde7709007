import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { readCallerCredentials } from '../auth/caller-credentials';
import { ROUTER_AUTHORIZATION, RouterSecret } from '../auth/router-secret';
import type { GatewayConfig } from '../config';
import type { GatewayContext } from '../context';
import { requireApiKeys } from '../http/api-keys';
import { registerCors } from '../http/cors';
import { refuseEmptyGet } from '../http/empty-get';
import { registerErrorHandler } from '../http/error-handler';
import { registerHealthRoutes, type Readiness } from '../http/health';
import { registerPlayground } from '../http/playground';
import { exampleHeaders } from '../http/playground-example';
import { registerPlaygroundOffPage } from '../http/playground-off';
import { registerRootRoute } from '../http/root-route';
import type { GatewayServices } from './services';

const GRAPHQL_PATH = '/graphql';

// Ids arrive from other systems' logs and headers: accept only a short, plain token, else make one.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The Fastify app: request ids, draining, CORS, the playground, API keys, health routes and /graphql. */
export async function createHttpApp(
  config: GatewayConfig,
  { shared }: GatewayServices,
  apollo: ApolloServer<GatewayContext>,
  { logger, readiness }: { readonly logger: Logger; readonly readiness: Readiness },
): Promise<FastifyInstance> {
  const { security, bitrix24, production } = config;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // One line per Bitrix24 call is logged instead of two per HTTP request: cheaper, and what operators read.
    logController: new LogController({ disableRequestLogging: true }),
    // Checked while the body streams in, before anything parses it.
    bodyLimit: security.limits.bodyBytes,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  // Callback-style hooks: on every request, an async hook would cost a promise each.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // While draining, connections close after their answer, so keep-alive clients cannot hold shutdown up.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!readiness.ready) reply.header('connection', 'close');
    done(null, payload);
  });
  registerErrorHandler(app, security.limits.bodyBytes);
  await registerCors(app, security.corsOrigins);
  // The page holds no secret and a browser cannot add X-API-Key to a page visit; its queries still need a key.
  if (config.http.playground) {
    registerPlayground(app, GRAPHQL_PATH, exampleHeaders({ bitrix24, production }));
  } else registerPlaygroundOffPage(app, GRAPHQL_PATH);
  requireApiKeys(app, security.apiKeys);
  refuseEmptyGet(app, GRAPHQL_PATH);
  registerHealthRoutes(app, readiness, shared);
  registerRootRoute(app, GRAPHQL_PATH);
  registerGraphQLRoute(app, apollo, security.routerSecret);
  return app;
}

function registerGraphQLRoute(
  app: FastifyInstance,
  apollo: ApolloServer<GatewayContext>,
  routerSecret: GatewayConfig['security']['routerSecret'],
): void {
  const router = routerSecret ? new RouterSecret(routerSecret) : null;
  app.route({
    url: GRAPHQL_PATH,
    method: ['GET', 'POST'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => {
        router?.assertSentBy(request.headers[ROUTER_AUTHORIZATION]);
        return {
          caller: readCallerCredentials(request.headers),
          log: request.log as Logger,
          sentVariables: sentVariables(request.body),
        };
      },
    }),
  });
}

function sentVariables(body: unknown): Readonly<Record<string, unknown>> | undefined {
  const variables = (body as { variables?: unknown } | null | undefined)?.variables;
  return typeof variables === 'object' && variables !== null
    ? (variables as Record<string, unknown>)
    : undefined;
}
