import { request } from 'undici';
import { startEmulator } from '../../src/emulator/emulator-server';
import { startMetricsServer } from '../../src/http/metrics-server';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { EmulatorControl } from '../support/emulator-control';
import { likeMessageError } from '../support/expected-outcomes';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { testResilience } from '../support/resilience';
import { freePort } from '../support/free-port';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

let emulator: EmulatorProcess;
let webhook: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  webhook = await emulator.control.webhookUrl(1);
});
afterAll(() => emulator?.stop());
beforeEach(() => emulator.control.reset());
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
});

async function gatewayWith(overrides: Parameters<typeof testResilience>[0], timeoutMs = 3_000) {
  const gateway = await startGateway(emulatorConfig(webhook, [], timeoutMs), {
    resilience: testResilience(overrides),
  });
  gateways.push(gateway);
  return gateway;
}

const like = (gateway: RunningGateway, id: string, action = 'PLUS') =>
  gateway.graphql({ query: LIKE_MESSAGE, variables: { id, action } });

const typename = (body: { data?: unknown }) =>
  (body.data as { likeMessage?: { __typename: string } } | null)?.likeMessage?.__typename;

it("takes a burst of 200 likes within Bitrix24's bucket, coalesced into batch requests", async () => {
  const limit = { perSecond: 20, burst: 10 };
  await emulator.control.setOptions({ rateLimit: limit });
  const ids = Array.from({ length: 200 }, (_, index) => String(5_001 + index));
  await emulator.control.setup({ messages: ids.map((id) => ({ id, chatId: 1 })) });
  const gateway = await gatewayWith({ rateLimit: limit }, 20_000);

  const started = performance.now();
  const responses = await Promise.all(ids.map((id) => like(gateway, id)));
  const seconds = (performance.now() - started) / 1000;

  expect(responses.map((response) => typename(response.body))).toEqual(ids.map(() => 'LikeMessageSuccess'));
  const calls = await emulator.control.calls();
  expect(calls.filter((call) => call.error === 'QUERY_LIMIT_EXCEEDED')).toEqual([]);
  // Each like applied exactly once, whether it went alone or inside a batch.
  const commands = calls.flatMap(
    (call): Array<{ applied: boolean; params: Record<string, unknown> }> => call.commands ?? [call],
  );
  expect(
    commands
      .filter((command) => command.applied)
      .map((command) => command.params.MESSAGE_ID)
      .sort(),
  ).toEqual([...ids].sort());
  // At most: a full batch per 50 likes, the burst sent alone, and a partial batch per drained slot meanwhile.
  expect(calls.length).toBeLessThanOrEqual(
    Math.ceil(200 / 50) + limit.burst + Math.ceil(seconds * limit.perSecond),
  );
  expect(calls.filter((call) => call.method === 'batch').length).toBeGreaterThan(0);
});

it('retries AUTO after a refused connection, and the like is toggled exactly once', async () => {
  const port = await freePort();
  const gateway = await startGateway(emulatorConfig(null, [`http://127.0.0.1:${port}`], 8_000), {
    resilience: testResilience({ retries: 5 }),
  });
  gateways.push(gateway);
  const pending = gateway.graphql(
    { query: LIKE_MESSAGE, variables: { id: '1', action: 'AUTO' } },
    { authorization: 'Bearer demo-token-user-1' },
  );
  await waitFor(() => gateway.logs.some((line) => line.includes('"reason":"ECONNREFUSED"')));
  // The portal comes up on the refused port: the retry reaches it, and only the retry applies.
  const portal = await startEmulator({ port, rateLimit: false });
  try {
    expect(typename((await pending).body)).toBe('LikeMessageSuccess');
    const control = new EmulatorControl(portal.origin);
    expect(await control.likes('1')).toEqual([1]);
    expect((await control.calls()).map((call) => call.applied)).toEqual([true]);
  } finally {
    await portal.close();
  }
});

it('AUTO is never retried after a reset that happened after Bitrix24 applied it', async () => {
  const gateway = await gatewayWith({});
  await emulator.control.addFault({ kind: 'reset', phase: 'after-apply', times: 5 });
  const response = await like(gateway, '2', 'AUTO');
  expect(response.body).toEqual(
    likeMessageError('The connection to Bitrix24 broke before it answered', {
      code: 'UPSTREAM_ERROR',
      outcome: 'UNKNOWN',
    }),
  );
  expect(await emulator.control.likes('2')).toEqual([1]);
  expect(await emulator.control.calls()).toHaveLength(1);
});

it('PLUS retried after an ambiguous reset reports what Bitrix24 then says', async () => {
  const gateway = await gatewayWith({});
  await emulator.control.addFault({ kind: 'reset', phase: 'after-apply' });
  const response = await like(gateway, '3', 'PLUS');
  expect(typename(response.body)).toBe('LikeUnchangedError');
  expect(await emulator.control.likes('3')).toEqual([1]);
});

it('after OPERATION_TIME_LIMIT the method is not called again until its window resets', async () => {
  const gateway = await gatewayWith({});
  expect(typename((await like(gateway, '4')).body)).toBe('LikeMessageSuccess');
  await emulator.control.addFault({
    kind: 'error',
    status: 429,
    error: 'OPERATION_TIME_LIMIT',
    error_description: 'Method is blocked due to operation time limit.',
  });
  const blocked = (await like(gateway, '5')).body.errors?.[0]?.extensions as Record<string, unknown>;
  expect(blocked).toMatchObject({ code: 'RATE_LIMITED', outcome: 'NOT_APPLIED' });
  expect(blocked.retryAfter).toBeGreaterThan(590);
  const held = (await like(gateway, '6')).body.errors?.[0]?.extensions as Record<string, unknown>;
  expect(held).toEqual({ code: 'RATE_LIMITED', outcome: 'NOT_APPLIED', retryAfter: blocked.retryAfter });
  expect(await emulator.control.calls()).toHaveLength(2);
});

it('exposes what happened as Prometheus metrics, without secrets or message ids', async () => {
  const gateway = await gatewayWith({});
  await like(gateway, '8');
  await emulator.control.addFault({
    kind: 'error',
    status: 401,
    error: 'expired_token',
    error_description: 'x',
  });
  await like(gateway, '9');
  const server = await startMetricsServer(gateway.gateway.metrics.registry, '127.0.0.1', 0);
  try {
    const response = await request(server.url);
    const text = await response.body.text();
    const portal = new URL(emulator.origin).host;
    expect(response.statusCode).toBe(200);
    expect(text).toContain(
      `bitrix24_calls_total{portal="${portal}",method="im.message.like",code="OK",outcome="APPLIED"} 1`,
    );
    expect(text).toContain(
      `bitrix24_calls_total{portal="${portal}",method="im.message.like",code="expired_token",outcome="NOT_APPLIED"} 1`,
    );
    expect(text).toContain('graphql_operations_total{type="mutation",outcome="ok"} 1');
    expect(text).toContain('graphql_operations_total{type="mutation",outcome="UNAUTHENTICATED"} 1');
    expect(text).toContain(`bitrix24_breaker_state{portal="${portal}"} 0`);
    expect(text).toContain(`bitrix24_limiter_queue_depth{portal="${portal}"} 0`);
    expect(text).not.toContain(new URL(webhook).pathname);
    expect(text).not.toMatch(/"(8|9)"/);
  } finally {
    await server.close();
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
