import pino from 'pino';
import { warnAboutOpenWebhook } from '../../src/auth/open-webhook-warning';
import { loadConfig } from '../../src/config';

const WEBHOOK = 'https://acme.bitrix24.com/rest/1/s3cr3tc0de/';

function warningsFor(env: Record<string, string>): unknown[] {
  const lines: string[] = [];
  warnAboutOpenWebhook(
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
])('stays quiet when %s', (_case, env) => {
  expect(warningsFor({ NODE_ENV: 'production', BITRIX24_WEBHOOK_URL: WEBHOOK, ...env })).toEqual([]);
});
