/**
 * What a team typically writes first: Apollo Server's standalone server, a type-graphql schema and the
 * global `fetch` for the upstream call. Same operation, same upstream call, same answer.
 */
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSchema } from 'type-graphql';
import { likeMessageResolver } from './apollo-fetch.schema';
import { readServerEnv } from './server-env';

async function main(): Promise<void> {
  const env = readServerEnv();
  const schema = await buildSchema({ resolvers: [likeMessageResolver(env)] });
  const server = new ApolloServer({ schema });
  await startStandaloneServer(server, { listen: { port: env.port, host: '127.0.0.1' } });
  process.on('SIGTERM', () => process.exit(0));
}

void main();
