import { resolve } from 'node:path';
import { Pool, request } from 'undici';
import { LIKE_MESSAGE_QUERY, expectedAnswer } from '../like-request';
import { ROOT } from '../paths';
import { gatewaySpec } from '../scenarios';
import { freePort, startChild, type Child } from '../support/child';

export interface LimitedSettings {
  readonly mutations: number;
  readonly perSecond: number;
  readonly burst: number;
}

/** Many mutations at once against a portal that enforces Bitrix24's leaky bucket. */
export interface LimitedRun {
  readonly mutations: number;
  readonly perSecond: number;
  readonly burst: number;
  readonly succeeded: number;
  /** Answers other than LikeMessageSuccess, by __typename or error code. */
  readonly otherAnswers: Record<string, number>;
  readonly upstreamCalls: number;
  readonly upstreamQueryLimitExceeded: number;
  readonly seconds: number;
  /** (mutations - burst) / perSecond: the first `burst` calls pass at once, then one per 1/perSecond. */
  readonly theoreticalSeconds: number;
  readonly ratio: number;
  /** The gateway keeps this many slots of the burst free, as headroom for network jitter. */
  readonly gatewayHeadroom: number;
}

const FIRST_MESSAGE_ID = 1001;

/**
 * The real constraint: the emulator (as its own process) enforces `perSecond`/`burst` per client IP like
 * Bitrix24, the gateway runs as shipped with its limiter set to the same budget, and every mutation is sent at
 * once over its own connection. Each likes a different message, so each must come back LikeMessageSuccess.
 */
export async function measureLimited(settings: LimitedSettings): Promise<LimitedRun> {
  const emulatorPort = await freePort();
  const emulator = await startChild({
    name: 'emulator',
    script: resolve(ROOT, 'dist/emulator/main.js'),
    port: emulatorPort,
    path: '/',
    env: {
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_PORT: String(emulatorPort),
      EMULATOR_RATE_PER_SEC: String(settings.perSecond),
      EMULATOR_BURST: String(settings.burst),
    },
  });
  let gateway: Child | undefined;
  try {
    const origin = `http://127.0.0.1:${emulatorPort}`;
    const ids = Array.from({ length: settings.mutations }, (_, index) => String(FIRST_MESSAGE_ID + index));
    await control(origin, 'POST', '/setup', { messages: ids.map((id) => ({ id, chatId: 1 })) });
    const { url: webhookUrl } = (await control(origin, 'POST', '/webhooks', { userId: 1 })) as {
      url: string;
    };
    const limits = { perSecond: settings.perSecond, burst: settings.burst, timeoutMs: 600_000 };
    gateway = await startChild(gatewaySpec(webhookUrl, await freePort(), limits));
    const answers = await sendAllAtOnce(gateway.url, ids);
    const { calls } = (await control(origin, 'GET', '/calls')) as { calls: Array<{ error: string | null }> };
    const portal = new URL(origin).host;
    const otherAnswers: Record<string, number> = {};
    let succeeded = 0;
    answers.bodies.forEach((body, index) => {
      if (body.trimEnd() === expectedAnswer(portal, ids[index])) succeeded += 1;
      else otherAnswers[outcomeOf(body)] = (otherAnswers[outcomeOf(body)] ?? 0) + 1;
    });
    const theoreticalSeconds = (settings.mutations - settings.burst) / settings.perSecond;
    return {
      mutations: settings.mutations,
      perSecond: settings.perSecond,
      burst: settings.burst,
      succeeded,
      otherAnswers,
      upstreamCalls: calls.length,
      upstreamQueryLimitExceeded: calls.filter((call) => call.error === 'QUERY_LIMIT_EXCEEDED').length,
      seconds: answers.seconds,
      theoreticalSeconds,
      ratio: answers.seconds / theoreticalSeconds,
      gatewayHeadroom: Math.max(1, Math.round(settings.burst * 0.04)),
    };
  } finally {
    await gateway?.stop();
    await emulator.stop();
  }
}

async function sendAllAtOnce(url: string, ids: readonly string[]) {
  const pool = new Pool(new URL(url).origin, { connections: ids.length });
  const path = new URL(url).pathname;
  const started = performance.now();
  try {
    const bodies = await Promise.all(
      ids.map(async (id) => {
        const response = await pool.request({
          path,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
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

async function control(
  origin: string,
  method: 'GET' | 'POST',
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
