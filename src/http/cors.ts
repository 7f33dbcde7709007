import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

const REQUEST_HEADERS = [
  'content-type',
  'authorization',
  'x-bitrix24-domain',
  'x-api-key',
  'x-request-id',
  'apollo-require-preflight',
];

/**
 * Lets browsers on the CORS_ORIGINS origins read responses. With none (the default) no CORS header is ever
 * sent, so a page elsewhere cannot read an answer; Apollo's CSRF prevention keeps it from writing blindly.
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: REQUEST_HEADERS,
    exposedHeaders: ['x-request-id'],
    // Credentials travel in headers, never in cookies.
    credentials: false,
    maxAge: 600,
  });
}
