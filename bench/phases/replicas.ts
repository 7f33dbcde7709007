import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { startRedis, type RedisServer } from '../../test/support/redis-server';
import { expectedAnswer, LIKE_REQUEST_BODY, WEBHOOK_PATH } from '../like-request';
import { ROOT } from '../paths';
import { gatewaySpec, UNLIMITED, upstreamSpec, type GatewayLimits } from '../scenarios';
import { freePort, startChild, type Child } from '../support/child';
import { median, round } from '../support/stats';
import { measureFixedRate } from './fixed-rate';
import { control } from './flood';
import { flood, tokenOf, type ReplicaFloodRun } from './replicas-flood';

export interface ReplicasSettings {
  readonly likes: number;
  readonly perSecond: number;
  readonly burst: number;
  /** Low-load latency, with and without Redis: rounds of `seconds` at `rate` requests/s each. */
  readonly rate: number;
  readonly seconds: number;
  readonly rounds: number;
}

/** Three gateway processes as replicas behind one egress IP: each on its own, then sharing Redis. */
export interface ReplicasRun {
  readonly perSecond: number;
  readonly burst: number;
  readonly alone: ReplicaFloodRun;
  readonly shared: ReplicaFloodRun;
  /** p50 at low load with REDIS_URL minus without, median of the rounds. */
  readonly redisAddedP50Ms: number;
  readonly p50WithoutMs: number;
  readonly p50WithMs: number;
}

const REPLICAS = 3;
const FIRST_USER = 20_001;

export async function measureReplicas(settings: ReplicasSettings): Promise<ReplicasRun> {
  const redis = await startRedis();
  try {
    const emulator = await startEmulator(settings);
    const origin = new URL(emulator.url).origin;
    try {
      const users = Array.from({ length: settings.likes }, (_, index) => FIRST_USER + index);
      await control(origin, 'POST', '/setup', {
        chats: [{ id: 9, members: users }],
        messages: [9_000, 9_001, 9_002].map((id) => ({ id, chatId: 9 })),
        tokens: users.map((userId) => ({ token: tokenOf(userId), userId, expiresInSec: 3_600 })),
      });
      const run = (messageId: string, env: Record<string, string>) =>
        floodThrough(origin, users, messageId, settings, env);
      const alone = await run('9001', {});
      const shared = await run('9002', { REDIS_URL: redis.url, BITRIX24_REPLICAS: String(REPLICAS) });
      return {
        perSecond: settings.perSecond,
        burst: settings.burst,
        alone,
        shared,
        ...(await latency(redis, settings)),
      };
    } finally {
      await emulator.stop();
    }
  } finally {
    await redis.stop();
  }
}

async function startEmulator({ perSecond, burst }: ReplicasSettings): Promise<Child> {
  const port = await freePort();
  const env = {
    EMULATOR_PORT: String(port),
    EMULATOR_RATE_PER_SEC: String(perSecond),
    EMULATOR_BURST: String(burst),
  };
  return startChild({
    name: 'emulator',
    script: resolve(ROOT, 'dist/emulator/main.js'),
    port,
    path: '/',
    env,
  });
}

async function floodThrough(
  origin: string,
  users: number[],
  messageId: string,
  settings: ReplicasSettings,
  env: Record<string, string>,
): Promise<ReplicaFloodRun> {
  const limits: GatewayLimits = { ...settings, timeoutMs: 60_000 };
  const webhook = `${origin}${WEBHOOK_PATH}`;
  const replicas = await Promise.all(
    Array.from({ length: REPLICAS }, async () =>
      startChild(gatewaySpec(webhook, await freePort(), limits, [], { BITRIX24_PORTALS: origin, ...env })),
    ),
  );
  try {
    // One like per replica first (connections, compiled code, a shared bucket that starts full), then the
    // buckets drain so that the flood starts from empty ones, as the budget's minimum assumes.
    await flood({
      emulator: origin,
      replicas,
      users: users.slice(0, REPLICAS),
      messageId: '9000',
      ...settings,
    });
    await sleep(((settings.burst + REPLICAS) / settings.perSecond) * 1000);
    return await flood({ emulator: origin, replicas, users, messageId, ...settings });
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
  }
}

/** What a Redis round trip adds to a call when nothing waits: one gateway with REDIS_URL, one without. */
async function latency(redis: RedisServer, settings: ReplicasSettings) {
  const upstream = await startChild(upstreamSpec(await freePort()));
  const webhook = `${new URL(upstream.url).origin}${WEBHOOK_PATH}`;
  const start = async (env: Record<string, string>) =>
    startChild(gatewaySpec(webhook, await freePort(), UNLIMITED, [], env));
  const [without, withRedis] = [
    await start({}),
    await start({ REDIS_URL: redis.url, BITRIX24_REPLICAS: '1' }),
  ];
  try {
    const expected = expectedAnswer(new URL(upstream.url).host);
    await Promise.all([without, withRedis].map((child) => checkAnswer(child, expected)));
    const p50 = { without: [] as number[], with: [] as number[] };
    for (let round = 0; round < settings.rounds; round++) {
      p50.without.push((await measureFixedRate(without, expected, settings)).p50Ms);
      p50.with.push((await measureFixedRate(withRedis, expected, settings)).p50Ms);
    }
    const added = p50.with.map((value, index) => value - (p50.without[index] as number));
    return {
      redisAddedP50Ms: round(median(added), 3),
      p50WithoutMs: round(median(p50.without), 3),
      p50WithMs: round(median(p50.with), 3),
    };
  } finally {
    await Promise.all([without, withRedis, upstream].map((child) => child.stop()));
  }
}

async function checkAnswer(child: Child, expected: string): Promise<void> {
  const response = await request(child.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: LIKE_REQUEST_BODY,
  });
  const body = (await response.body.text()).trimEnd();
  if (body !== expected) throw new Error(`${child.name} answered ${body}\nexpected ${expected}`);
}
