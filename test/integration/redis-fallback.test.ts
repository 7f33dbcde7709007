import { RedisLink } from '../../src/bitrix24/shared/redis-link';
import { SharedBucketStore } from '../../src/bitrix24/shared/shared-bucket-store';
import { Secret } from '../../src/secret';
import { freePort } from '../support/free-port';
import { startRedis, type RedisServer } from '../support/redis-server';
import { eventually, openLink, sharedSettings } from '../support/shared-redis';

const time = 1_000_000;
const clock = () => time;
const LIMIT = { perSecond: 2, burst: 10 }; // 9 slots, one draining every 500 ms
const FAR = Number.MAX_SAFE_INTEGER;
const FELL_BACK = 'redis unreachable: this replica paces Bitrix24 calls alone, with its share of the budget';
const RECOVERED = 'redis reachable again: replicas share one Bitrix24 budget again';
// One of three replicas: a third of the 9 slots and of the drain, starting full.
const FALLBACK_STATE = { level: 3, inFlight: 0, capacity: 3, perMs: 2 / 3 / 1000 };
const FALLBACK_WAIT = { go: false, retryInMs: 1_500 };

let redis: RedisServer;
const links: RedisLink[] = [];

beforeEach(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  await redis.stop();
});

async function replica() {
  const { link, logs } = await openLink(sharedSettings(redis));
  links.push(link);
  const store = new SharedBucketStore(link, () => LIMIT, {
    egressId: 'default',
    replicas: 3,
    now: clock,
    redisTime: clock,
  });
  return { store, link, logs };
}

it('falls back to its share of the budget, full, while Redis is down, and rejoins by itself', async () => {
  const { store, link, logs } = await replica();
  expect(await store.take('acme', FAR)).toEqual({ go: false, retryInMs: 500 });
  await redis.kill();
  const answers = await Promise.all([1, 2, 3].map(() => store.take('acme', FAR)));
  expect(answers).toEqual([FALLBACK_WAIT, FALLBACK_WAIT, FALLBACK_WAIT]);
  expect(store.state('acme')).toEqual(FALLBACK_STATE);
  expect(link.shared).toBe(false);

  await redis.restart();
  await eventually(() => link.shared);
  // Redis lost its data, and what this replica sent meanwhile: the shared bucket counts as full again.
  expect(await store.take('acme', FAR)).toEqual({ go: false, retryInMs: 500 });
  expect(logs).toEqual([FELL_BACK, RECOVERED]);
});

it('falls back within the command timeout when Redis stops answering', async () => {
  const { store, link, logs } = await replica();
  await store.take('acme', FAR);
  redis.pause(true);
  const started = performance.now();
  expect(await store.take('acme', FAR)).toEqual(FALLBACK_WAIT);
  // The command timeout is 100 ms; the bound only proves that the call did not wait for Redis.
  expect(performance.now() - started).toBeLessThan(1_000);
  redis.pause(false);
  await eventually(() => link.shared);
  expect(logs).toEqual([FELL_BACK, RECOVERED]);
});

it('starts on its share, within the connect timeout, when Redis cannot be reached', async () => {
  const redisUrl = new Secret(`redis://127.0.0.1:${await freePort()}`);
  const started = performance.now();
  const { link, logs } = await openLink(sharedSettings(redis, { redisUrl }));
  links.push(link);
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(link.shared).toBe(false);
  expect(logs).toEqual([FELL_BACK]);
});
