import { MockAgent } from 'undici';
import type { Bitrix24Client } from '../../src/bitrix24/bitrix24-client';
import { likeMessageCommand, type LikeMessageAction } from '../../src/bitrix24/methods/im-message-like';
import { createBitrix24Client } from '../../src/bitrix24/create-client';
import type { ResilienceSettings } from '../../src/bitrix24/resilience-settings';
import { LIKE_SUCCESS_BODY } from '../support/fixtures';
import { testResilience } from '../support/resilience';
import { failedOf, LIKE_APPLIED } from '../support/command-failure';
import { silentLogger } from '../support/silent-logger';
import { PORTAL_ORIGIN, WEBHOOK_PATH, webhookTarget } from '../support/targets';

let agent: MockAgent;
// Backoffs and the breaker's cooldown run on this clock, so no test waits for real time.
let clockMs = 0;

beforeEach(() => {
  clockMs = 0;
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const sleep = async (ms: number) => {
  clockMs += ms;
};

function client(overrides: Partial<ResilienceSettings> = {}): Bitrix24Client {
  return createBitrix24Client({
    dispatcherFactory: () => agent,
    resilience: testResilience(overrides),
    sleep,
    clock: () => Date.now() + clockMs,
  });
}

function answer(action: LikeMessageAction = 'plus') {
  return agent.get(PORTAL_ORIGIN).intercept({
    path: `${WEBHOOK_PATH}im.message.like.json`,
    method: 'POST',
    body: JSON.stringify({ MESSAGE_ID: '9', ACTION: action }),
  });
}

const error = (status: number, code: string) => [status, { error: code, error_description: code }] as const;
const socketError = (code: string, syscall = 'read') => Object.assign(new Error(code), { code, syscall });
const refused = () => socketError('ECONNREFUSED', 'connect');

function like(subject: Bitrix24Client, action: LikeMessageAction = 'plus', deadlineMs = 5_000) {
  return subject.run(webhookTarget, likeMessageCommand('9', action), {
    deadline: Date.now() + deadlineMs,
    log: silentLogger,
  });
}

const failureOf = failedOf;

describe('retries', () => {
  it('retries PLUS after a 5xx and succeeds', async () => {
    answer().reply(...error(500, 'INTERNAL_SERVER_ERROR'));
    answer().reply(200, LIKE_SUCCESS_BODY);
    await expect(like(client())).resolves.toMatchObject(LIKE_APPLIED);
  });

  it('retries PLUS after a reset, the answer then counts', async () => {
    answer().replyWithError(socketError('UND_ERR_SOCKET'));
    answer().reply(...error(400, 'WITHOUT_CHANGES'));
    const failure = await failureOf(like(client()));
    expect(failure.failure).toMatchObject({ kind: 'error-response', code: 'WITHOUT_CHANGES' });
    expect([failure.attempts, failure.outcome]).toEqual([2, 'UNKNOWN']);
  });

  it('never retries AUTO after a reset', async () => {
    answer('auto').replyWithError(socketError('UND_ERR_SOCKET'));
    expect((await failureOf(like(client(), 'auto'))).failure).toEqual({
      kind: 'network',
      reason: 'UND_ERR_SOCKET',
    });
  });

  it('never retries AUTO when a reused connection reports an unreachable host from a read', async () => {
    answer('auto').replyWithError(socketError('EHOSTUNREACH', 'read'));
    const failure = await failureOf(like(client(), 'auto'));
    expect([failure.failure, failure.attempts]).toEqual([{ kind: 'network', reason: 'EHOSTUNREACH' }, 1]);
  });

  it('retries AUTO when the connection was refused, so it is applied once', async () => {
    answer('auto').replyWithError(refused());
    answer('auto').reply(200, LIKE_SUCCESS_BODY);
    await expect(like(client(), 'auto')).resolves.toMatchObject(LIKE_APPLIED);
  });

  it('retries AUTO after QUERY_LIMIT_EXCEEDED, which Bitrix24 answers before doing anything', async () => {
    answer('auto').reply(...error(503, 'QUERY_LIMIT_EXCEEDED'));
    answer('auto').reply(200, LIKE_SUCCESS_BODY);
    await expect(like(client(), 'auto')).resolves.toMatchObject(LIKE_APPLIED);
  });

  it('keeps the outcome unknown when a later attempt fails cleanly after an ambiguous one', async () => {
    answer().replyWithError(socketError('UND_ERR_SOCKET'));
    answer().replyWithError(refused());
    answer().replyWithError(refused());
    const failure = await failureOf(like(client()));
    expect(failure.failure).toEqual({ kind: 'connect', reason: 'ECONNREFUSED' });
    expect([failure.attempts, failure.outcome]).toEqual([3, 'UNKNOWN']);
  });

  it('does not start a retry that could not finish before the deadline', async () => {
    answer().reply(...error(500, 'INTERNAL_SERVER_ERROR'));
    const failure = await failureOf(like(client(), 'plus', 1_000));
    expect(failure.attempts).toBe(1);
  });
});

describe('OPERATION_TIME_LIMIT', () => {
  it('stops calling the method until the window Bitrix24 reported resets', async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 120;
    answer().reply(200, {
      ...LIKE_SUCCESS_BODY,
      time: { ...LIKE_SUCCESS_BODY.time, operating_reset_at: resetAt, operating: 470 },
    });
    answer().reply(...error(429, 'OPERATION_TIME_LIMIT'));
    const subject = client();
    await like(subject);
    const blocked = await failureOf(like(subject));
    expect(blocked.failure).toMatchObject({ kind: 'error-response', code: 'OPERATION_TIME_LIMIT' });
    const retryAfter = (blocked.failure as { retryAfterSec: number }).retryAfterSec;
    expect(retryAfter).toBeGreaterThanOrEqual(119);
    expect(retryAfter).toBeLessThanOrEqual(121);
    // No interceptor is left: a further call must not reach Bitrix24 at all.
    const held = await failureOf(like(subject));
    expect(held.failure).toEqual({
      kind: 'throttled',
      reason: 'operation-time-limit',
      retryAfterSec: retryAfter,
    });
    expect(held.attempts).toBe(0);
  });

  it('holds the method for 60 s when no success told when its window resets, then calls it again', async () => {
    answer().reply(...error(429, 'OPERATION_TIME_LIMIT'));
    const subject = client();
    const blocked = await failureOf(like(subject));
    expect(blocked.failure).toEqual({
      kind: 'error-response',
      status: 429,
      code: 'OPERATION_TIME_LIMIT',
      description: 'OPERATION_TIME_LIMIT',
      retryAfterSec: 60,
    });
    const held = await failureOf(like(subject));
    expect([held.failure, held.attempts]).toEqual([
      { kind: 'throttled', reason: 'operation-time-limit', retryAfterSec: 60 },
      0,
    ]);
    clockMs += 60_000;
    answer().reply(200, LIKE_SUCCESS_BODY);
    await expect(like(subject)).resolves.toMatchObject(LIKE_APPLIED);
  });
});

describe('circuit breaker', () => {
  it('fails fast once a portal keeps failing, then probes it again', async () => {
    const subject = client({ retries: 0, breakerThreshold: 2, breakerCooldownMs: 1_000 });
    answer().reply(...error(500, 'INTERNAL_SERVER_ERROR'));
    answer().replyWithError(refused());
    await failureOf(like(subject));
    await failureOf(like(subject));
    const fast = await failureOf(like(subject));
    expect([fast.failure, fast.attempts]).toEqual([{ kind: 'circuit-open' }, 0]);
    clockMs += 1_000;
    answer().reply(200, LIKE_SUCCESS_BODY);
    await expect(like(subject)).resolves.toMatchObject(LIKE_APPLIED);
    expect(subject.breakers.states()).toEqual(new Map([['acme.bitrix24.com', 0]]));
  });

  it('does not count answers about the request, like WITHOUT_CHANGES, as portal failures', async () => {
    const subject = client({ retries: 0, breakerThreshold: 1 });
    answer().reply(...error(400, 'WITHOUT_CHANGES'));
    answer().reply(200, LIKE_SUCCESS_BODY);
    await failureOf(like(subject));
    await expect(like(subject)).resolves.toMatchObject(LIKE_APPLIED);
  });
});

describe('rate limiter', () => {
  it('answers at once when the wait for a slot would pass the deadline', async () => {
    const subject = client({ rateLimit: { perSecond: 0.1, burst: 2 } });
    answer().reply(200, LIKE_SUCCESS_BODY);
    await like(subject);
    const held = await failureOf(like(subject, 'plus', 2_000));
    expect(held.failure).toEqual({ kind: 'throttled', reason: 'deadline', retryAfterSec: 10 });
  });

  it('gives the slot back once an attempt is over, whether it succeeded or failed', async () => {
    // One slot (burst 2 less the headroom) that drains at once after settling: a slot never given back
    // would hold the next call until its deadline.
    const subject = client({ rateLimit: { perSecond: 1_000_000, burst: 2 } });
    answer().reply(200, LIKE_SUCCESS_BODY);
    answer('auto').replyWithError(socketError('UND_ERR_SOCKET'));
    answer().reply(200, LIKE_SUCCESS_BODY);
    await like(subject);
    await failureOf(like(subject, 'auto'));
    await expect(like(subject, 'plus', 1_000)).resolves.toMatchObject(LIKE_APPLIED);
  });

  it('counts the bucket as full after Bitrix24 said QUERY_LIMIT_EXCEEDED', async () => {
    const subject = client({ rateLimit: { perSecond: 0.1, burst: 10 }, retries: 0 });
    answer().reply(...error(503, 'QUERY_LIMIT_EXCEEDED'));
    await failureOf(like(subject));
    const held = await failureOf(like(subject, 'plus', 2_000));
    expect(held.failure).toMatchObject({ kind: 'throttled', reason: 'deadline' });
  });
});
