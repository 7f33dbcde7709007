import type { GatewaySettings } from '../../src/config';
import { Secret } from '../../src/secret';
import { send } from '../emulator/http-helpers';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

const KEY_ONE = 'k3y-one-0123456789abcdef';
const KEY_TWO = 'k3y-two-0123456789abcdef';
const APP = 'https://app.example.com';

let emulator: EmulatorProcess;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await emulator?.stop();
});
beforeEach(() => emulator.control.reset());

async function gatewayWith(security: GatewaySettings['security'], production = false) {
  const gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), []), {
    production,
    security,
  });
  gateways.push(gateway);
  return gateway;
}

const like = (gateway: RunningGateway, headers: Record<string, string> = {}, id = '2') =>
  gateway.graphql({ query: LIKE_MESSAGE, variables: { id, action: 'PLUS' } }, headers);

describe('GATEWAY_API_KEYS', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({ apiKeys: [new Secret(KEY_ONE), new Secret(KEY_TWO)] });
  });

  const REFUSED = {
    errors: [
      {
        message: 'Send a valid gateway API key in the X-API-Key header',
        extensions: { code: 'API_KEY_REQUIRED' },
      },
    ],
  };

  it.each([
    ['no key', {}],
    ['a wrong key', { 'x-api-key': 'k3y-three-0123456789abcdef' }],
    ['a prefix of a key', { 'x-api-key': KEY_ONE.slice(0, -1) }],
    ['a key with a suffix', { 'x-api-key': `${KEY_ONE}x` }],
    ['both keys in one header', { 'x-api-key': `${KEY_ONE},${KEY_TWO}` }],
    ['the key in another header', { authorization: `Bearer ${KEY_ONE}` }],
  ])('refuses a request with %s: HTTP 401, no Bitrix24 call', async (_case, headers) => {
    const response = await like(gateway, headers);
    expect([response.status, response.body]).toEqual([401, REFUSED]);
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('accepts either key', async () => {
    for (const [key, id] of [
      [KEY_ONE, '2'],
      [KEY_TWO, '3'],
    ] as const) {
      const response = await like(gateway, { 'x-api-key': key }, id);
      expect(response.body).toMatchObject({ data: { likeMessage: { __typename: 'LikeMessageSuccess' } } });
    }
    expect(await emulator.control.calls()).toHaveLength(2);
  });

  it('leaves /healthz and /readyz open', async () => {
    expect((await send(`${gateway.url}/healthz`)).body).toEqual({ status: 'ok' });
    expect((await send(`${gateway.url}/readyz?probe=1`)).body).toEqual({ status: 'ready' });
  });

  it('never logs a key', () => {
    const logs = gateway.logs.join('\n');
    expect(logs).not.toContain(KEY_ONE);
    expect(logs).not.toContain(KEY_TWO);
  });
});

describe('CORS_ORIGINS', () => {
  const preflight = (gateway: RunningGateway, origin: string) =>
    send(`${gateway.url}/graphql`, {
      method: 'OPTIONS' as 'GET',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });

  it('sends no CORS header by default, so no other origin can read an answer', async () => {
    const gateway = await gatewayWith({});
    const response = await preflight(gateway, APP);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const post = await like(gateway, { origin: APP });
    expect(post.status).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets a listed origin in, without an API key for the preflight', async () => {
    const gateway = await gatewayWith({ corsOrigins: [APP], apiKeys: [new Secret(KEY_ONE)] });
    const response = await preflight(gateway, APP);
    expect(response.status).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers':
        'content-type, authorization, x-bitrix24-domain, x-api-key, x-request-id, apollo-require-preflight',
      'access-control-max-age': '600',
    });
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const post = await like(gateway, { origin: APP, 'x-api-key': KEY_ONE });
    expect(post.headers).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-expose-headers': 'x-request-id',
    });
  });

  it('gives an unlisted origin no CORS header', async () => {
    const gateway = await gatewayWith({ corsOrigins: [APP] });
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null']) {
      expect((await preflight(gateway, origin)).headers['access-control-allow-origin']).toBeUndefined();
      expect((await like(gateway, { origin })).headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('production (NODE_ENV=production)', () => {
  const introspection = { query: '{ __schema { queryType { name } } }' };
  const typo = { query: '{ _servic { sdl } }' };
  const badEnum = { query: LIKE_MESSAGE, variables: { id: '1', action: 'PLUSS' } };

  it('turns introspection off and hides "Did you mean" suggestions', async () => {
    const gateway = await gatewayWith({}, true);
    const response = await gateway.graphql(introspection);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
      validationErrorCode: 'INTROSPECTION_DISABLED',
    });
    expect((await gateway.graphql(typo)).body.errors?.[0]?.message).toBe(
      'Cannot query field "_servic" on type "Query".',
    );
    expect((await gateway.graphql(badEnum)).body.errors?.[0]?.message).toBe(
      'Variable "$action" got invalid value "PLUSS"; Value "PLUSS" does not exist in "LikeAction" enum.',
    );
  });

  it('still serves the federation SDL a router composes from', async () => {
    const gateway = await gatewayWith({}, true);
    const response = await gateway.graphql({ query: '{ _service { sdl } }' });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('likeMessage');
  });

  it('outside production, introspection and suggestions help developers', async () => {
    const gateway = await gatewayWith({});
    expect((await gateway.graphql(introspection)).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
    expect((await gateway.graphql(typo)).body.errors?.[0]?.message).toBe(
      'Cannot query field "_servic" on type "Query". Did you mean "_service"?',
    );
    expect((await gateway.graphql(badEnum)).body.errors?.[0]?.message).toBe(
      'Variable "$action" got invalid value "PLUSS"; Value "PLUSS" does not exist in "LikeAction" enum. ' +
        'Did you mean the enum value "PLUS"?',
    );
  });
});
