import type { LookupFunction } from 'node:net';
import pino from 'pino';
import { Pool, type Dispatcher } from 'undici';
import { AddressRefusedError, publicOnlyLookup } from '../../src/bitrix24/address-guard';
import { buildGateway } from '../../src/server';
import { LIKE_MESSAGE } from '../graphql/like-message.operations';
import { startConnectionCounter, type ConnectionCounter } from '../support/connection-counter';
import { spawnEmulator, type EmulatorProcess } from '../support/emulator-process';
import { ACME_CONFIG } from '../support/mock-gateway';
import { emulatorConfig, startGateway, type RunningGateway } from '../support/running-gateway';

let emulator: EmulatorProcess;
let counter: ConnectionCounter;
let emulatorPort: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  emulator = await spawnEmulator({ EMULATOR_RATE_LIMIT: 'off' });
  emulatorPort = new URL(emulator.origin).port;
  counter = await startConnectionCounter();
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await counter?.close();
  await emulator?.stop();
});
beforeEach(() => emulator.control.reset());

async function gatewayFor(webhook: string | null, portals: string[], privateHosts: string[] = []) {
  const gateway = await startGateway({ ...emulatorConfig(webhook, portals), privateHosts });
  gateways.push(gateway);
  return gateway;
}

const plus = (gateway: RunningGateway, headers: Record<string, string> = {}) =>
  gateway.graphql({ query: LIKE_MESSAGE, variables: { id: '3', action: 'PLUS' } }, headers);

const REFUSED = {
  data: null,
  errors: [
    {
      message:
        'The Bitrix24 portal resolved to a non-public address, which this gateway contacts only for hosts listed in BITRIX24_PRIVATE_HOSTS',
      locations: [{ line: 2, column: 3 }],
      path: ['likeMessage'],
      extensions: { code: 'UPSTREAM_ERROR', outcome: 'NOT_APPLIED' },
    },
  ],
};

describe('a portal name that resolves to a non-public address', () => {
  it('is refused before any connection is made (localhost is loopback)', async () => {
    const gateway = await gatewayFor(null, [`http://localhost:${counter.port}`]);
    const response = await plus(gateway, { authorization: 'Bearer demo-token-user-1' });
    expect(response.body).toEqual(REFUSED);
    expect(counter.connections()).toBe(0);
    const failure = gateway.logs.map((line) => JSON.parse(line)).find((entry) => entry.failure)?.failure;
    expect(failure).toEqual({ kind: 'address-refused', range: 'loopback' });
  });

  it('is refused for a webhook too, and the webhook code never shows', async () => {
    const webhook = (await emulator.control.webhookUrl(1)).replace('127.0.0.1', 'localhost');
    const gateway = await gatewayFor(webhook, []);
    const response = await plus(gateway);
    expect(response.body).toEqual(REFUSED);
    expect(await emulator.control.calls()).toEqual([]);
    expect([response.text, ...gateway.logs].join('\n')).not.toContain(webhook.split('/')[5]);
  });

  it('is reached when the operator lists the host in BITRIX24_PRIVATE_HOSTS', async () => {
    const portal = `localhost:${emulatorPort}`;
    const webhook = (await emulator.control.webhookUrl(1)).replace('127.0.0.1', 'localhost');
    const gateway = await gatewayFor(webhook, [`http://${portal}`], [portal]);
    expect((await plus(gateway)).body).toMatchObject({
      data: { likeMessage: { __typename: 'LikeMessageSuccess', message: { portal, id: '3' } } },
    });
    expect((await plus(gateway, { authorization: 'Bearer demo-token-user-2' })).body).toMatchObject({
      data: { likeMessage: { __typename: 'LikeMessageSuccess' } },
    });
    expect(await emulator.control.likes('3')).toEqual([1, 2]);
  });

  it('is reached when the entry is an IP literal: the operator named the address itself', async () => {
    const gateway = await gatewayFor(null, [emulator.origin]);
    expect((await plus(gateway, { authorization: 'Bearer demo-token-user-1' })).body).toMatchObject({
      data: { likeMessage: { __typename: 'LikeMessageSuccess' } },
    });
  });
});

describe('the check sits in the connection itself', () => {
  // portal.test exists only in this resolver: a socket that looked the name up again would fail with ENOTFOUND.
  const dns: LookupFunction = (hostname, options, callback) => {
    if (hostname !== 'portal.test')
      return callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), '', 0);
    if (options.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
    callback(null, '127.0.0.1', 4);
  };

  async function post(pool: Dispatcher, port: string): Promise<unknown> {
    try {
      const response = await pool.request({
        origin: `http://portal.test:${port}`,
        path: '/rest/im.message.like.json',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ MESSAGE_ID: '3', ACTION: 'plus', auth: 'demo-token-user-1' }),
      });
      return await response.body.json();
    } catch (error) {
      return error;
    }
  }

  it('connects to exactly the address it checked, with no second lookup', async () => {
    const pool = new Pool(`http://portal.test:${emulatorPort}`, { connect: { lookup: dns } });
    expect(await post(pool, emulatorPort)).toMatchObject({ result: true });
    await pool.close();
  });

  it('refuses that address with a typed error, and nothing is connected to', async () => {
    const pool = new Pool(`http://portal.test:${counter.port}`, {
      connect: { lookup: publicOnlyLookup(dns) },
    });
    const error = await post(pool, String(counter.port));
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error).toMatchObject({ range: 'loopback' });
    expect(counter.connections()).toBe(0);
    await pool.close();
  });
});

describe('a portal that is not on the allow-list', () => {
  it.each([
    'evil.example.com',
    'acme.bitrix24.com.evil.example',
    'evil.example#acme.bitrix24.com',
    'acme.bitrix24.com@evil.example',
    'acme.bitrix24.com:8443',
    '127.0.0.1',
    'localhost',
    '169.254.169.254',
    '[::1]',
  ])('X-Bitrix24-Domain: %s is FORBIDDEN and causes no traffic at all', async (domain) => {
    const origins: string[] = [];
    const gateway = await buildGateway({
      bitrix24: ACME_CONFIG,
      logger: pino({ level: 'silent' }),
      dispatcherFactory: (origin) => {
        origins.push(origin);
        throw new Error('no transport may be created');
      },
    });
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: 'Bearer some-token', 'x-bitrix24-domain': domain },
      payload: { query: LIKE_MESSAGE, variables: { id: '3', action: 'PLUS' } },
    });
    await gateway.close();
    expect(response.json()).toEqual({
      data: null,
      errors: [
        {
          message:
            'The portal named in X-Bitrix24-Domain is not allowed; name an allowed portal as host[:port], ' +
            'without a scheme (allowed here: acme.bitrix24.com)',
          locations: [{ line: 2, column: 3 }],
          path: ['likeMessage'],
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    expect(origins).toEqual([]);
  });
});

it('never follows a redirect, even to an address it could reach', async () => {
  const gateway = await gatewayFor(await emulator.control.webhookUrl(1), []);
  await emulator.control.addFault({
    kind: 'raw',
    status: 307,
    headers: { location: `http://127.0.0.1:${counter.port}/rest/1/elsewhere/im.message.like.json` },
  });
  const response = await plus(gateway);
  expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_ERROR', outcome: 'NOT_APPLIED' });
  expect(counter.connections()).toBe(0);
  expect(await emulator.control.calls()).toHaveLength(1);
});
