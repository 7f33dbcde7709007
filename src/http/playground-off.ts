import type { FastifyInstance } from 'fastify';
import { isPageRequest } from './playground';

/** What a browser gets at the GraphQL path when the playground is off: the reason, and the variable to set. */
export const PLAYGROUND_OFF_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>GraphQL playground off</title></head>
<body>
<h1>The GraphQL playground is off</h1>
<p>This is the gateway's GraphQL API, but it does not serve the playground page: set
<code>GRAPHQL_PLAYGROUND=true</code> to serve it. It is off by default with <code>NODE_ENV=production</code>.</p>
<p>GraphQL clients send <code>POST</code> requests here, with <code>content-type: application/json</code> and a
body such as <code>{"query": "{ __typename }"}</code>.</p>
</body>
</html>
`;

/**
 * Answers a browser's visit with a short page instead of Apollo's CSRF refusal, which reads like a security
 * failure. Status 404: the page the browser asked for does not exist in this configuration, and a 200 would
 * tell link checkers and uptime probes that it does. Like the playground, it holds no data, so it is served
 * before the API-key check.
 */
export function registerPlaygroundOffPage(app: FastifyInstance, path: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isPageRequest(request, path)) return;
    return reply
      .code(404)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'accept')
      .send(PLAYGROUND_OFF_PAGE);
  });
}
