import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches, pickEncoding, prefersHtml } from './negotiate';
import { buildPlaygroundPage, PAGE_ENCODINGS, type PlaygroundPage } from './playground-page';

// Rendering and compressing 9 MB is done once per headers example, however many gateways a process builds.
const pages = new Map<string, Promise<PlaygroundPage>>();

/**
 * Serves GraphiQL, with `headers` as its headers example, on `GET <path>` to browsers (Accept: text/html);
 * every other request there goes on to Apollo. The page is built in the background at once, so the gateway
 * starts listening without waiting for it; a browser arriving in the first second waits for it instead.
 */
export function registerPlayground(app: FastifyInstance, path: string, headers: string): void {
  const built = pages.get(headers) ?? buildPlaygroundPage(headers);
  pages.set(headers, built);
  built.catch((error: unknown) => app.log.error({ err: error }, 'the GraphQL playground could not be built'));
  app.addHook('onRequest', async (request, reply) => {
    if (!isPageRequest(request, path)) return;
    return sendPage(await built, request, reply);
  });
}

/** A browser asking for a page at `path`: GET or HEAD, preferring `text/html` to any GraphQL response type. */
export function isPageRequest(request: FastifyRequest, path: string): boolean {
  const method = request.method;
  return (
    (method === 'GET' || method === 'HEAD') &&
    request.routeOptions.url === path &&
    prefersHtml(request.headers.accept)
  );
}

function sendPage(page: PlaygroundPage, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const encoding = pickEncoding(request.headers['accept-encoding'], PAGE_ENCODINGS);
  const etag = page.etags[encoding];
  reply
    .header('etag', etag)
    // Revalidate on every visit: a 304 is cheap, and a new gateway version shows at once.
    .header('cache-control', 'no-cache')
    // GET /graphql also answers GraphQL in JSON, and the page comes in several codings.
    .header('vary', 'accept, accept-encoding');
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', page.contentSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(page.bodies[encoding]);
}
