import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './paths';

/** The webhook every scenario calls: user 1 and a fixed code, on the fake upstream. */
export const WEBHOOK_PATH = '/rest/1/benchwebhookcode/';

/** The operation clients are given (every outcome of the union), read from the committed file. */
export const LIKE_MESSAGE_QUERY = readFileSync(
  resolve(ROOT, 'schema/operations/like-message.graphql'),
  'utf8',
);

export const MESSAGE_ID = '1';

/** The request body every load generator sends: the operation with its variables, as a client sends it. */
export const LIKE_REQUEST_BODY = JSON.stringify({
  operationName: 'LikeMessage',
  query: LIKE_MESSAGE_QUERY,
  variables: { id: MESSAGE_ID, action: 'PLUS' },
});

/** The answer every scenario must send, byte for byte, when the upstream applied the like. */
export function expectedAnswer(portal: string, messageId = MESSAGE_ID): string {
  return JSON.stringify({
    data: {
      likeMessage: {
        __typename: 'LikeMessageSuccess',
        liked: true,
        action: 'PLUS',
        message: { portal, id: messageId },
      },
    },
  });
}
