import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Marks every GraphQL answer `Cache-Control: no-store`. Apollo's cache-control plugin computes exactly that for
 * this schema (no type or field carries @cacheControl, no resolver sets a hint, mutations are never cached),
 * but through a hook on every resolved field; that plugin is switched off and this one keeps the header.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
