import type { FastifyInstance } from 'fastify';
import { prefersHtml } from './negotiate';

/**
 * `GET /` points to the GraphQL endpoint rather than answering 404: a browser is redirected there (to the
 * playground, when it is on) and any other client gets one line naming it.
 */
export function registerRootRoute(app: FastifyInstance, graphqlPath: string): void {
  app.get('/', async (request, reply) => {
    reply.header('vary', 'accept');
    // Relative, so that behind a proxy that serves the gateway under a path prefix the browser stays under it.
    if (prefersHtml(request.headers.accept)) return reply.redirect(`.${graphqlPath}`, 302);
    return reply
      .type('text/plain; charset=utf-8')
      .send(`This is a GraphQL API: send requests to ${graphqlPath}, or open it in a browser.\n`);
  });
}
