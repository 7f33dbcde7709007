import { resolve } from 'node:path';
import { Pool, request } from 'undici';
import { LIKE_MESSAGE_QUERY, expectedAnswer } from '../like-request';
import { ROOT } from '../paths';
import { gatewaySpec } from '../scenarios';
import { freePort, startChild, type Child } from '../support/child';
import { cpuMicros } from '../support/proc-stats';

/** Bitrix24's standard plan: 2 requests per second, burst 50. */
export const STANDARD_BUDGET = { perSecond: 2, burst: 50 } as const;

export interface FloodCase {
  readonly label: string;
  readonly likes: number;
  /** 1: one webhook for all; more: that many OAuth users, each with its own token, likes split evenly. */
  readonly users: number;
  /** The time the flood should take at most, when there is a target. */
  readonly targetSeconds?: number;
}

export const FLOOD_CASES: readonly FloodCase[] = [
  // 20 full batches and the half of the burst that goes alone fit in Bitrix24's burst of 50.
  { label: '1,000 likes, one credential', likes: 1_000, users: 1, targetSeconds: 2 },
  { label: '10 users, 100 likes each', likes: 1_000, users: 10 },
];

/** A flood of likes sent at once, against a portal that enforces Bitrix24's leaky bucket. */
export interface FloodRun {
  readonly label: string;
  readonly likes: number;
  readonly users: number;
  readonly targetSeconds?: number;
  readonly perSecond: number;
  readonly burst: number;
  readonly succeeded: number;
  /** Answers other than LikeMessageSuccess, by __typename or error code. */
  readonly otherAnswers: Record<string, number>;
  /** Likes Bitrix24 applied, counted in its call log (inside batches too): equal to `likes` when none ran twice. */
  readonly applied: number;
  readonly httpRequests: number;
  readonly batchRequests: number;
  readonly upstreamQueryLimitExceeded: number;
  readonly seconds: number;
  /** (likes − burst) / rate: what sending one request per like would take at the least. */
  readonly oneCallEachSeconds: number;
  readonly cpuMicrosPerLike: number;
}

interface LoggedCall {
  method: string;
  error: string | null;
  applied: boolean;
  commands?: Array<{ applied: boolean }>;
}

const FIRST_MESSAGE_ID = 1001;

/**
 * The emulator (its own process) enforces Bitrix24's budget per client IP; the gateway runs as shipped with its
 * limiter set to the same budget; every like is sent at once on its own connection, each on a different message,
 * so each must come back LikeMessageSuccess and be applied exactly once.
 */
export async function measureFlood(flood: FloodCase, budget = STANDARD_BUDGET): Promise<FloodRun> {
  const emulatorPort = await freePort();
  const emulator = await startChild({
    name: 'emulator',
    script: resolve(ROOT, 'dist/emulator/main.js'),
    port: emulatorPort,
    path: '/',
    env: {
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_RATE_PER_SEC: String(budget.perSecond),
      EMULATOR_BURST: String(budget.burst),
    },
  });
  let gateway: Child | undefined;
  try {
    const origin = `http://127.0.0.1:${emulatorPort}`;
    const ids = Array.from({ length: flood.likes }, (_, index) => String(FIRST_MESSAGE_ID + index));
    const users = Array.from({ length: flood.users }, (_, index) => index + 1);
    await control(origin, 'POST', '/setup', {
      users,
      chats: [{ id: 1, members: users }],
      messages: ids.map((id) => ({ id, chatId: 1 })),
      tokens: users.map((userId) => ({ token: `flood-token-${userId}`, userId, expiresInSec: 3_600 })),
    });
    const { url: webhookUrl } = (await control(origin, 'POST', '/webhooks', { userId: 1 })) as {
      url: string;
    };
    const limits = { ...budget, timeoutMs: 600_000 };
    const oauth: Record<string, string> =
      flood.users > 1 ? { BITRIX24_PORTALS: origin, BITRIX24_PRIVATE_HOSTS: new URL(origin).host } : {};
    gateway = await startChild(
      gatewaySpec(flood.users > 1 ? '' : webhookUrl, await freePort(), limits, [], oauth),
    );
    const cpuBefore = cpuMicros(gateway.pid);
    const answers = await sendAllAtOnce(gateway.url, ids, (index) =>
      flood.users > 1 ? `flood-token-${(index % flood.users) + 1}` : undefined,
    );
    const cpu = cpuMicros(gateway.pid) - cpuBefore;
    const { calls } = (await control(origin, 'GET', '/calls')) as { calls: LoggedCall[] };
    const portal = new URL(origin).host;
    return {
      ...flood,
      ...budget,
      ...tally(answers.bodies, (index) => expectedAnswer(portal, ids[index])),
      applied: calls.reduce(
        (sum, call) =>
          sum + (call.commands ? call.commands.filter((c) => c.applied).length : Number(call.applied)),
        0,
      ),
      httpRequests: calls.length,
      batchRequests: calls.filter((call) => call.method === 'batch').length,
      upstreamQueryLimitExceeded: calls.filter((call) => call.error === 'QUERY_LIMIT_EXCEEDED').length,
      seconds: answers.seconds,
      oneCallEachSeconds: (flood.likes - budget.burst) / budget.perSecond,
      cpuMicrosPerLike: cpu / flood.likes,
    };
  } finally {
    await gateway?.stop();
    await emulator.stop();
  }
}

async function sendAllAtOnce(
  url: string,
  ids: readonly string[],
  tokenFor: (index: number) => string | undefined,
) {
  const pool = new Pool(new URL(url).origin, { connections: ids.length });
  const path = new URL(url).pathname;
  const started = performance.now();
  try {
    const bodies = await Promise.all(
      ids.map(async (id, index) => {
        const token = tokenFor(index);
        const response = await pool.request({
          path,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({
            operationName: 'LikeMessage',
            query: LIKE_MESSAGE_QUERY,
            variables: { id, action: 'PLUS' },
          }),
        });
        return response.body.text();
      }),
    );
    return { bodies, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool.close();
  }
}

/** How many answers were the one expected, and the others by __typename or error code. */
export function tally(bodies: readonly string[], expected: (index: number) => string) {
  const otherAnswers: Record<string, number> = {};
  let succeeded = 0;
  bodies.forEach((body, index) => {
    if (body.trimEnd() === expected(index)) succeeded += 1;
    else otherAnswers[outcomeOf(body)] = (otherAnswers[outcomeOf(body)] ?? 0) + 1;
  });
  return { succeeded, otherAnswers };
}

function outcomeOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      data?: { likeMessage?: { __typename?: string } };
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    return parsed.data?.likeMessage?.__typename ?? parsed.errors?.[0]?.extensions?.code ?? 'unreadable';
  } catch {
    return 'not JSON';
  }
}

/** A call to the emulator's control API under /_emulator/. */
export async function control(
  origin: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await request(`${origin}/_emulator${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.statusCode !== 200) throw new Error(`emulator ${method} ${path}: HTTP ${response.statusCode}`);
  return response.body.json();
}
