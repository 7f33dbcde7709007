import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import type { EmulatorFault } from '../support/emulator-control';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { testResilience } from '../support/resilience';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

const WEBHOOK_CODE = 'hyg1eneWebh00kC0de';
const TOKEN = 'hyg1ene-access-t0ken';

let emulator: EmulatorProcess;
let gateway: RunningGateway;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  await emulator.control.setup({ tokens: [{ token: TOKEN, userId: 2, expiresInSec: 3600 }] });
  const webhook = await emulator.control.createWebhook(1, WEBHOOK_CODE);
  // One answer per request (no retries), so that every injected fault shows in the response it belongs to.
  gateway = await startGateway(emulatorConfig(webhook, [emulator.origin], 1_500), {
    resilience: testResilience({ retries: 0 }),
  });
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.stop();
});

const FAULTS: EmulatorFault[] = [
  { kind: 'error', status: 500, error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
  {
    kind: 'error',
    status: 401,
    error: 'expired_token',
    error_description: 'The access token provided has expired',
  },
  { kind: 'raw', status: 502, contentType: 'text/html', body: '<html>oops</html>' },
  {
    kind: 'raw',
    status: 302,
    headers: { location: `${'https://moved.bitrix24.com'}/rest/1/${WEBHOOK_CODE}/` },
  },
  { kind: 'reset', phase: 'before-apply' },
  { kind: 'hang' },
];

it('no response or log line carries the webhook code or an access token, whatever happens', async () => {
  const responses: string[] = [];
  for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Array<Record<string, string>>) {
    for (const fault of [null, ...FAULTS]) {
      if (fault) await emulator.control.addFault(fault);
      const response = await gateway.graphql(
        { query: LIKE_MESSAGE, variables: { id: '7', action: 'PLUS' } },
        headers,
      );
      responses.push(response.text);
    }
  }
  // The run must have exercised both successes and failures, or the check below proves nothing.
  expect(responses.filter((text) => text.includes('LikeMessageSuccess')).length).toBeGreaterThan(0);
  expect(responses.filter((text) => text.includes('"errors"')).length).toBe(2 * FAULTS.length);
  expect(gateway.logs.filter((line) => line.includes('bitrix24 call failed'))).toHaveLength(
    2 * FAULTS.length,
  );

  const written = [...responses, ...gateway.logs].join('\n');
  expect(written).not.toContain(WEBHOOK_CODE);
  expect(written).not.toContain(TOKEN);
});
