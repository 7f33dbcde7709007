import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayMetrics } from './metrics';

// Error codes are the label; a code outside this closed list is counted as OTHER to bound cardinality.
const KNOWN_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_ERROR',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'OPERATION_LIMIT_EXCEEDED',
]);

/** Counts every GraphQL operation by type and outcome: `ok`, or the code of its first error. */
export function operationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors }) {
          const code = errors?.[0]?.extensions?.code;
          const outcome = errors?.length ? (KNOWN_CODES.has(String(code)) ? String(code) : 'OTHER') : 'ok';
          metrics.operations.inc({ type: operation?.operation ?? 'unknown', outcome });
        },
      };
    },
  };
}
