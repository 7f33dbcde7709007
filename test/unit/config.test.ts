import { DEFAULT_RESILIENCE } from '../../src/bitrix24/resilience-settings';
import { ConfigError, configSecrets, gatewayConfigOf, loadConfig } from '../../src/config';

const WEBHOOK = 'https://acme.bitrix24.com/rest/1/s3cr3tc0de/';

describe('loadConfig', () => {
  it('defaults to the embedded emulator when nothing is configured', () => {
    expect(loadConfig({})).toEqual({
      production: false,
      logLevel: 'info',
      http: {
        port: 4000,
        host: '0.0.0.0',
        metricsPort: 9464,
        metricsHost: '0.0.0.0',
        shutdownGraceMs: 15_000,
        shutdownDelayMs: 0,
        playground: true,
        introspection: true,
      },
      bitrix24: { webhook: null, portals: [], privateHosts: [], timeoutMs: 10_000, useEmulator: true },
      resilience: DEFAULT_RESILIENCE,
      proxy: {},
      security: {
        apiKeys: [],
        corsOrigins: [],
        limits: {
          likeMessageFields: 5,
          likes: 50,
          aliases: 10,
          depth: 5,
          tokens: 500,
          cost: 500,
          directives: 10,
          bodyBytes: 65_536,
        },
      },
    });
  });

  it('reads resilience, per-portal limits, metrics and proxy settings', () => {
    const config = loadConfig({
      BITRIX24_RATE_PER_SEC: '20',
      BITRIX24_BURST: '10',
      BITRIX24_PORTALS: 'big.bitrix24.com,http://local:8080',
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
    expect(config.http.metricsPort).toBeNull();
    expect(config.proxy.httpsProxy?.reveal()).toBe('http://user:pa55@proxy.internal:3128');
    expect(JSON.stringify(config)).not.toContain('pa55');
  });

  it('reads the operation limits', () => {
    const config = loadConfig({
      GRAPHQL_MAX_LIKE_MESSAGE_FIELDS: '2',
      GRAPHQL_MAX_LIKES_PER_OPERATION: '20',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_DEPTH: '4',
      GRAPHQL_MAX_TOKENS: '600',
      GRAPHQL_MAX_COST: '700',
      GRAPHQL_MAX_DIRECTIVES: '1',
      GRAPHQL_MAX_BODY_BYTES: '2048',
    });
    expect(config.security.limits).toEqual({
      likeMessageFields: 2,
      likes: 20,
      aliases: 3,
      depth: 4,
      tokens: 600,
      cost: 700,
      directives: 1,
      bodyBytes: 2048,
    });
  });

  it('reads API keys, the router secret and CORS origins, keeping the secrets secret', () => {
    const config = loadConfig({
      BITRIX24_WEBHOOK_URL: WEBHOOK,
      GATEWAY_API_KEYS: ' first-key-0123456789 ,second-key-0123456789',
      ROUTER_SECRET: 'r0uter-secret-value',
      CORS_ORIGINS: 'https://App.example.com, http://localhost:3000',
    });
    expect(config.security.apiKeys.map((key) => key.reveal())).toEqual([
      'first-key-0123456789',
      'second-key-0123456789',
    ]);
    expect(config.security.routerSecret?.reveal()).toBe('r0uter-secret-value');
    expect(config.security.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:3000']);
    expect(JSON.stringify(config)).not.toMatch(/first-key|second-key|r0uter|s3cr3tc0de/);
    expect(configSecrets(config).map((secret) => secret.reveal())).toEqual([
      '/rest/1/s3cr3tc0de/',
      's3cr3tc0de',
      'first-key-0123456789',
      'second-key-0123456789',
      'r0uter-secret-value',
    ]);
  });

  it('reads the hosts allowed to resolve to private addresses', () => {
    const config = loadConfig({
      BITRIX24_WEBHOOK_URL: 'http://b24.intranet:8080/rest/1/abc/',
      BITRIX24_PORTALS: 'acme.bitrix24.com,https://b24.corp.local',
      BITRIX24_PRIVATE_HOSTS: 'http://b24.intranet:8080, B24.corp.local',
    });
    expect(config.bitrix24.privateHosts).toEqual(['b24.intranet:8080', 'b24.corp.local']);
  });

  it('takes a private host without its port for every configured portal of that name', () => {
    const config = loadConfig({
      BITRIX24_WEBHOOK_URL: 'http://localhost:4100/rest/1/abc/',
      BITRIX24_PORTALS: 'http://localhost:4100,http://localhost:4200,https://b24.corp.local:8443',
      BITRIX24_PRIVATE_HOSTS: 'localhost, localhost:4100, B24.corp.local',
    });
    expect(config.bitrix24.privateHosts).toEqual(['localhost:4100', 'localhost:4200', 'b24.corp.local:8443']);
  });

  it('reads a webhook and keeps its path secret', () => {
    const config = loadConfig({ BITRIX24_WEBHOOK_URL: WEBHOOK, PORT: '8080', BITRIX24_TIMEOUT_MS: '2500' });
    expect(config.http.port).toBe(8080);
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
    [{ PORT: 'eighty' }, /^PORT: must be a decimal number$/],
    [{ PORT: '0x10' }, /^PORT: must be a decimal number$/],
    [{ BITRIX24_RETRIES: '11' }, /^BITRIX24_RETRIES: Too big: expected number to be <=10$/],
    [{ METRICS_PORT: 'OFF' }, /^METRICS_PORT: must be a port number, or off$/],
    [{ GRAPHQL_PLAYGROUND: 'TRUE' }, /^GRAPHQL_PLAYGROUND: must be true or false$/],
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
    [
      { BITRIX24_PORTALS: 'acme.bitrix24.com/rest' },
      /^BITRIX24_PORTALS: entry "https:\/\/acme.bitrix24.com\/…" must be a host or an origin, without a path$/,
    ],
    [{ BITRIX24_PORTALS: 'acme.bitrix24.com,ACME.bitrix24.com' }, /^BITRIX24_PORTALS: lists a portal twice$/],
    [{ NODE_ENV: 'production' }, /^BITRIX24_WEBHOOK_URL or BITRIX24_PORTALS: one is required/],
    [
      { BITRIX24_PORTAL_LIMITS: 'acme.bitrix24.com=fast' },
      /^BITRIX24_PORTAL_LIMITS: entry 1 must look like host=perSecond\/burst/,
    ],
    [{ BITRIX24_RETRIES: '-1' }, /^BITRIX24_RETRIES: /],
    [{ METRICS_PORT: 'on' }, /^METRICS_PORT: /],
    [{ SHUTDOWN_GRACE_MS: '10000' }, /^SHUTDOWN_GRACE_MS: must be longer than BITRIX24_TIMEOUT_MS/],
    [{ HTTPS_PROXY: 'http://us3r:pa55@proxy internal:3128' }, /^HTTPS_PROXY: is not a valid URL$/],
    [{ http_proxy: 'socks5://proxy.internal:1080' }, /^HTTP_PROXY: must be an http or https URL$/],
    [
      { BITRIX24_PORTALS: 'acme.bitrix24.com', BITRIX24_PORTAL_LIMITS: 'acme.bitrix42.com=5/250' },
      /^BITRIX24_PORTAL_LIMITS: "acme.bitrix42.com" is not a host of BITRIX24_PORTALS/,
    ],
    [{ GRAPHQL_PLAYGROUND: 'yes' }, /^GRAPHQL_PLAYGROUND: /],
    [{ GRAPHQL_INTROSPECTION: '1' }, /^GRAPHQL_INTROSPECTION: /],
    [{ ROUTER_SECRET: 'short-s3cr3t' }, /^ROUTER_SECRET: must be at least 16 visible ASCII characters/],
    [{ ROUTER_SECRET: 'r0uter-s3cret-0123456789 ' }, /^ROUTER_SECRET: must be at least 16 visible ASCII/],
    [{ ROUTER_SECRET: 'r0uter-s3cret-01234567ü' }, /^ROUTER_SECRET: must be at least 16 visible ASCII/],
    [
      { BITRIX24_PORTALS: 'acme.bitrix24.com', BITRIX24_PRIVATE_HOSTS: 'b24.intranet' },
      /^BITRIX24_PRIVATE_HOSTS: "b24.intranet" is not a host of BITRIX24_PORTALS or BITRIX24_WEBHOOK_URL$/,
    ],
    [
      { BITRIX24_PORTALS: 'http://b24.intranet:8080', BITRIX24_PRIVATE_HOSTS: 'b24.intranet:8443' },
      /^BITRIX24_PRIVATE_HOSTS: "b24.intranet:8443" is not a host/,
    ],
    [
      { BITRIX24_PORTALS: 'http://b24.intranet:8080', BITRIX24_PRIVATE_HOSTS: 'b24.intranet:443' },
      /^BITRIX24_PRIVATE_HOSTS: "b24.intranet:443" is not a host/,
    ],
    [
      { GATEWAY_API_KEYS: 'long-enough-key-0123,short' },
      /^GATEWAY_API_KEYS: every key must have at least 16/,
    ],
    [{ CORS_ORIGINS: '*' }, /^CORS_ORIGINS: "\*" is not an origin/],
    [{ CORS_ORIGINS: 'https://app.example.com/' }, /^CORS_ORIGINS: "https:\/\/app.example.com\/" is not/],
    [{ CORS_ORIGINS: 'app.example.com' }, /^CORS_ORIGINS: "app.example.com" is not an origin/],
    [{ GRAPHQL_MAX_LIKE_MESSAGE_FIELDS: '0' }, /^GRAPHQL_MAX_LIKE_MESSAGE_FIELDS: /],
    [{ GRAPHQL_MAX_BODY_BYTES: '10' }, /^GRAPHQL_MAX_BODY_BYTES: /],
  ])('rejects %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never quotes an API key in its error', () => {
    expect(() => loadConfig({ GATEWAY_API_KEYS: 'sh0rtk3y' })).toThrow(ConfigError);
    expect(() => loadConfig({ GATEWAY_API_KEYS: 'sh0rtk3y' })).not.toThrow(/sh0rtk3y/);
  });

  it.each(['BITRIX24_PORTALS', 'BITRIX24_PORTAL_LIMITS', 'BITRIX24_PRIVATE_HOSTS'])(
    'never quotes a webhook URL given by mistake in %s',
    (variable) => {
      const env = { BITRIX24_PORTALS: 'acme.bitrix24.com', [variable]: WEBHOOK };
      expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}: `));
      expect(() => loadConfig(env)).not.toThrow(/s3cr3tc0de/);
    },
  );

  it('never quotes a webhook URL in its error', () => {
    expect(() =>
      loadConfig({ BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.com/rest/1/s3cr3t/?x=1' }),
    ).toThrow(/^BITRIX24_WEBHOOK_URL: must look like https:\/\/PORTAL\/rest\/USER_ID\/CODE\/$/);
  });

  it('reads ROUTER_SECRET as a secret that never prints', () => {
    const config = loadConfig({ ROUTER_SECRET: 'r0uter-s3cret-0123456789' });
    expect(config.security.routerSecret?.reveal()).toBe('r0uter-s3cret-0123456789');
    expect(JSON.stringify(config)).not.toContain('r0uter-s3cret');
    expect(loadConfig({}).security.routerSecret).toBeUndefined();
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
    const { playground, introspection } = loadConfig(env).http;
    expect({ playground, introspection }).toEqual(expected);
  });
});

describe('gatewayConfigOf, for an embedder', () => {
  it('reads options through the same schema as the environment, to the same configuration', () => {
    const fromEnv = loadConfig({
      BITRIX24_WEBHOOK_URL: WEBHOOK,
      BITRIX24_PORTALS: 'acme.bitrix24.com',
      BITRIX24_PORTAL_LIMITS: 'acme.bitrix24.com=5/250',
      BITRIX24_RETRIES: '3',
      GRAPHQL_MAX_DEPTH: '4',
      METRICS_PORT: 'off',
    });
    const fromOptions = gatewayConfigOf({
      bitrix24: { webhook: WEBHOOK, portals: ['acme.bitrix24.com'] },
      resilience: { retries: 3, portalLimits: 'acme.bitrix24.com=5/250' },
      security: { limits: { depth: 4 } },
      http: { metricsPort: null },
    });
    expect(fromOptions).toEqual(fromEnv);
    expect(gatewayConfigOf(fromOptions)).toEqual(fromOptions);
  });

  it.each([
    [{ resilience: { retries: 11 } }, 'resilience.retries: Too big: expected number to be <=10'],
    [{ resilience: { retires: 3 } }, 'resilience: Unrecognized key: "retires"'],
    [{ http: { port: '80' } }, 'http.port: must be a number'],
    [{ http: { playground: 'yes' } }, 'http.playground: must be true or false'],
    [{ security: { apiKeys: ['short'] } }, 'security.apiKeys.0: every key must have at least 16 characters'],
    [
      { bitrix24: { timeoutMs: 20_000 }, http: { shutdownGraceMs: 20_000 } },
      'http.shutdownGraceMs: must be longer than bitrix24.timeoutMs, so in-flight calls can end',
    ],
    [
      { production: true },
      'bitrix24.webhook or bitrix24.portals: one is required in production (set bitrix24.useEmulator to true ' +
        'to run on the embedded emulator on purpose)',
    ],
  ])('names a bad option by its path: %j', (options, message) => {
    expect(() => gatewayConfigOf(options as never)).toThrow(new ConfigError(message));
  });
});
