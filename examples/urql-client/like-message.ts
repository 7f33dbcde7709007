import { Client, fetchExchange, type CombinedError } from '@urql/core';
// The typed document GraphQL Code Generator writes from schema/operations/ (codegen.yml); a frontend's own
// codegen, pointed at schema/schema.graphql, writes the same.
import { LikeMessageDocument, type LikeAction } from '../../test/generated/graphql';
import type { LikeFailure, LikeResult } from './like-result';

/** An urql client for the gateway; `headers` carry credentials, e.g. `Authorization: Bearer <token>`. */
export function gatewayClient(url: string, headers: Record<string, string> = {}): Client {
  return new Client({ url, exchanges: [fetchExchange], fetchOptions: { headers } });
}

/** Sends `likeMessage` and tells the app what happened. The id travels as a string: 18 digits overflow a number. */
export async function likeMessage(client: Client, id: string, action: LikeAction): Promise<LikeResult> {
  const { data, error } = await client.mutation(LikeMessageDocument, { id, action }).toPromise();
  if (error || !data) return failure(error);
  const answer = data.likeMessage;
  switch (answer.__typename) {
    case 'LikeMessageSuccess':
      return { kind: 'applied', liked: answer.liked };
    case 'LikeUnchangedError':
      return { kind: 'unchanged' };
    case 'MessageIdError':
      return { kind: 'invalid-id', description: answer.description };
  }
}

function failure(error: CombinedError | undefined): LikeFailure {
  const first = error?.graphQLErrors[0];
  if (!first) return noAnswer(error?.message ?? 'no data in the answer');
  const { code, outcome, retryAfter } = first.extensions as Record<string, unknown>;
  return {
    kind: 'failed',
    code: String(code),
    outcome: outcome === 'NOT_APPLIED' || outcome === 'UNKNOWN' ? outcome : null,
    retryAfter: typeof retryAfter === 'number' ? retryAfter : null,
    message: first.message,
  };
}

// Without a GraphQL error there was no answer: the request may or may not have reached Bitrix24.
function noAnswer(message: string): LikeFailure {
  return { kind: 'failed', code: 'NETWORK_ERROR', outcome: 'UNKNOWN', retryAfter: null, message };
}
