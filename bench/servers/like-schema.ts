import { Pool } from 'undici';
import { BITRIX24_ACTION, type ServerEnv } from './server-env';

/** The gateway's types without federation, in SDL, for the peers that take SDL and a resolver map. */
export const LIKE_SCHEMA_SDL = `
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

/**
 * Resolvers making the same upstream call as the gateway, over an undici Pool. The result names its type in
 * `__typename`, which graphql's default type resolver reads, so the union needs no resolver of its own.
 */
export function likeResolvers(env: ServerEnv) {
  const pool = new Pool(env.upstream, { keepAliveTimeout: 30_000 });
  return {
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
  };
}
