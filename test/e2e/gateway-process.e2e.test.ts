import { request } from 'undici';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { likedOnLocalEmulator } from '../support/expected-outcomes';
import { LISTENING, listeningOrigin, spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { postGraphQL } from '../support/running-gateway';

describe('the gateway started with no configuration', () => {
  let gateway: GatewayProcess;
  let url: string;

  beforeAll(async () => {
    gateway = spawnGateway({ HOST: '127.0.0.1', PORT: '0' });
    url = await listeningOrigin(gateway);
  });
  afterAll(() => gateway.child.kill('SIGKILL'));

  it('says where the GraphQL API is and how it reaches Bitrix24, and nothing an operator cannot act on', () => {
    expect(gateway.logs(LISTENING).map((line) => line.msg)).toEqual([
      `GraphQL API listening at ${url}/graphql (embedded Bitrix24 emulator)`,
    ]);
    expect(gateway.output()).not.toContain('inline tracing');
  });

  it('says once that it runs on the embedded emulator', () => {
    const lines = gateway
      .output()
      .split('\n')
      .filter((line) => line.includes('using the embedded Bitrix24 emulator'));
    expect(lines).toHaveLength(1);
  });

  it('likes a message as emulator user 1 without credentials', async () => {
    const response = await postGraphQL(`${url}/graphql`, {
      query: LIKE_MESSAGE,
      variables: { id: '1', action: 'PLUS' },
    });
    expect(response.body).toEqual(likedOnLocalEmulator('1'));
  });

  it('accepts a demo bearer token for the emulator portal', async () => {
    const response = await postGraphQL(
      `${url}/graphql`,
      { query: LIKE_MESSAGE, variables: { id: '1', action: 'PLUS' } },
      { authorization: 'Bearer demo-token-user-2' },
    );
    expect(response.body).toMatchObject({
      data: { likeMessage: { __typename: 'LikeMessageSuccess', liked: true } },
    });
  });

  it('answers health and readiness', async () => {
    const health = await request(`${url}/healthz`);
    expect([health.statusCode, await health.body.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await request(`${url}/readyz`);
    expect([ready.statusCode, await ready.body.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('stops cleanly on SIGTERM and never wrote a credential', async () => {
    gateway.child.kill('SIGTERM');
    expect(await gateway.exit()).toBe(0);
    const output = gateway.output();
    expect(output).toContain('"msg":"stopped"');
    expect(output).not.toMatch(/\/rest\/1\//);
    expect(output).not.toContain('demo-token-user-2');
  });
});

it('refuses to run on the emulator in production unless told to', async () => {
  const gateway = spawnGateway({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1' });
  expect(await gateway.exit()).toBe(1);
  expect(gateway.output()).toBe(
    'Invalid configuration: BITRIX24_WEBHOOK_URL or BITRIX24_PORTALS: one is required in production ' +
      '(set BITRIX24_EMULATOR to true to run on the embedded emulator on purpose)\n',
  );
});

it('names the variable of a bad setting and exits 1', async () => {
  const gateway = spawnGateway({ BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.com/s3cr3t', PORT: '0' });
  expect(await gateway.exit()).toBe(1);
  expect(gateway.output()).toBe(
    'Invalid configuration: BITRIX24_WEBHOOK_URL: must look like https://PORTAL/rest/USER_ID/CODE/\n',
  );
});

it('requires ROUTER_SECRET on /graphql only, when it is set', async () => {
  const secret = 'pr0cess-r0uter-s3cret-42';
  const gateway = spawnGateway({ ROUTER_SECRET: secret, HOST: '127.0.0.1', PORT: '0' });
  try {
    const url = await listeningOrigin(gateway);
    const query = { query: '{ __typename }' };
    const refused = await postGraphQL(`${url}/graphql`, query);
    const allowed = await postGraphQL(`${url}/graphql`, query, { 'router-authorization': secret });
    const health = await request(`${url}/healthz`);
    expect([refused.status, refused.body.errors?.[0]?.extensions, allowed.status, health.statusCode]).toEqual(
      [401, { code: 'UNAUTHENTICATED' }, 200, 200],
    );
    expect(gateway.output()).not.toContain(secret);
  } finally {
    gateway.child.kill('SIGKILL');
  }
});
