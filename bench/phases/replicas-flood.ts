import { Agent, request } from 'undici';
import { LIKE_MESSAGE_QUERY, expectedAnswer } from '../like-request';
import type { Child } from '../support/child';
import { control, tally } from './flood';

/** One flood of likes through three replicas, each like from its own user, all sent at once. */
export interface ReplicaFloodRun {
  readonly likes: number;
  readonly succeeded: number;
  /** Answers other than LikeMessageSuccess, by __typename or error code. */
  readonly otherAnswers: Record<string, number>;
  readonly upstreamCalls: number;
  readonly upstreamQueryLimitExceeded: number;
  readonly seconds: number;
  /** (likes - burst) / perSecond: the first `burst` calls pass at once, then one per 1/perSecond. */
  readonly theoreticalSeconds: number;
  readonly ratio: number;
}

export interface FloodTarget {
  readonly emulator: string;
  readonly replicas: readonly Child[];
  readonly users: readonly number[];
  readonly messageId: string;
  readonly perSecond: number;
  readonly burst: number;
}

export const tokenOf = (userId: number) => `bench-token-${userId}`;

/** Sends every user's like at once, user i through replica i mod 3, and reads what Bitrix24 saw. */
export async function flood(target: FloodTarget): Promise<ReplicaFloodRun> {
  await control(target.emulator, 'DELETE', '/calls');
  const agent = new Agent({ connections: target.users.length });
  const started = performance.now();
  const bodies = await Promise.all(target.users.map((userId, index) => like(target, agent, userId, index)));
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  const { calls } = (await control(target.emulator, 'GET', '/calls')) as {
    calls: Array<{ error: string | null }>;
  };
  const expected = expectedAnswer(new URL(target.emulator).host, target.messageId);
  const theoreticalSeconds = (bodies.length - target.burst) / target.perSecond;
  return {
    likes: bodies.length,
    ...tally(bodies, () => expected),
    upstreamCalls: calls.length,
    upstreamQueryLimitExceeded: calls.filter((call) => call.error === 'QUERY_LIMIT_EXCEEDED').length,
    seconds,
    theoreticalSeconds,
    ratio: seconds / theoreticalSeconds,
  };
}

async function like(target: FloodTarget, agent: Agent, userId: number, index: number): Promise<string> {
  const replica = target.replicas[index % target.replicas.length] as Child;
  const response = await request(replica.url, {
    dispatcher: agent,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(userId)}` },
    body: JSON.stringify({
      operationName: 'LikeMessage',
      query: LIKE_MESSAGE_QUERY,
      variables: { id: target.messageId, action: 'PLUS' },
    }),
  });
  return response.body.text();
}
