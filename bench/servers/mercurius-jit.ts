/**
 * Mercurius on Fastify with graphql-jit compiling each operation on first use, the fastest common Node setup,
 * with an undici Pool for the upstream call. Same schema types, same call, same answer.
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { Pool } from 'undici';
import { BITRIX24_ACTION, readServerEnv } from './server-env';

const SCHEMA = `
  enum LikeAction { PLUS MINUS AUTO }
  type Message { portal: String! id: ID! }
  interface Bitrix24Error { code: String! description: String! }
  type LikeMessageSuccess { message: Message! action: LikeAction! liked: Boolean }
  type MessageIdError implements Bitrix24Error { code: String! description: String! }
  type LikeUnchangedError implements Bitrix24Error {
    code: String! description: String! message: Message! action: LikeAction!
  }
  union LikeMessageResult = LikeMessageSuccess | MessageIdError | LikeUnchangedError
  type Query { ping: String! }
  type Mutation { likeMessage(messageId: ID!, action: LikeAction! = AUTO): LikeMessageResult! }
`;

async function main(): Promise<void> {
  const env = readServerEnv();
  const pool = new Pool(env.upstream, { keepAliveTimeout: 30_000 });
  const resolvers = {
    Query: { ping: () => 'pong' },
    Mutation: {
      async likeMessage(_root: unknown, { messageId, action }: { messageId: string; action: string }) {
        const response = await pool.request({
          path: env.likePath,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ MESSAGE_ID: messageId, ACTION: BITRIX24_ACTION[action] }),
        });
        const envelope = (await response.body.json()) as { result?: unknown };
        if (envelope.result !== true) throw new Error('Bitrix24 did not apply the like');
        const liked = action === 'AUTO' ? null : action === 'PLUS';
        return {
          __typename: 'LikeMessageSuccess',
          message: { portal: env.portal, id: messageId },
          action,
          liked,
        };
      },
    },
    LikeMessageResult: { resolveType: (result: { __typename: string }) => result.__typename },
  };
  const app = Fastify({ logger: false });
  await app.register(mercurius, { schema: SCHEMA, resolvers, jit: 1 });
  await app.listen({ port: env.port, host: '127.0.0.1' });
  process.on('SIGTERM', () => process.exit(0));
}

void main();
