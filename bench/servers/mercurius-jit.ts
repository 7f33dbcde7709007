/**
 * Mercurius on Fastify with graphql-jit compiling each operation on first use, the fastest common Node setup,
 * with an undici Pool for the upstream call. Same schema types, same call, same answer.
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { LIKE_SCHEMA_SDL, likeResolvers } from './like-schema';
import { readServerEnv } from './server-env';

async function main(): Promise<void> {
  const env = readServerEnv();
  const app = Fastify({ logger: false });
  await app.register(mercurius, { schema: LIKE_SCHEMA_SDL, resolvers: likeResolvers(env), jit: 1 });
  await app.listen({ port: env.port, host: '127.0.0.1' });
  process.on('SIGTERM', () => process.exit(0));
}

void main();
