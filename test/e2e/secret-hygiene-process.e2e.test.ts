import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import type { EmulatorFault } from '../support/emulator-control';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { listeningOrigin, spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { postGraphQL } from '../support/running-gateway';

// Complements secret-hygiene.e2e.test.ts (in-process): here everything the real process writes is checked,
// with the production logger and the most verbose log level.
const WEBHOOK_CODE = 'pr0cessWebh00kC0de';
const TOKEN = 'pr0cess-access-t0ken';
const API_KEY = 'pr0cess-api-key-0123456789';
const ROUTER_SECRET = 'pr0cess-r0uter-secret';

let emulator: EmulatorProcess;
let gateway: GatewayProcess;
let url: string;
let webhook: string;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  await emulator.control.setup({ tokens: [{ token: TOKEN, userId: 2, expiresInSec: 3600 }] });
  webhook = await emulator.control.createWebhook(1, WEBHOOK_CODE);
  gateway = spawnGateway({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'trace',
    NODE_ENV: 'production',
    BITRIX24_WEBHOOK_URL: webhook,
    // The emulator and a port nobody listens on. (A name that resolves to loopback stops the start, see
    // local-portal.e2e.test.ts; the in-process ssrf.e2e.test.ts refuses one per request.)
    BITRIX24_PORTALS: `${emulator.origin},http://127.0.0.1:1`,
    BITRIX24_TIMEOUT_MS: '1500',
    // One answer per request, so that every injected fault shows in the response it belongs to.
    BITRIX24_RETRIES: '0',
    GATEWAY_API_KEYS: API_KEY,
    ROUTER_SECRET,
  });
  url = `${await listeningOrigin(gateway)}/graphql`;
});
afterAll(async () => {
  gateway?.child.kill('SIGKILL');
  await emulator?.stop();
});

const faults = (): EmulatorFault[] => [
  { kind: 'error', status: 500, error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
  {
    kind: 'error',
    status: 401,
    error: 'expired_token',
    error_description: 'The access token provided has expired',
  },
  { kind: 'raw', status: 502, contentType: 'text/html', body: `<html>${webhook}</html>` },
  { kind: 'raw', status: 200, contentType: 'application/json', body: '{"result":tr' },
  { kind: 'raw', status: 200, contentType: 'application/json', body: `"${'x'.repeat(1_100_000)}"` },
  { kind: 'raw', status: 302, headers: { location: `${webhook}im.message.like.json?auth=${TOKEN}` } },
  { kind: 'reset', phase: 'before-apply' },
  { kind: 'hang' },
];

it('writes no webhook code, token, API key or router secret anywhere, whatever happens', async () => {
  const responses: string[] = [];
  const ask = async (headers: Record<string, string>, id = '7') => {
    const response = await postGraphQL(
      url,
      { query: LIKE_MESSAGE, variables: { id, action: 'PLUS' } },
      headers,
    );
    responses.push(response.text);
    return response;
  };
  const firstError = async (headers: Record<string, string>) =>
    (await ask(headers)).body.errors?.[0] as { message: string; extensions: { code: string } };
  // As a router would call: with its shared secret, and the client's API key.
  const withKey = { 'x-api-key': API_KEY, 'router-authorization': ROUTER_SECRET };
  const asUser = (portal: string) => ({
    ...withKey,
    authorization: `Bearer ${TOKEN}`,
    'x-bitrix24-domain': portal,
  });
  const emulatorPortal = new URL(emulator.origin).host;

  const FAULTS = faults();
  for (const headers of [withKey, asUser(emulatorPortal)]) {
    for (const fault of [null, ...FAULTS]) {
      if (fault) await emulator.control.addFault(fault);
      await ask(headers);
    }
  }
  expect((await firstError(asUser('127.0.0.1:1'))).message).toBe('Bitrix24 could not be reached');
  expect((await firstError({ authorization: `Bearer ${TOKEN}` })).extensions.code).toBe('API_KEY_REQUIRED');
  expect((await firstError({ ...withKey, authorization: `Basic ${TOKEN}` })).extensions.code).toBe(
    'UNAUTHENTICATED',
  );
  expect(
    (await firstError({ ...withKey, 'x-bitrix24-domain': `evil.example/rest/1/${WEBHOOK_CODE}` })).extensions
      .code,
  ).toBe('FORBIDDEN');

  gateway.child.kill('SIGTERM');
  expect(await gateway.exit()).toBe(0);
  const output = gateway.output();

  // The run must have gone through the failure paths, or the check below proves nothing.
  expect(output.match(/"msg":"bitrix24 call failed"/g)).toHaveLength(2 * FAULTS.length + 1);
  expect(output).toContain('"failure":{"kind":"connect","reason":"ECONNREFUSED"}');
  expect(output).toContain('"failure":{"kind":"bad-response","status":200,"reason":"answer too large"}');
  expect(output).toContain('"msg":"stopped"');
  expect(output).not.toContain('without GATEWAY_API_KEYS or ROUTER_SECRET'); // keys are set
  expect(responses.filter((text) => text.includes('LikeMessageSuccess'))).toHaveLength(2);

  const written = [output, ...responses].join('\n');
  for (const secret of [WEBHOOK_CODE, TOKEN, API_KEY, ROUTER_SECRET]) expect(written).not.toContain(secret);
});

it('warns at start when a production webhook is open to every caller', async () => {
  const open = spawnGateway({
    HOST: '127.0.0.1',
    PORT: '0',
    NODE_ENV: 'production',
    BITRIX24_WEBHOOK_URL: webhook,
  });
  try {
    const warning = await open.waitForLog(/without GATEWAY_API_KEYS or ROUTER_SECRET/);
    expect(warning).toMatchObject({ level: 40, portal: new URL(emulator.origin).host });
    await listeningOrigin(open);
    expect(open.output()).not.toContain(WEBHOOK_CODE);
  } finally {
    open.child.kill('SIGKILL');
  }
});
