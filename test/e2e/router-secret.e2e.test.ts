import { request } from 'undici';
import { Secret } from '../../src/secret';
import { LikeMessageDocument } from '../generated/graphql';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

const ROUTER_SECRET = 'r0uter-s3cret-e2e-0123456789';

let emulator: EmulatorProcess;
let gateway: RunningGateway;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  gateway = await startGateway(emulatorConfig(await emulator.control.webhookUrl(1), []), {
    security: { routerSecret: new Secret(ROUTER_SECRET) },
  });
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.stop();
});
beforeEach(() => emulator.control.reset());

const REFUSED = {
  errors: [
    {
      message: 'This subgraph answers only its router: Router-Authorization is missing or wrong',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};

describe('with ROUTER_SECRET set', () => {
  it.each([
    ['without Router-Authorization', {}],
    ['with a wrong Router-Authorization', { 'router-authorization': 'r0uter-s3cret-e2e-0123456780' }],
    ['with the secret in Authorization instead', { authorization: ROUTER_SECRET }],
  ])('refuses a request %s before running it', async (_case, headers) => {
    const response = await gateway.execute(LikeMessageDocument, { id: '1', action: 'PLUS' }, headers);
    expect([response.status, response.headers['content-type'], response.body]).toEqual([
      401,
      'application/json; charset=utf-8',
      REFUSED,
    ]);
    expect(await emulator.control.calls()).toEqual([]);
    expect(await emulator.control.likes('1')).toEqual([]);
  });

  it('keeps the subgraph SDL from callers without the secret', async () => {
    const response = await gateway.graphql({ query: '{ _service { sdl } }' });
    expect([response.status, response.body]).toEqual([401, REFUSED]);
  });

  it('answers GraphQL-over-HTTP clients in the media type they accept', async () => {
    const response = await gateway.graphql(
      { query: '{ __typename }' },
      { accept: 'application/graphql-response+json' },
    );
    expect([response.status, response.headers['content-type'], response.body]).toEqual([
      401,
      'application/graphql-response+json; charset=utf-8',
      REFUSED,
    ]);
  });

  it('runs requests that carry it', async () => {
    const response = await gateway.execute(
      LikeMessageDocument,
      { id: '1', action: 'PLUS' },
      { 'router-authorization': ROUTER_SECRET },
    );
    expect([response.status, response.body.data?.likeMessage.__typename]).toEqual([
      200,
      'LikeMessageSuccess',
    ]);
    expect(await emulator.control.likes('1')).toEqual([1]);
  });

  it('leaves health and readiness open to probes, which do not carry it', async () => {
    const health = await request(`${gateway.url}/healthz`);
    const ready = await request(`${gateway.url}/readyz`);
    expect([health.statusCode, await health.body.json(), ready.statusCode, await ready.body.json()]).toEqual([
      200,
      { status: 'ok' },
      200,
      { status: 'ready' },
    ]);
  });

  it('never writes the secret to a log', () => {
    expect(gateway.logs.join('')).not.toContain('r0uter-s3cret');
  });
});
