import pino from 'pino';
import { MockAgent } from 'undici';
import { GatewayMetrics } from '../../src/observability/metrics';
import type { Bitrix24Client } from '../../src/bitrix24/bitrix24-client';
import { createBitrix24Client } from '../../src/bitrix24/create-client';
import type { Bitrix24Target } from '../../src/bitrix24/bitrix24-target';
import { likeMessageCommand, type LikeMessageAction } from '../../src/bitrix24/methods/im-message-like';
import type { ResilienceSettings } from '../../src/bitrix24/resilience-settings';
import { failedOf } from '../support/command-failure';
import { LIKE_SUCCESS_BODY } from '../support/fixtures';
import { testResilience } from '../support/resilience';
import { silentLogger } from '../support/silent-logger';
import { ACCESS_TOKEN, oauthTarget, PORTAL_ORIGIN, WEBHOOK_PATH, webhookTarget } from '../support/targets';

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

function client(overrides: Partial<ResilienceSettings> = {}): Bitrix24Client {
  return createBitrix24Client({
    dispatcherFactory: () => agent,
    resilience: testResilience(overrides),
    sleep: async () => undefined,
  });
}

const options = (deadlineMs = 5_000) => ({ deadline: Date.now() + deadlineMs, log: silentLogger });
const likes = (...actions: LikeMessageAction[]) =>
  actions.map((action, i) => likeMessageCommand(String(i + 1), action));
const cmd = (...actions: LikeMessageAction[]) =>
  Object.fromEntries(
    actions.map((action, i) => [`c${i}`, `im.message.like?MESSAGE_ID=${i + 1}&ACTION=${action}`]),
  );
const sections = (parts: Record<string, unknown>) => ({
  result: { result: [], result_error: [], result_total: [], result_next: [], result_time: [], ...parts },
  time: LIKE_SUCCESS_BODY.time,
});
const batchAt = (path = `${WEBHOOK_PATH}batch.json`) =>
  agent.get(PORTAL_ORIGIN).intercept({ path, method: 'POST' });
const singleLike = (id: string, action: LikeMessageAction) =>
  agent.get(PORTAL_ORIGIN).intercept({
    path: `${WEBHOOK_PATH}im.message.like.json`,
    method: 'POST',
    body: JSON.stringify({ MESSAGE_ID: id, ACTION: action }),
  });
const bodies: unknown[] = [];
const recording = (status: number, body: object) => (request: { body?: unknown }) => {
  bodies.push(JSON.parse(String(request.body)));
  return { statusCode: status, data: body };
};

beforeEach(() => bodies.splice(0));

