import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import type { GatewayContext } from '../context';
import { hidingSuggestions } from '../errors/hide-suggestions';
import { maskingUnexpectedErrors, unexpectedErrorLogging } from '../errors/mask-error';
import { noStorePlugin } from '../http/no-store-plugin';
import { likesPerOperationPlugin } from '../limits/likes-per-operation';
import { operationLimitRules } from '../limits/operation-limits';
import { operationMetricsPlugin } from '../observability/operation-metrics-plugin';
import { nullArgumentPlugin } from '../schema/null-argument-check';
import type { GatewayServices } from './services';

/** The Apollo Server behind /graphql, started: limits, masking, metrics and the plugins a subgraph needs. */
export async function startApollo(
  { production, security, http }: GatewayConfig,
  { schema, metrics }: GatewayServices,
  logger: Logger,
): Promise<ApolloServer<GatewayContext>> {
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
    introspection: http.introspection,
    // Apollo's own landing page loads Sandbox from a CDN; the playground is served by the HTTP layer.
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
  return apollo;
}
