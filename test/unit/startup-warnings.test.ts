import pino from 'pino';
import { loadConfig } from '../../src/config';
import { logStartupWarnings } from '../../src/startup/startup-warnings';

const WEBHOOK = 'https://acme.bitrix24.com/rest/1/s3cr3tc0de/';

function warningsFor(env: Record<string, string>): unknown[] {
  const lines: string[] = [];
  logStartupWarnings(
    loadConfig(env),
    pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }),
  );
  return lines.map((line) => JSON.parse(line)).map(({ level, portal, msg }) => ({ level, portal, msg }));
}

it('warns in production when the webhook is open to every caller', () => {
  expect(warningsFor({ NODE_ENV: 'production', BITRIX24_WEBHOOK_URL: WEBHOOK })).toEqual([
    {
      level: 40,
      portal: 'acme.bitrix24.com',
      msg:
        'BITRIX24_WEBHOOK_URL is set without GATEWAY_API_KEYS or ROUTER_SECRET: every caller that reaches the ' +
        "gateway acts as the webhook's Bitrix24 user",
    },
  ]);
});

it.each([
  ['API keys are set', { GATEWAY_API_KEYS: 'key-0123456789abcdef' }],
  ['a router secret is set', { ROUTER_SECRET: 'router-secret-0123' }],
  ['not in production', { NODE_ENV: 'development' }],
  ['only per-user calls are configured', { BITRIX24_WEBHOOK_URL: '', BITRIX24_PORTALS: 'acme.bitrix24.com' }],
  [
    'the webhook is on a loopback address over http',
    { BITRIX24_WEBHOOK_URL: 'http://127.0.0.1:4100/rest/1/c0de/', NODE_ENV: 'development' },
  ],
])('stays quiet when %s', (_case, env) => {
  expect(warningsFor({ NODE_ENV: 'production', BITRIX24_WEBHOOK_URL: WEBHOOK, ...env })).toEqual([]);
});

it('warns when the webhook secret would cross the network over plain http', () => {
  expect(warningsFor({ BITRIX24_WEBHOOK_URL: 'http://b24.example.com/rest/1/s3cr3tc0de/' })).toEqual([
    {
      level: 40,
      portal: 'b24.example.com',
      msg: 'BITRIX24_WEBHOOK_URL uses plain http: the webhook secret crosses the network unencrypted',
    },
  ]);
});
