import { request } from 'undici';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { listeningOrigin, spawnGateway } from '../support/gateway-process';
import { postGraphQL } from '../support/running-gateway';

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
});
afterAll(() => emulator?.stop());

it('on SIGTERM turns unready, finishes every in-flight mutation, then exits 0', async () => {
  const gateway = spawnGateway({
    HOST: '127.0.0.1',
    PORT: '0',
    BITRIX24_WEBHOOK_URL: await emulator.control.webhookUrl(1),
    SHUTDOWN_DELAY_MS: '1500',
  });
  try {
    const url = await listeningOrigin(gateway);
    // Every call is held for a while by Bitrix24, so the signal arrives while all of them are in flight.
    await emulator.control.addFault({ kind: 'delay', ms: 700, times: 5 });
    const ids = ['1', '2', '3', '4', '5'];
    const inFlight = ids.map((id) =>
      postGraphQL(`${url}/graphql`, { query: LIKE_MESSAGE, variables: { id, action: 'PLUS' } }),
    );
    await waitFor(async () => (await emulator.control.calls()).length === ids.length);
    gateway.child.kill('SIGTERM');
    await gateway.waitForLog(/^shutting down/);
    const readiness = await request(`${url}/readyz`);
    expect([readiness.statusCode, await readiness.body.json()]).toEqual([503, { status: 'draining' }]);

    const answers = await Promise.all(inFlight);
    expect(
      answers.map(
        (answer) => (answer.body.data as { likeMessage: { __typename: string } }).likeMessage.__typename,
      ),
    ).toEqual(ids.map(() => 'LikeMessageSuccess'));
    for (const id of ids) expect(await emulator.control.likes(id)).toEqual([1]);
    expect(await gateway.exit()).toBe(0);
    await expect(request(`${url}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  } finally {
    gateway.child.kill('SIGKILL');
  }
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
