import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { readCallerCredentials } from './auth/caller-credentials';
import { ROUTER_AUTHORIZATION, RouterSecret } from './auth/router-secret';
import { TargetResolver } from './auth/target-resolver';
import { createBitrix24Client, type ClientOptions } from './bitrix24/create-client';
import { SharedBudget } from './bitrix24/shared/shared-budget';
import type { SharedBudgetSettings } from './bitrix24/shared/shared-settings';
import { DEFAULT_SECURITY, type Bitrix24Config, type SecurityConfig } from './config';
import type { GatewayContext } from './context';
import { hidingSuggestions } from './errors/hide-suggestions';
import { maskingUnexpectedErrors, unexpectedErrorLogging } from './errors/mask-error';
import { requireApiKeys } from './http/api-keys';
import { registerCors } from './http/cors';
import { refuseEmptyGet } from './http/empty-get';
import { registerErrorHandler } from './http/error-handler';
import { Readiness, registerHealthRoutes } from './http/health';
import { registerRootRoute } from './http/root-route';
import { registerPlayground } from './http/playground';
import { exampleHeaders } from './http/playground-example';
import { registerPlaygroundOffPage } from './http/playground-off';
import { likesPerOperationPlugin } from './limits/likes-per-operation';
import { operationLimitRules } from './limits/operation-limits';
import { noStorePlugin } from './http/no-store-plugin';
import { GatewayMetrics } from './observability/metrics';
import { operationMetricsPlugin } from './observability/operation-metrics-plugin';
import { LikeMessageService } from './message/like-message.service';
import { buildGatewaySchema } from './schema/build-schema';
import { nullArgumentPlugin } from './schema/null-argument-check';
import type { Secret } from './secret';

export interface GatewayOptions extends ClientOptions {
  /** Bitrix24 settings in force (the embedded emulator's, when it stands in). */
  readonly bitrix24: Bitrix24Config;
  readonly logger: Logger;
  /** GraphiQL for browsers on `GET /graphql`; off unless asked for. */
  readonly playground?: boolean;
  /** Schema introspection; by default on except in production, as GRAPHQL_INTROSPECTION is. */
  readonly introspection?: boolean;
  /** ROUTER_SECRET: when given, /graphql (not /healthz or /readyz) requires it in Router-Authorization. */
  readonly routerSecret?: Secret;
  /** How long close() lets in-flight requests run before cutting their connections. */
  readonly shutdownGraceMs?: number;
  /** Production rules: no "Did you mean" suggestions in errors. */
  readonly production?: boolean;
  /** API keys, CORS origins and operation limits; DEFAULT_SECURITY when absent. */
  readonly security?: SecurityConfig;
  /** REDIS_URL and its companions: replicas share one Bitrix24 budget through Redis. */
  readonly sharedBudget?: SharedBudgetSettings;
}

export interface Gateway {
  readonly app: FastifyInstance;
  /** The Apollo Server behind /graphql, for `executeOperation` in tests. */
  readonly apollo: ApolloServer<GatewayContext>;
  readonly readiness: Readiness;
  readonly metrics: GatewayMetrics;
  /** Stops accepting requests, lets in-flight ones finish, then closes upstream connections. */
  close(): Promise<void>;
}

function sentVariables(body: unknown): Readonly<Record<string, unknown>> | undefined {
  const variables = (body as { variables?: unknown } | null | undefined)?.variables;
  return typeof variables === 'object' && variables !== null
    ? (variables as Record<string, unknown>)
    : undefined;
}

// Ids arrive from other systems' logs and headers: accept only a short, plain token, else make one.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the whole gateway without listening; `index.ts` listens, tests listen on port 0. */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { bitrix24, logger, production = false, security = DEFAULT_SECURITY } = options;
  const metrics = options.metrics ?? new GatewayMetrics();
  const shared = options.sharedBudget ? await SharedBudget.open(options.sharedBudget, logger) : undefined;
  const client = createBitrix24Client({ ...options, privateHosts: bitrix24.privateHosts, metrics, shared });
  const resolver = new TargetResolver(bitrix24, { production });
  const likes = new LikeMessageService(resolver, client, bitrix24.timeoutMs);
  const schema = await buildGatewaySchema({ likes });

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
  const readiness = new Readiness();
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
  if (options.playground) registerPlayground(app, '/graphql', exampleHeaders({ bitrix24, production }));
  else registerPlaygroundOffPage(app, '/graphql');
  requireApiKeys(app, security.apiKeys);
  refuseEmptyGet(app, '/graphql');

  const masking = maskingUnexpectedErrors(security.limits.tokens);
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    logger,
    formatError: production ? hidingSuggestions(masking) : masking,
    includeStacktraceInErrorResponses: false,
    // Apollo's defaults, stated because the gateway relies on them: one operation per request, and no
    // request a browser could send cross-site without a preflight.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: security.limits.tokens },
    validationRules: operationLimitRules(security.limits),
    // index.ts owns the signals, so that shutdown happens in one known order.
    stopOnTerminationSignals: false,
    introspection: options.introspection ?? !production,
    // Apollo's own landing page loads Sandbox from a CDN; the playground below is served from here.
    plugins: [
      operationMetricsPlugin(metrics),
      likesPerOperationPlugin(security.limits.likes),
      nullArgumentPlugin(),
      unexpectedErrorLogging(logger),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      // Installed by Apollo for any subgraph anyway, with an info line at start that asks for a decision an
      // operator cannot make from the environment. Kept: a router that asks for `ftv1` (Apollo Router's field
      // usage for GraphOS) gets its trace, and a request without that header costs one small object. Stated
      // here, Apollo logs nothing, and errors in traces stay masked (ROUTER_SECRET decides who may ask).
      ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }),
    ],
  });
  await apollo.start();

  registerHealthRoutes(app, readiness, shared);
  registerRootRoute(app, '/graphql');
  const router = options.routerSecret ? new RouterSecret(options.routerSecret) : null;
  app.route({
    url: '/graphql',
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

  return {
    app,
    apollo,
    readiness,
    metrics,
    async close() {
      readiness.drain();
      // Fastify stops accepting and waits for in-flight requests; past the grace period their connections go.
      const force = setTimeout(() => app.server.closeAllConnections(), options.shutdownGraceMs ?? 10_000);
      await app.close();
      clearTimeout(force);
      await apollo.stop();
      await client.close();
      await shared?.close();
    },
  };
}
