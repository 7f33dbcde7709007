import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { fixtureError } from '../support/fixtures';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

let emulator: EmulatorProcess;
let portal: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  portal = new URL(emulator.origin).host;
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await emulator?.stop();
});
beforeEach(() => emulator.control.reset());

async function gatewayWith(webhookUser: number | null, portals: string[]): Promise<RunningGateway> {
  const webhook = webhookUser === null ? null : await emulator.control.webhookUrl(webhookUser);
  const gateway = await startGateway(emulatorConfig(webhook, portals));
  gateways.push(gateway);
  return gateway;
}

const plus = (gateway: RunningGateway, headers: Record<string, string>, id = '5') =>
  gateway.graphql({ query: LIKE_MESSAGE, variables: { id, action: 'PLUS' } }, headers);

function topLevelError(message: string, extensions: object) {
  return {
    data: null,
    errors: [{ message, locations: [{ line: 2, column: 3 }], path: ['likeMessage'], extensions }],
  };
}

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

  it.each([
    ['demo-token-expired', 'expired_token', 'The access token has expired; refresh it and retry'],
    ['no-such-token', 'invalid_token', 'Bitrix24 does not recognise the access token'],
  ])('maps a rejected token (%s) to UNAUTHENTICATED with Bitrix24 error', async (token, code, message) => {
    const gateway = await gatewayWith(null, [emulator.origin]);
    const response = await plus(gateway, { authorization: `Bearer ${token}` });
    expect(response.body).toEqual(
      topLevelError(message, {
        code: 'UNAUTHENTICATED',
        outcome: 'NOT_APPLIED',
        bitrix24: { error: code, error_description: fixtureError(code).error_description },
      }),
    );
    expect(JSON.stringify(await emulator.control.calls())).not.toContain(token);
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
      topLevelError(
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
      topLevelError('Several portals are allowed: name one in the X-Bitrix24-Domain header', {
        code: 'BAD_USER_INPUT',
      }),
    );
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('refuses a bearer token when only a webhook is configured', async () => {
    const gateway = await gatewayWith(1, []);
    const response = await plus(gateway, { authorization: 'Bearer demo-token-user-2' });
    expect(response.body).toEqual(
      topLevelError('Per-user calls with a bearer token are not enabled on this gateway', {
        code: 'FORBIDDEN',
      }),
    );
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('refuses a request without credentials when no webhook is configured', async () => {
    const gateway = await gatewayWith(null, [emulator.origin]);
    const response = await plus(gateway, {});
    expect(response.body).toEqual(
      topLevelError('Send "Authorization: Bearer <Bitrix24 access token>"; no webhook is configured', {
        code: 'UNAUTHENTICATED',
      }),
    );
    expect(await emulator.control.calls()).toEqual([]);
  });

  it('maps a revoked webhook to UNAUTHENTICATED', async () => {
    const gateway = await startGateway(emulatorConfig(`${emulator.origin}/rest/1/revokedc0de/`, []));
    gateways.push(gateway);
    const response = await plus(gateway, {});
    expect(response.body).toEqual(
      topLevelError('Bitrix24 rejected the credentials', {
        code: 'UNAUTHENTICATED',
        outcome: 'NOT_APPLIED',
        bitrix24: { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' },
      }),
    );
    expect(response.text).not.toContain('revokedc0de');
  });
});
