import { ConfigError, loadConfig } from '../../src/config';

const WEBHOOK = 'https://acme.bitrix24.com/rest/1/s3cr3tc0de/';

describe('loadConfig', () => {
  it('defaults to the embedded emulator when nothing is configured', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      logLevel: 'info',
      production: false,
      bitrix24: { webhook: null, portals: [], timeoutMs: 10_000, useEmulator: true },
    });
  });

  it('reads a webhook and keeps its path secret', () => {
    const config = loadConfig({ BITRIX24_WEBHOOK_URL: WEBHOOK, PORT: '8080', BITRIX24_TIMEOUT_MS: '2500' });
    expect(config.port).toBe(8080);
    expect(config.bitrix24.timeoutMs).toBe(2500);
    expect(config.bitrix24.useEmulator).toBe(false);
    expect(config.bitrix24.webhook?.basePath.reveal()).toBe('/rest/1/s3cr3tc0de/');
    expect(JSON.stringify(config)).not.toContain('s3cr3tc0de');
    expect(JSON.stringify(config.bitrix24.webhook)).toBe(
      '{"host":"acme.bitrix24.com","origin":"https://acme.bitrix24.com","userId":1,"basePath":"[REDACTED]"}',
    );
  });

  it('reads portal hosts and origins, https implied', () => {
    const config = loadConfig({ BITRIX24_PORTALS: ' Acme.Bitrix24.com , http://127.0.0.1:8080 ' });
    expect(config.bitrix24.portals).toEqual([
      { host: 'acme.bitrix24.com', origin: 'https://acme.bitrix24.com' },
      { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' },
    ]);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({ BITRIX24_PORTALS: 'acme.bitrix24.com' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.bitrix24.portals)).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ BITRIX24_TIMEOUT_MS: '5' }, /^BITRIX24_TIMEOUT_MS: /],
    [
      { BITRIX24_WEBHOOK_URL: 'ftp://acme.bitrix24.com/rest/1/abc/' },
      /^BITRIX24_WEBHOOK_URL: must use http or https$/,
    ],
    [
      { BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.com/rest/abc/' },
      /^BITRIX24_WEBHOOK_URL: must look like/,
    ],
    [{ BITRIX24_WEBHOOK_URL: 'not a url s3cr3t' }, /^BITRIX24_WEBHOOK_URL: is not a valid URL$/],
    [{ BITRIX24_PORTALS: 'acme.bitrix24.com/rest' }, /^BITRIX24_PORTALS: entry "acme.bitrix24.com\/rest"/],
    [{ BITRIX24_PORTALS: 'acme.bitrix24.com,ACME.bitrix24.com' }, /^BITRIX24_PORTALS: lists a portal twice$/],
    [{ NODE_ENV: 'production' }, /^BITRIX24_WEBHOOK_URL or BITRIX24_PORTALS: one is required/],
    [{ ROUTER_SECRET: 'short-s3cr3t' }, /^ROUTER_SECRET: must be at least 16 visible ASCII characters/],
    [{ ROUTER_SECRET: 'r0uter-s3cret-0123456789 ' }, /^ROUTER_SECRET: must be at least 16 visible ASCII/],
    [{ ROUTER_SECRET: 'r0uter-s3cret-01234567ü' }, /^ROUTER_SECRET: must be at least 16 visible ASCII/],
  ])('rejects %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never quotes a webhook URL in its error', () => {
    expect(() =>
      loadConfig({ BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.com/rest/1/s3cr3t/?x=1' }),
    ).toThrow(/^BITRIX24_WEBHOOK_URL: must look like https:\/\/PORTAL\/rest\/USER_ID\/CODE\/$/);
  });

  it('reads ROUTER_SECRET as a secret that never prints', () => {
    const config = loadConfig({ ROUTER_SECRET: 'r0uter-s3cret-0123456789' });
    expect(config.routerSecret?.reveal()).toBe('r0uter-s3cret-0123456789');
    expect(JSON.stringify(config)).not.toContain('r0uter-s3cret');
    expect(loadConfig({}).routerSecret).toBeUndefined();
  });

  it('allows the emulator in production only when asked for explicitly', () => {
    expect(loadConfig({ NODE_ENV: 'production', BITRIX24_EMULATOR: 'true' }).bitrix24.useEmulator).toBe(true);
  });
});
