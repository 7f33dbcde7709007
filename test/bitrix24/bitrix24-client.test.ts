import { MockAgent } from 'undici';
import type { Bitrix24Failure } from '../../src/bitrix24/failure';
import { likeMessageCommand } from '../../src/bitrix24/methods/im-message-like';
import type { Bitrix24Client } from '../../src/bitrix24/bitrix24-client';
import { createBitrix24Client } from '../../src/bitrix24/create-client';
import { testResilience } from '../support/resilience';
import { fixtureError, LIKE_SUCCESS_BODY } from '../support/fixtures';
import { failedOf, LIKE_APPLIED } from '../support/command-failure';
import { silentLogger } from '../support/silent-logger';
import { ACCESS_TOKEN, oauthTarget, PORTAL_ORIGIN, WEBHOOK_PATH, webhookTarget } from '../support/targets';

const LIKE_PATH = `${WEBHOOK_PATH}im.message.like.json`;
const LIKE_BODY = JSON.stringify({ MESSAGE_ID: '123456789012345678', ACTION: 'plus' });

let agent: MockAgent;
let client: Bitrix24Client;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  client = createBitrix24Client({
    dispatcherFactory: () => agent,
    resilience: testResilience({ retries: 0 }),
  });
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const intercept = (path = LIKE_PATH, body = LIKE_BODY) =>
  agent.get(PORTAL_ORIGIN).intercept({
    path,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });

const like = (deadlineMs = 5_000) =>
  client.run(webhookTarget, likeMessageCommand('123456789012345678', 'plus'), {
    deadline: Date.now() + deadlineMs,
    log: silentLogger,
  });

async function failureOf(pending: ReturnType<typeof like>): Promise<Bitrix24Failure> {
  return (await failedOf(pending)).failure;
}

describe('Bitrix24Client.likeMessage', () => {
  it('posts the id as exact decimal text and the action as JSON to the webhook path', async () => {
    intercept().reply(200, LIKE_SUCCESS_BODY);
    await expect(like()).resolves.toEqual({ ...LIKE_APPLIED, attempts: 1 });
  });

  it('sends an OAuth token as `auth` in the body, never in the URL', async () => {
    intercept(
      '/rest/im.message.like.json',
      JSON.stringify({ MESSAGE_ID: '7', ACTION: 'minus', auth: ACCESS_TOKEN }),
    ).reply(200, LIKE_SUCCESS_BODY);
    const outcome = await client.run(oauthTarget, likeMessageCommand('7', 'minus'), {
      deadline: Date.now() + 5_000,
      log: silentLogger,
    });
    expect(outcome).toEqual({ ...LIKE_APPLIED, attempts: 1 });
  });

  // Read the same way whatever the code: what each code then means is tested once, at the GraphQL layer.
  it('turns an error envelope into an error-response failure with the code, text and status as sent', async () => {
    const { error, status, error_description: description } = fixtureError('ACCESS_DENIED');
    intercept().reply(status, { error, error_description: description });
    expect(await failureOf(like())).toEqual({ kind: 'error-response', status, code: error, description });
  });

  it('lets the code in the body win over a success status', async () => {
    intercept().reply(200, { error: 'WITHOUT_CHANGES', error_description: 'x' });
    expect(await failureOf(like())).toMatchObject({ kind: 'error-response', code: 'WITHOUT_CHANGES' });
  });

  it('keeps an integer Retry-After hint', async () => {
    intercept().reply(
      503,
      { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
      {
        headers: { 'retry-after': '7' },
      },
    );
    expect(await failureOf(like())).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', retryAfterSec: 7 });
  });

  it.each([
    ['an HTML page', 502, '<html><body>Bad Gateway</body></html>', 'answer is not JSON'],
    ['an empty body', 500, '', 'empty answer'],
    ['truncated JSON', 200, '{"result": tr', 'answer is not JSON'],
    ['JSON without result or error', 200, '{"foo": 1}', 'answer is not a Bitrix24 envelope'],
    ['a result other than true', 200, '{"result": false}', 'unexpected result'],
    ['an error status without a code', 503, '{}', 'answer is not a Bitrix24 envelope'],
  ])('reports %s as a bad response', async (_case, status, body, reason) => {
    intercept().reply(status, body);
    expect(await failureOf(like())).toEqual({ kind: 'bad-response', status, reason });
  });

  it('does not follow a redirect', async () => {
    intercept().reply(302, '', { headers: { location: 'https://moved.bitrix24.com/rest/' } });
    expect(await failureOf(like())).toEqual({ kind: 'redirect', status: 302 });
  });

  it('reports a refused connection as a connect failure', async () => {
    intercept().replyWithError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect' }),
    );
    expect(await failureOf(like())).toEqual({ kind: 'connect', reason: 'ECONNREFUSED' });
  });

  it('does not take the same code from a read for proof that nothing was sent', async () => {
    intercept().replyWithError(
      Object.assign(new Error('read EHOSTUNREACH'), { code: 'EHOSTUNREACH', syscall: 'read' }),
    );
    expect(await failureOf(like())).toEqual({ kind: 'network', reason: 'EHOSTUNREACH' });
  });

  it('reports a reset after sending as a network failure', async () => {
    intercept().replyWithError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
    expect(await failureOf(like())).toEqual({ kind: 'network', reason: 'UND_ERR_SOCKET' });
  });

  it('gives up at the deadline', async () => {
    // Timers only: undici's streams keep their real ticks and microtasks.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      intercept().reply(200, LIKE_SUCCESS_BODY).delay(2_000);
      const failure = failureOf(like(100));
      await jest.advanceTimersByTimeAsync(100);
      expect(await failure).toEqual({ kind: 'timeout', phase: 'response' });
      await jest.advanceTimersByTimeAsync(2_000);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not call at all when the deadline has passed', async () => {
    expect(await failureOf(like(-1))).toEqual({ kind: 'timeout', phase: 'connect' });
  });

  it('answers a failure with its method, portal and meaning, but never the webhook path', async () => {
    intercept().reply(400, {
      error: 'WITHOUT_CHANGES',
      error_description: 'Action completed without changes',
    });
    const failed = await failedOf(like());
    expect(failed).toEqual({
      ok: false,
      method: 'im.message.like',
      portal: 'acme.bitrix24.com',
      failure: {
        kind: 'error-response',
        status: 400,
        code: 'WITHOUT_CHANGES',
        description: 'Action completed without changes',
      },
      category: 'refused',
      outcome: 'NOT_APPLIED',
      attempts: 1,
      explanation: 'Bitrix24 declined the command and changed nothing',
    });
    expect(JSON.stringify(failed)).not.toContain(WEBHOOK_PATH);
  });
});
