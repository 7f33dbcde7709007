import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { expectedCodeAnswer } from '../support/expected-code-answers';
import { likeMessageError } from '../support/expected-outcomes';
import { fixtureError } from '../support/fixtures';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

let emulator: EmulatorProcess;
let portal: string;
const gateways = new Map<string, Promise<RunningGateway>>();

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  portal = new URL(emulator.origin).host;
});
afterAll(async () => {
  await Promise.all([...gateways.values()].map(async (gateway) => (await gateway).close()));
  await emulator?.stop();
});
beforeEach(() => emulator.control.reset());

// One gateway per configuration, shared by the tests that differ only in what the caller sends: no test here
// leaves a failing portal or a blocked method behind.
function gatewayFor(webhook: string | null, portals: string[]): Promise<RunningGateway> {
  const key = JSON.stringify([webhook, portals]);
  let gateway = gateways.get(key);
  if (!gateway) {
    gateway = startGateway(emulatorConfig(webhook, portals));
    gateways.set(key, gateway);
  }
  return gateway;
}

async function gatewayWith(webhookUser: number | null, portals: string[]): Promise<RunningGateway> {
  return gatewayFor(webhookUser === null ? null : await emulator.control.webhookUrl(webhookUser), portals);
}

const plus = (gateway: RunningGateway, headers: Record<string, string>, id = '5') =>
  gateway.graphql({ query: LIKE_MESSAGE, variables: { id, action: 'PLUS' } }, headers);

describe('per-user OAuth calls', () => {
  it('acts as the token owner on the only allowed portal', async () => {
    const gateway = await gatewayWith(null, [emulator.origin]);
    const response = await plus(gateway, { authorization: 'Bearer demo-token-user-2' });
    expect(response.body).toEqual({
      data: {
        likeMessage: {
          __typename: 'LikeMessageSuccess',
          liked: true,
          action: 'PLUS',
          message: { portal, id: '5' },
        },
      },
    });
    expect(await emulator.control.likes('5')).toEqual([2]);
    const [call] = await emulator.control.calls();
    expect(call).toMatchObject({ authKind: 'oauth', userId: 2 });
  });

  it('picks the portal named by X-Bitrix24-Domain among several', async () => {
    const gateway = await gatewayWith(null, ['acme.bitrix24.com', emulator.origin]);
    const response = await plus(
      gateway,
      { authorization: 'Bearer demo-token-user-3', 'x-bitrix24-domain': portal },
      '12',
    );
    expect(response.body).toMatchObject({ data: { likeMessage: { __typename: 'LikeMessageSuccess' } } });
    expect(await emulator.control.likes('12')).toEqual([3]);
  });

  // The emulator's own token check stands for every rejected credential: each code's answer is in the table.
  it('maps a rejected token to UNAUTHENTICATED with the Bitrix24 error', async () => {
    const gateway = await gatewayWith(null, [emulator.origin]);
    const response = await plus(gateway, { authorization: 'Bearer demo-token-expired' });
    const { error, error_description } = fixtureError('expired_token');
    expect(response.body).toEqual(
      expectedCodeAnswer({ error, error_description }, { portal, id: '5', action: 'PLUS' }),
    );
    expect(JSON.stringify(await emulator.control.calls())).not.toContain('demo-token-expired');
  });
});

describe('refusals made before any call', () => {
  it('refuses a portal that is not on the allow-list with FORBIDDEN', async () => {
    const gateway = await gatewayWith(null, [emulator.origin]);
    const response = await plus(gateway, {
      authorization: 'Bearer demo-token-user-2',
      'x-bitrix24-domain': 'evil.example.com',
    });
    expect(response.body).toEqual(
      likeMessageError(
        'The portal named in X-Bitrix24-Domain is not allowed; name an allowed portal as host[:port], ' +
          `without a scheme (allowed here: ${new URL(emulator.origin).host})`,
        { code: 'FORBIDDEN' },
      ),
    );
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('asks for X-Bitrix24-Domain when several portals are allowed', async () => {
    const gateway = await gatewayWith(null, ['acme.bitrix24.com', emulator.origin]);
    const response = await plus(gateway, { authorization: 'Bearer demo-token-user-2' });
    expect(response.body).toEqual(
      likeMessageError('Several portals are allowed: name one in the X-Bitrix24-Domain header', {
        code: 'BAD_USER_INPUT',
      }),
    );
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('refuses a bearer token when only a webhook is configured', async () => {
    const gateway = await gatewayWith(1, []);
    const response = await plus(gateway, { authorization: 'Bearer demo-token-user-2' });
    expect(response.body).toEqual(
      likeMessageError('Per-user calls with a bearer token are not enabled on this gateway', {
        code: 'FORBIDDEN',
      }),
    );
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('refuses a request without credentials when no webhook is configured', async () => {
    const gateway = await gatewayWith(null, [emulator.origin]);
    const response = await plus(gateway, {});
    expect(response.body).toEqual(
      likeMessageError('Send "Authorization: Bearer <Bitrix24 access token>"; no webhook is configured', {
        code: 'UNAUTHENTICATED',
      }),
    );
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('maps a revoked webhook to UNAUTHENTICATED', async () => {
    const gateway = await gatewayFor(`${emulator.origin}/rest/1/revokedc0de/`, []);
    const response = await plus(gateway, {});
    expect(response.body).toEqual(
      likeMessageError('Bitrix24 rejected the credentials', {
        code: 'UNAUTHENTICATED',
        outcome: 'NOT_APPLIED',
        bitrix24: { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' },
      }),
    );
    expect(response.text).not.toContain('revokedc0de');
  });
});
