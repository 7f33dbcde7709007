import type { FastifyInstance } from 'fastify';
import { SecretMatcher } from '../auth/secret-matcher';
import type { Secret } from '../secret';
import { refusal } from './graphql-error-body';

/** The header that carries a gateway API key (GATEWAY_API_KEYS). */
export const API_KEY_HEADER = 'x-api-key';

// Probes must work without a key; a CORS preflight never carries one (browsers send no custom headers).
const OPEN_ROUTES = new Set(['/healthz', '/readyz']);

/** When keys are configured, every other request must present one of them, or is refused with HTTP 401. */
export function requireApiKeys(app: FastifyInstance, keys: readonly Secret[]): void {
  if (keys.length === 0) return;
  const matcher = new SecretMatcher(keys);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS' || OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (matcher.matches(request.headers[API_KEY_HEADER])) return;
    const { status, body } = refusal('API_KEY_REQUIRED');
    return reply.code(status).send(body);
  });
}
