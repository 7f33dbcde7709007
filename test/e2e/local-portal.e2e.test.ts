import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { likedOnLocalEmulator } from '../support/expected-outcomes';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { listeningOrigin, spawnGateway } from '../support/gateway-process';
import { postGraphQL } from '../support/running-gateway';

// The README's recipe: the gateway in front of `npm run emulator`, which the gateway reaches as localhost.
let emulator: EmulatorProcess;
let webhook: string;

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  webhook = (await emulator.control.webhookUrl(1)).replace('127.0.0.1', 'localhost');
});
afterAll(() => emulator?.stop());

it('refuses to start on a portal named localhost, naming BITRIX24_PRIVATE_HOSTS and the value to set', async () => {
  const gateway = spawnGateway({ HOST: '127.0.0.1', PORT: '0', BITRIX24_WEBHOOK_URL: webhook });
  const portal = new URL(webhook).host;
  expect(await gateway.exit()).toBe(1);
  expect(gateway.output()).toBe(
    `Invalid configuration: BITRIX24_PRIVATE_HOSTS: the portal ${portal} resolves to a loopback address, ` +
      'which the gateway contacts only for hosts listed in BITRIX24_PRIVATE_HOSTS; if that is meant (a local ' +
      `or on-premises Bitrix24), set BITRIX24_PRIVATE_HOSTS=${portal}\n`,
  );
  expect(await emulator.control.calls()).toEqual([]);
});

it('likes through it once BITRIX24_PRIVATE_HOSTS lists the host, with or without its port', async () => {
  const gateway = spawnGateway({
    HOST: '127.0.0.1',
    PORT: '0',
    BITRIX24_WEBHOOK_URL: webhook,
    BITRIX24_PRIVATE_HOSTS: 'localhost',
  });
  try {
    const url = `${await listeningOrigin(gateway)}/graphql`;
    const response = await postGraphQL(url, { query: LIKE_MESSAGE, variables: { id: '1', action: 'PLUS' } });
    expect(response.body).toEqual(likedOnLocalEmulator('1', new URL(webhook).host));
    expect(await emulator.control.likes('1')).toEqual([1]);
  } finally {
    gateway.child.kill('SIGKILL');
    await gateway.exit();
  }
});
