/**
 * Apollo Server on Fastify as its docs show it, with an SDL schema and an undici Pool, and nothing else:
 * the same stack as the gateway without any of the gateway's own work (limits, retries, logs, metrics,
 * federation). The gap between this and the gateway is ours; the gap between this and the floor is Apollo's.
 */
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { LIKE_SCHEMA_SDL, likeResolvers } from './like-schema';
import { readServerEnv } from './server-env';

async function main(): Promise<void> {
  const env = readServerEnv();
  const app = Fastify({ logger: false });
  const apollo = new ApolloServer({
    typeDefs: LIKE_SCHEMA_SDL,
    resolvers: likeResolvers(env),
    plugins: [fastifyApolloDrainPlugin(app)],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo));
  await app.listen({ port: env.port, host: '127.0.0.1' });
  process.on('SIGTERM', () => process.exit(0));
}

void main();
