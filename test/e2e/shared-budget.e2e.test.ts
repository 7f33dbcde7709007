import { request } from 'undici';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { startRedis, type RedisServer } from '../support/redis-server';
import { logCount, metric, startReplicas, stopReplicas, type Replica } from '../support/replica-set';
import { postGraphQL } from '../support/running-gateway';
import { eventually } from '../support/shared-redis';

// Three replicas, one egress IP (127.0.0.1), one portal with a small fast budget. Each like of a flood comes
// from its own user, so that nothing could ever be merged: every like is one request to Bitrix24.
const BUDGET = { perSecond: 40, burst: 10 };
const TIMEOUT_MS = 8_000;
const USERS = Array.from({ length: 36 }, (_, index) => 1_001 + index);
const PASSWORD = 'r3dis-pa55w0rd-never-printed';
const FELL_BACK = 'redis unreachable: this replica paces Bitrix24 calls alone, with its share of the budget';
const RECOVERED = 'redis reachable again: replicas share one Bitrix24 budget again';

let redis: RedisServer;
let emulator: EmulatorProcess;
let replicas: Replica[];

beforeAll(async () => {
  [redis, emulator] = await Promise.all([
    startRedis(PASSWORD),
    spawnEmulator({ EMULATOR_RATE_PER_SEC: String(BUDGET.perSecond), EMULATOR_BURST: String(BUDGET.burst) }),
  ]);
  await emulator.control.setup({
    chats: [{ id: 7, members: USERS }],
    messages: [7_001, 7_002, 7_003].map((id) => ({ id, chatId: 7 })),
    tokens: USERS.map((userId) => ({ token: `flood-token-${userId}`, userId, expiresInSec: 3_600 })),
  });
  replicas = await startReplicas(3, {
    BITRIX24_PORTALS: emulator.origin,
    BITRIX24_RATE_PER_SEC: String(BUDGET.perSecond),
    BITRIX24_BURST: String(BUDGET.burst),
    BITRIX24_TIMEOUT_MS: String(TIMEOUT_MS),
    REDIS_URL: redis.url,
    BITRIX24_REPLICAS: '3',
  });
});
afterAll(async () => {
  await stopReplicas(replicas ?? []);
  await Promise.all([emulator?.stop(), redis?.stop()]);
});

interface Answer {
  readonly status: number;
  readonly typename: string | undefined;
  readonly ms: number;
}

/** Every user likes the message at once, each through the replica its id falls on. */
function flood(messageId: number): Promise<Answer[]> {
  return Promise.all(
    USERS.map(async (userId) => {
      const started = performance.now();
      const response = await postGraphQL(
        `${replicas[userId % 3]!.url}/graphql`,
        { query: LIKE_MESSAGE, variables: { id: String(messageId), action: 'PLUS' } },
        { authorization: `Bearer flood-token-${userId}` },
      );
      const data = response.body.data as { likeMessage?: { __typename: string } } | null;
      return {
        status: response.status,
        typename: data?.likeMessage?.__typename,
        ms: performance.now() - started,
      };
    }),
  );
}

/** What Bitrix24 saw of one flood: every like applied once, by its own user, and never a refusal. */
async function expectAppliedOnceWithoutRefusals(messageId: number, answers: Answer[]): Promise<void> {
  expect(answers.map(({ status, typename }) => [status, typename])).toEqual(
    USERS.map(() => [200, 'LikeMessageSuccess']),
  );
  const calls = (await emulator.control.calls()).filter(
    (call) => call.params.MESSAGE_ID === String(messageId),
  );
  expect(calls.filter((call) => call.error === 'QUERY_LIMIT_EXCEEDED')).toEqual([]);
  expect(calls).toHaveLength(USERS.length);
  expect(calls.filter((call) => call.applied).map((call) => call.userId)).toHaveLength(USERS.length);
  expect(await emulator.control.likes(String(messageId))).toEqual(USERS);
}

async function readiness(replica: Replica): Promise<[number, unknown]> {
  const response = await request(`${replica.url}/readyz`);
  return [response.statusCode, await response.body.json()];
}

it('paces a flood through three replicas as one budget: no QUERY_LIMIT_EXCEEDED, every like applied once', async () => {
  await expectAppliedOnceWithoutRefusals(7_001, await flood(7_001));
  for (const replica of replicas) {
    expect(await readiness(replica)).toEqual([200, { status: 'ready', limiter: 'shared' }]);
    expect(await metric(replica, 'bitrix24_limiter_shared')).toBe(1);
  }
});

it('goes on with a share of the budget each while Redis is down, and shares again once it is back', async () => {
  const pending = flood(7_002);
  await pollCalls(7_002, 12);
  await redis.kill();
  await eventually(() => replicas.every((replica) => logCount(replica, FELL_BACK) === 1));
  for (const replica of replicas) {
    expect(await readiness(replica)).toEqual([200, { status: 'ready', limiter: 'fallback' }]);
    expect(await metric(replica, 'bitrix24_limiter_shared')).toBe(0);
  }
  await redis.restart();
  const answers = await pending;
  expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(TIMEOUT_MS);
  await expectAppliedOnceWithoutRefusals(7_002, answers);

  for (const replica of replicas) await eventuallyShared(replica);
  await expectAppliedOnceWithoutRefusals(7_003, await flood(7_003));
  for (const replica of replicas) {
    expect([logCount(replica, FELL_BACK), logCount(replica, RECOVERED)]).toEqual([1, 1]);
  }
});

it('never prints the Redis password', () => {
  for (const replica of replicas) {
    expect(replica.process.output()).not.toContain(PASSWORD);
  }
});

/** Waits until the flood in progress has reached Bitrix24 `count` times. */
async function pollCalls(messageId: number, count: number): Promise<void> {
  const until = Date.now() + 5_000;
  const reached = async () =>
    (await emulator.control.calls()).filter((call) => call.params.MESSAGE_ID === String(messageId)).length;
  while ((await reached()) < count) {
    if (Date.now() > until) throw new Error(`fewer than ${count} calls reached the emulator in time`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function eventuallyShared(replica: Replica): Promise<void> {
  const until = Date.now() + 5_000;
  while ((await metric(replica, 'bitrix24_limiter_shared')) !== 1) {
    if (Date.now() > until) throw new Error('the replica did not return to the shared budget in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
