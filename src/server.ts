import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { readCallerCredentials } from './auth/caller-credentials';
import { TargetResolver } from './auth/target-resolver';
import { Bitrix24Client } from './bitrix24/bitrix24-client';
import { DispatcherRegistry, keepAlivePool, type DispatcherFactory } from './bitrix24/dispatchers';
import { DEFAULT_SECURITY, type Bitrix24Config, type SecurityConfig } from './config';
import type { GatewayContext } from './context';
import { hidingSuggestions } from './errors/hide-suggestions';
import { maskUnexpectedErrors } from './errors/mask-error';
import { requireApiKeys } from './http/api-keys';
import { registerCors } from './http/cors';
import { registerErrorHandler } from './http/error-handler';
import { Readiness, registerHealthRoutes } from './http/health';
import { operationLimitRules } from './limits/operation-limits';
import { LikeMessageService } from './message/like-message.service';
import { buildGatewaySchema } from './schema/build-schema';

export interface GatewayOptions {
  /** Bitrix24 settings in force (the embedded emulator's, when it stands in). */
  readonly bitrix24: Bitrix24Config;
  readonly logger: Logger;
  /** Transport per portal origin; the default is a keep-alive undici Pool. */
  readonly dispatcherFactory?: DispatcherFactory;
  /** Production rules: no introspection, no "Did you mean" suggestions. */
  readonly production?: boolean;
  /** API keys, CORS origins and operation limits; DEFAULT_SECURITY when absent. */
  readonly security?: SecurityConfig;
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
  const { bitrix24, logger, production = false, security = DEFAULT_SECURITY } = options;
  const client = new Bitrix24Client(
    new DispatcherRegistry(
      options.dispatcherFactory ?? keepAlivePool(bitrix24.timeoutMs, bitrix24.privateHosts),
    ),
    logger,
  );
  const likes = new LikeMessageService(new TargetResolver(bitrix24), client, bitrix24.timeoutMs);
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
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandler(app, security.limits.bodyBytes);
  await registerCors(app, security.corsOrigins);
  requireApiKeys(app, security.apiKeys);

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    logger,
    formatError: production ? hidingSuggestions(maskUnexpectedErrors(logger)) : maskUnexpectedErrors(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    // Apollo's defaults, stated because the gateway relies on them: one operation per request, and no
    // request a browser could send cross-site without a preflight.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: security.limits.tokens },
    validationRules: operationLimitRules(security.limits),
    // index.ts owns the signals, so that shutdown happens in one known order.
    stopOnTerminationSignals: false,
    plugins: [fastifyApolloDrainPlugin(app)],
  });
  await apollo.start();

  const readiness = new Readiness();
  registerHealthRoutes(app, readiness);
  app.route({
    url: '/graphql',
    method: ['GET', 'POST'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => ({ caller: readCallerCredentials(request.headers) }),
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
