import { DEFAULT_RESILIENCE } from '../../src/bitrix24/resilience-settings';
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
      resilience: DEFAULT_RESILIENCE,
      proxy: {},
      metricsPort: 9464,
      metricsHost: '0.0.0.0',
      shutdownGraceMs: 10_000,
      shutdownDelayMs: 0,
      playground: true,
      introspection: true,
    });
  });

  it('reads resilience, per-portal limits, metrics and proxy settings', () => {
    const config = loadConfig({
      BITRIX24_RATE_PER_SEC: '20',
      BITRIX24_BURST: '10',
      BITRIX24_PORTAL_LIMITS: 'big.bitrix24.com=5/250, Local:8080=0.5/3',
      BITRIX24_QUEUE_MAX: '7',
      BITRIX24_RETRIES: '0',
      METRICS_PORT: 'off',
      HTTPS_PROXY: 'http://user:pa55@proxy.internal:3128',
      NO_PROXY: 'localhost',
    });
    expect(config.resilience).toMatchObject({
      rateLimit: { perSecond: 20, burst: 10 },
      queueMax: 7,
      retries: 0,
    });
    expect([...config.resilience.portalLimits]).toEqual([
      ['big.bitrix24.com', { perSecond: 5, burst: 250 }],
      ['local:8080', { perSecond: 0.5, burst: 3 }],
    ]);
    expect(config.metricsPort).toBeNull();
    expect(config.proxy.httpsProxy?.reveal()).toBe('http://user:pa55@proxy.internal:3128');
    expect(JSON.stringify(config)).not.toContain('pa55');
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
    [
      { BITRIX24_PORTAL_LIMITS: 'acme.bitrix24.com=fast' },
      /^BITRIX24_PORTAL_LIMITS: entry "acme.bitrix24.com=fast"/,
    ],
    [{ BITRIX24_RETRIES: '-1' }, /^BITRIX24_RETRIES: /],
    [{ METRICS_PORT: 'on' }, /^METRICS_PORT: /],
    [{ GRAPHQL_PLAYGROUND: 'yes' }, /^GRAPHQL_PLAYGROUND: /],
    [{ GRAPHQL_INTROSPECTION: '1' }, /^GRAPHQL_INTROSPECTION: /],
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

  const PRODUCTION = { NODE_ENV: 'production', BITRIX24_PORTALS: 'acme.bitrix24.com' };
  it.each([
    [{}, { playground: true, introspection: true }],
    [{ GRAPHQL_PLAYGROUND: 'false' }, { playground: false, introspection: true }],
    [{ GRAPHQL_INTROSPECTION: 'false' }, { playground: true, introspection: false }],
    [PRODUCTION, { playground: false, introspection: false }],
    [
      { ...PRODUCTION, GRAPHQL_PLAYGROUND: 'true' },
      { playground: true, introspection: false },
    ],
    [
      { ...PRODUCTION, GRAPHQL_INTROSPECTION: 'true' },
      { playground: false, introspection: true },
    ],
  ])('turns the playground and introspection on or off for %p', (env, expected) => {
    const { playground, introspection } = loadConfig(env);
    expect({ playground, introspection }).toEqual(expected);
  });
});
