import { checkRedisServer, REDIS_INSTALL_LINE } from '../support/prerequisites';

it('finds redis-server, which the shared-budget tests need', () => {
  expect(() => checkRedisServer()).not.toThrow();
});

it('says how to install a missing redis-server instead of skipping its tests', () => {
  expect(() => checkRedisServer('redis-server-not-installed')).toThrow(
    'redis-server-not-installed was not found: the tests of replicas sharing one budget start their own ' +
      `Redis server.\nInstall it (Debian/Ubuntu): ${REDIS_INSTALL_LINE}`,
  );
});
