import type { FastifyInstance } from 'fastify';
import { refusal } from './graphql-error-body';

/**
 * A GET of the GraphQL path with neither a `query` nor an `extensions` parameter (a persisted query's hash) can
 * never run: say what to send, where Apollo would answer with its CSRF text (a plain `curl` sends no preflight
 * header) which names headers rather than the missing operation.
 */
export function refuseEmptyGet(app: FastifyInstance, path: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (request.routeOptions.url !== path) return;
    const { query, extensions } = request.query as Record<string, unknown>;
    if (query || extensions) return;
    const { status, body } = refusal('BAD_REQUEST', whatToSend(path));
    return reply.code(status).send(body);
  });
}

function whatToSend(path: string): string {
  return (
    `Send a GraphQL operation: POST ${path} with content-type: application/json and a body such as ` +
    `{"query":"{ __typename }"}, or GET ${path}?query=... with the header apollo-require-preflight: true`
  );
}
