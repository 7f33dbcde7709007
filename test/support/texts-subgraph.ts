import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { silentLogger } from './silent-logger';

/**
 * A second subgraph for federation tests: the one examples/federation/supergraph.yaml composes with the
 * gateway, so that the example's SDL is the one the live federation test runs.
 */
export const TEXTS_SDL = parse(
  readFileSync(resolve(__dirname, '../../examples/federation/messages.graphql'), 'utf8'),
);

export interface TextsSubgraph {
  readonly url: string;
  /** Every entity representation the router asked this subgraph to resolve. */
  readonly representations: object[];
  stop(): Promise<void>;
}

/** Runs the texts subgraph on 127.0.0.1; a message's text names the key it was resolved from. */
export async function startTextsSubgraph(): Promise<TextsSubgraph> {
  const representations: object[] = [];
  const resolvers = {
    Query: { message: (_: unknown, key: { portal: string; id: string }) => textOf(key) },
    Message: {
      __resolveReference(reference: { portal: string; id: string }) {
        representations.push(reference);
        return textOf(reference);
      },
    },
  };
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: TEXTS_SDL, resolvers }),
    logger: silentLogger,
  });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, representations, stop: () => server.stop() };
}

function textOf(key: { portal: string; id: string }) {
  return { portal: key.portal, id: key.id, text: `text of message ${key.id} on ${key.portal}` };
}