describe('runAll', () => {
  it('sends the commands of one caller in one batch request and gives each its own answer', async () => {
    batchAt().reply(
      recording(
        200,
        sections({
          result: { c0: true },
          result_error: {
            c1: { error: 'WITHOUT_CHANGES', error_description: 'Action completed without changes' },
          },
        }),
      ),
    );
    singleLike('3', 'auto').reply(200, LIKE_SUCCESS_BODY);
    const outcomes = await client().runAll(webhookTarget, likes('plus', 'minus', 'auto'), options());
    expect(bodies).toEqual([{ halt: 0, cmd: cmd('plus', 'minus', 'auto') }]);
    expect(outcomes[0]).toEqual({ ok: true, result: true, attempts: 1 });
    expect(outcomes[1]).toMatchObject({
      ok: false,
      category: 'refused',
      outcome: 'NOT_APPLIED',
      attempts: 1,
    });
    // In neither map: Bitrix24 did not run it, so even a toggle is sent again.
    expect(outcomes[2]).toEqual({ ok: true, result: true, attempts: 2 });
  });

  it('carries a bearer token once, for the whole batch', async () => {
    batchAt('/rest/batch.json').reply(recording(200, sections({ result: { c0: true, c1: true } })));
    await client().runAll(oauthTarget, likes('plus', 'plus'), options());
    expect(bodies).toEqual([{ halt: 0, cmd: cmd('plus', 'plus'), auth: ACCESS_TOKEN }]);
  });

  it('retries every command, a toggle included, when the whole request met QUERY_LIMIT_EXCEEDED', async () => {
    batchAt().reply(503, { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
    batchAt().reply(200, sections({ result: { c0: true, c1: true } }));
    const outcomes = await client().runAll(webhookTarget, likes('plus', 'auto'), options());
    expect(outcomes).toEqual([
      { ok: true, result: true, attempts: 2 },
      { ok: true, result: true, attempts: 2 },
    ]);
  });

  it('after a reset retries PLUS but never AUTO, which may have been applied', async () => {
    batchAt().replyWithError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
    singleLike('1', 'plus').reply(200, LIKE_SUCCESS_BODY);
    const [plus, auto] = await client().runAll(webhookTarget, likes('plus', 'auto'), options());
    expect(plus).toEqual({ ok: true, result: true, attempts: 2 });
    expect(auto).toMatchObject({ ok: false, outcome: 'UNKNOWN', attempts: 1, failure: { kind: 'network' } });
  });

  it("does not count a command's own error against the portal's circuit", async () => {
    const subject = client({ breakerThreshold: 1, retries: 0 });
    const failing = { error: 'INTERNAL_SERVER_ERROR', error_description: 'x' };
    batchAt().reply(200, sections({ result_error: { c0: failing, c1: failing } }));
    await subject.runAll(webhookTarget, likes('plus', 'plus'), options());
    expect(subject.breakers.states()).toEqual(new Map([['acme.bitrix24.com', 0]]));
  });

  it('blocks a method that came back OPERATION_TIME_LIMIT inside a batch until its window resets', async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 120;
    const blocked = { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked' };
    batchAt().reply(
      200,
      sections({
        result_error: { c0: blocked, c1: blocked },
        result_time: { c0: { operating: 480, operating_reset_at: resetAt } },
      }),
    );
    const subject = client();
    const [first] = await subject.runAll(webhookTarget, likes('plus', 'plus'), options());
    expect(first).toMatchObject({ ok: false, category: 'rate', outcome: 'NOT_APPLIED' });
    const held = await failedOf(subject.run(webhookTarget, likeMessageCommand('9', 'plus'), options()));
    expect(held.failure).toMatchObject({ kind: 'throttled', reason: 'operation-time-limit' });
    expect(held.attempts).toBe(0);
  });
});

describe('what a batch request counts', () => {
  it('counts a failed batch request once against the circuit, however many commands it carried', async () => {
    const subject = client({ breakerThreshold: 2, retries: 0 });
    batchAt().reply(500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'x' });
    await subject.runAll(webhookTarget, likes('plus', 'plus', 'plus'), options());
    expect(subject.breakers.states()).toEqual(new Map([['acme.bitrix24.com', 0]]));
  });

  it('counts each command under its own method, and logs the request once, naming batch', async () => {
    const metrics = new GatewayMetrics();
    const lines: Array<Record<string, unknown>> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const subject = createBitrix24Client({
      dispatcherFactory: () => agent,
      resilience: testResilience(),
      metrics,
    });
    batchAt().reply(200, sections({ result: { c0: true, c1: true } }));
    await subject.runAll(webhookTarget, likes('plus', 'plus'), { deadline: Date.now() + 5_000, log });
    expect(await metrics.registry.getSingleMetricAsString('bitrix24_calls_total')).toContain(
      'bitrix24_calls_total{portal="acme.bitrix24.com",method="im.message.like",code="OK",outcome="APPLIED"} 2',
    );
    const batchLines = lines.filter((line) => line.method === 'batch');
    expect(batchLines).toEqual([
      expect.objectContaining({
        msg: 'bitrix24 batch answered',
        portal: 'acme.bitrix24.com',
        commands: 2,
        code: 'OK',
      }),
    ]);
    expect(lines.filter((line) => line.msg === 'bitrix24 call succeeded')).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain(WEBHOOK_PATH);
  });
});

describe('coalescing under pressure', () => {
  // Bitrix24's slow answers and the deadlines run on jest's clock; undici's streams keep their real ticks.
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  /** Takes two of the bucket's three slots with calls Bitrix24 answers only after `holdMs`. */
  function pressed(subject: Bitrix24Client, holdMs: number, target: Bitrix24Target = webhookTarget) {
    singleLike('100', 'plus').reply(200, LIKE_SUCCESS_BODY).delay(holdMs);
    singleLike('101', 'plus').reply(200, LIKE_SUCCESS_BODY).delay(holdMs);
    return Promise.all(
      ['100', '101'].map((id) => subject.run(target, likeMessageCommand(id, 'plus'), options())),
    );
  }

  it('sends calls alone while the bucket is under half full, then together in one batch', async () => {
    const subject = client({ rateLimit: { perSecond: 1_000, burst: 4 } });
    const holding = pressed(subject, 50);
    batchAt().reply(recording(200, sections({ result: { c0: true, c1: true, c2: true } })));
    const pending = Promise.all(
      likes('plus', 'minus', 'auto').map((command) => subject.run(webhookTarget, command, options())),
    );
    await jest.advanceTimersByTimeAsync(50);
    const outcomes = await pending;
    await holding;
    expect(bodies).toEqual([{ halt: 0, cmd: cmd('plus', 'minus', 'auto') }]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true]);
  });

  it('answers a command whose deadline passes first by itself, leaving the batch to the others', async () => {
    const subject = client({ rateLimit: { perSecond: 1_000, burst: 4 } });
    const holding = pressed(subject, 50);
    batchAt()
      .reply(200, sections({ result: { c0: true, c1: true } }))
      .delay(250);
    const pending = Promise.all([
      subject.run(webhookTarget, likeMessageCommand('1', 'auto'), options(100)),
      subject.run(webhookTarget, likeMessageCommand('2', 'auto'), options(5_000)),
    ]);
    await jest.advanceTimersByTimeAsync(250);
    const [short, long] = await pending;
    await holding;
    expect(short).toMatchObject({
      ok: false,
      outcome: 'UNKNOWN',
      failure: { kind: 'timeout', phase: 'response' },
    });
    expect(long).toEqual({ ok: true, result: true, attempts: 1 });
  });

  it('refuses at once a call whose batch could not get a slot before its deadline', async () => {
    const subject = client({ rateLimit: { perSecond: 0.1, burst: 2 } });
    singleLike('100', 'plus').reply(200, LIKE_SUCCESS_BODY);
    await subject.run(webhookTarget, likeMessageCommand('100', 'plus'), options());
    const held = await failedOf(subject.run(webhookTarget, likeMessageCommand('1', 'plus'), options(2_000)));
    expect(held.failure).toEqual({ kind: 'throttled', reason: 'deadline', retryAfterSec: 10 });
  });
});
