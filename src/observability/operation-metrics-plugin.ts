import type { ApolloServerPlugin } from '@apollo/server';
import { isCatalogued } from '../errors/error-catalogue';
import type { GatewayMetrics } from './metrics';

/** Counts every GraphQL operation by type and outcome: `ok`, or the code of its first error. */
export function operationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, errors }) {
          const code = errors?.[0]?.extensions?.code;
          // A code outside the catalogue is counted as OTHER, to bound the label's cardinality.
          const outcome = errors?.length ? (isCatalogued(code) ? code : 'OTHER') : 'ok';
          metrics.operations.inc({ type: operation?.operation ?? 'unknown', outcome });
        },
      };
    },
  };
}
