import type { FastifyError, FastifyInstance } from 'fastify';
import { refusal } from './graphql-error-body';

/**
 * Errors Fastify raises before a request reaches GraphQL (body too large, unsupported media type, invalid
 * JSON) answer with their HTTP status and a GraphQL-shaped body; anything else is masked and logged.
 */
export function registerErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return reply.code(status).send(clientError(error, status, bodyLimit).body);
    request.log.error({ err: error }, 'unexpected error while handling a request');
    const { body } = refusal('INTERNAL_SERVER_ERROR');
    return reply.code(500).send(body);
  });
}

function clientError(error: FastifyError, status: number, bodyLimit: number) {
  if (status === 413) return refusal('PAYLOAD_TOO_LARGE', bodyLimit);
  if (status === 415) return refusal('UNSUPPORTED_MEDIA_TYPE');
  // Fastify's own messages are fixed texts; any other message might quote the request back.
  return refusal('BAD_REQUEST', error.code?.startsWith('FST_') ? error.message : undefined);
}
