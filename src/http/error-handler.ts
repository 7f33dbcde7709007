import type { FastifyError, FastifyInstance } from 'fastify';
import { graphqlErrorBody } from './graphql-error-body';

/**
 * Errors Fastify raises before a request reaches GraphQL (body too large, unsupported media type, invalid
 * JSON) answer with their HTTP status and a GraphQL-shaped body; anything else is masked and logged.
 */
export function registerErrorHandler(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(graphqlErrorBody(...clientError(error, status, bodyLimit)));
    }
    request.log.error({ err: error }, 'unexpected error while handling a request');
    return reply.code(500).send(graphqlErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
  });
}

function clientError(
  error: FastifyError,
  status: number,
  bodyLimit: number,
): [message: string, code: string] {
  if (status === 413)
    return [`The request body exceeds the limit of ${bodyLimit} bytes`, 'PAYLOAD_TOO_LARGE'];
  if (status === 415) return ['Send GraphQL requests as application/json', 'UNSUPPORTED_MEDIA_TYPE'];
  // Fastify's own messages are fixed texts; any other message might quote the request back.
  return [error.code?.startsWith('FST_') ? error.message : 'Bad request', 'BAD_REQUEST'];
}
