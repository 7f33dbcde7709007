import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import pino from 'pino';
import { Secret } from '../../src/secret';
import { buildGateway, type Gateway } from '../../src/server';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { testResilience } from '../support/resilience';
import { emulatorConfig, postGraphQL } from '../support/running-gateway';

let emulator: EmulatorProcess;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  proxy = startTunnellingProxy();
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await emulator?.stop();
});
beforeEach(() => {
  tunnels.length = 0;
  return emulator.control.reset();
});

async function likeThrough(
  proxySettings: { httpProxy: Secret; noProxy?: string },
  { viaName = false, privateHosts = [] as string[] } = {},
): Promise<unknown> {
  // By name (localhost) rather than address, the portal goes through the public-address check.
  const webhook = await emulator.control.webhookUrl(1);
  const bitrix24 = {
    ...emulatorConfig(viaName ? webhook.replace('127.0.0.1', 'localhost') : webhook, []),
    privateHosts,
  };
  const logger = pino({ level: 'silent' });
  const gateway: Gateway = await buildGateway({
    bitrix24,
    logger,
    proxy: proxySettings,
    resilience: testResilience(),
  });
  await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const { port } = gateway.app.server.address() as AddressInfo;
    const response = await postGraphQL(`http://127.0.0.1:${port}/graphql`, {
      query: LIKE_MESSAGE,
      variables: { id: '1', action: 'PLUS' },
    });
    const data = response.body.data as { likeMessage: { __typename: string } } | null;
    return data?.likeMessage.__typename ?? response.body.errors?.[0]?.message;
  } finally {
    await gateway.close();
  }
}

it('reaches Bitrix24 through HTTP_PROXY', async () => {
  expect(await likeThrough({ httpProxy: new Secret(proxyUrl) })).toBe('LikeMessageSuccess');
  expect(tunnels).toEqual([new URL(emulator.origin).host]);
});

it('goes direct for hosts in NO_PROXY', async () => {
  expect(await likeThrough({ httpProxy: new Secret(proxyUrl), noProxy: '127.0.0.1' })).toBe(
    'LikeMessageSuccess',
  );
  expect(tunnels).toEqual([]);
});

it('keeps the public-address check on direct connections for NO_PROXY hosts', async () => {
  const proxy = { httpProxy: new Secret(proxyUrl), noProxy: 'localhost' };
  expect(await likeThrough(proxy, { viaName: true })).toBe(
    'The Bitrix24 portal resolved to a non-public address, which this gateway contacts only for hosts listed in BITRIX24_PRIVATE_HOSTS',
  );
  const portal = new URL(emulator.origin).host.replace('127.0.0.1', 'localhost');
  expect(await likeThrough(proxy, { viaName: true, privateHosts: [portal] })).toBe('LikeMessageSuccess');
  expect(tunnels).toEqual([]);
});

/** A minimal CONNECT proxy that records which host:port each tunnel was opened to. */
function startTunnellingProxy(): Server {
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request, client, head) => {
    tunnels.push(request.url ?? '');
    const [host = '', port = ''] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return server;
}
