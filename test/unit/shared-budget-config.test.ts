import { ConfigError, configSecrets, loadConfig } from '../../src/config';

const REDIS = { REDIS_URL: 'redis://:pa55%2Fw0rd@redis.internal:6379/0', BITRIX24_REPLICAS: '3' };

it('reads how replicas share the budget, keeping the Redis URL secret', () => {
  const config = loadConfig({
    ...REDIS,
    BITRIX24_EGRESS_ID: 'nat-eu-1',
    REDIS_CONNECT_TIMEOUT_MS: '300',
    REDIS_COMMAND_TIMEOUT_MS: '50',
  });
  const { redisUrl, ...rest } = config.redis!;
  expect(redisUrl.reveal()).toBe(REDIS.REDIS_URL);
  expect(rest).toEqual({ egressId: 'nat-eu-1', replicas: 3, connectTimeoutMs: 300, commandTimeoutMs: 50 });
  expect(JSON.stringify(config)).not.toContain('pa55');
  expect(configSecrets(config).map((secret) => secret.reveal())).toEqual([
    REDIS.REDIS_URL,
    'pa55%2Fw0rd',
    'pa55/w0rd',
  ]);
});

it('defaults to one shared key and timeouts of a second and a quarter', () => {
  expect(loadConfig(REDIS).redis).toMatchObject({
    egressId: 'default',
    connectTimeoutMs: 1_000,
    commandTimeoutMs: 250,
  });
});

it('paces each process alone, in memory, without REDIS_URL', () => {
  expect(loadConfig({ BITRIX24_REPLICAS: '3' }).redis).toBeUndefined();
});

it.each([
  [
    { ...REDIS, REDIS_URL: 'http://:pa55w0rd@redis.internal' },
    /^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL$/,
  ],
  [{ ...REDIS, REDIS_URL: 'pa55w0rd' }, /^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL$/],
  [
    { ...REDIS, REDIS_URL: 'redis://:pa55%zzw0rd@redis.internal' },
    /^REDIS_URL: its user name or password is not correctly percent-encoded$/,
  ],
  [{ REDIS_URL: REDIS.REDIS_URL }, /^BITRIX24_REPLICAS: required with REDIS_URL/],
  [{ ...REDIS, BITRIX24_REPLICAS: '0' }, /^BITRIX24_REPLICAS: /],
  [{ ...REDIS, BITRIX24_EGRESS_ID: 'nat eu' }, /^BITRIX24_EGRESS_ID: must be 1 to 64 letters/],
  [{ ...REDIS, REDIS_CONNECT_TIMEOUT_MS: '5' }, /^REDIS_CONNECT_TIMEOUT_MS: /],
  [{ ...REDIS, REDIS_COMMAND_TIMEOUT_MS: 'soon' }, /^REDIS_COMMAND_TIMEOUT_MS: /],
])('rejects %p with a message naming the variable, never quoting the URL', (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
  expect(() => loadConfig(env)).not.toThrow(/pa55/);
});
