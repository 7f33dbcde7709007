import type { RedisLink } from '../../src/bitrix24/shared/redis-link';
import { SharedBucketStore } from '../../src/bitrix24/shared/shared-bucket-store';
import { startRedis, type RedisServer } from '../support/redis-server';
import { openLink, sharedSettings } from '../support/shared-redis';

// Redis's clock is replaced by this one, so that every answer is exact.
let time = 1_000_000;
const clock = () => time;
const LIMIT = { perSecond: 2, burst: 10 }; // 9 slots, one draining every 500 ms
const GO = { go: true };
const FAR = Number.MAX_SAFE_INTEGER;

let redis: RedisServer;
const links: RedisLink[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());
afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
});

let egress = 0;
const newEgress = () => `egress-${(egress += 1)}`;

/** One replica's store, on a connection of its own. */
async function replica(egressId: string) {
  const { link } = await openLink(sharedSettings(redis, { egressId }));
  links.push(link);
  return new SharedBucketStore(link, () => LIMIT, { egressId, replicas: 3, now: clock, redisTime: clock });
}

/** Two replicas calling from one egress IP. */
function pair() {
  const egressId = newEgress();
  return Promise.all([replica(egressId), replica(egressId)]);
}

/** A new bucket starts full; this waits until all of it drained. */
async function drained(store: SharedBucketStore, portal = 'acme') {
  expect(await store.take(portal, FAR)).toEqual({ go: false, retryInMs: 500 });
  time += 4_500;
}

const takes = (store: SharedBucketStore, count: number, portal = 'acme') =>
  Promise.all(Array.from({ length: count }, () => store.take(portal, FAR)));

it('starts a new bucket full, since Bitrix24 may be, and lets the first call go once a slot drained', async () => {
  const store = await replica(newEgress());
  expect(await store.take('acme', FAR)).toEqual({ go: false, retryInMs: 500 });
  expect(store.state('acme')).toEqual({ level: 9, inFlight: 0, capacity: 9, perMs: 0.002 });
  time += 500;
  expect(await store.take('acme', FAR)).toEqual(GO);
  expect(store.state('acme')).toEqual({ level: 8, inFlight: 1, capacity: 9, perMs: 0.002 });
});

it('shares one bucket between replicas: nine slots in all, then the next drain', async () => {
  const [one, two] = await pair();
  await drained(one);
  expect([...(await takes(one, 5)), ...(await takes(two, 4))]).toEqual(Array(9).fill(GO));
  // Every slot is held by a call in flight: nobody can tell when one settles, so ask again in a drain period.
  expect(await two.take('acme', FAR)).toEqual({ go: false, retryInMs: 500 });
  // Settling waits for no answer; the next command on the same connection runs after it.
  one.settle('acme');
  expect(await one.take('acme', FAR)).toEqual({ go: false, retryInMs: 500 });
  expect(one.state('acme')).toEqual({ level: 1, inFlight: 8, capacity: 9, perMs: 0.002 });
  time += 500;
  expect(await two.take('acme', FAR)).toEqual(GO);
});

it('asks again when the first hold ends, if that comes before a drain period', async () => {
  const store = await replica(newEgress());
  await drained(store);
  await takes(store, 8);
  expect(await store.take('acme', time + 200)).toEqual(GO);
  expect(await store.take('acme', FAR)).toEqual({ go: false, retryInMs: 200 });
});

it('counts a hold whose deadline passed as a settled call, draining from its end', async () => {
  const store = await replica(newEgress());
  await drained(store);
  await takes(store, 8);
  expect(await store.take('acme', time + 1_000)).toEqual(GO);
  time += 1_250;
  expect(await store.take('acme', FAR)).toEqual({ go: false, retryInMs: 250 });
  expect(store.state('acme')).toEqual({ level: 0.5, inFlight: 8, capacity: 9, perMs: 0.002 });
});

it('treats the shared bucket as full after one replica saw QUERY_LIMIT_EXCEEDED', async () => {
  const [one, two] = await pair();
  await drained(one);
  one.markFull('acme');
  expect(await one.take('acme', FAR)).toEqual({ go: false, retryInMs: 500 });
  expect(await two.take('acme', FAR)).toEqual({ go: false, retryInMs: 500 });
});

it('keeps one bucket per egress IP and portal', async () => {
  const [first, second] = await Promise.all([replica('nat-a'), replica('nat-b')]);
  await Promise.all([drained(first), drained(second, 'beta')]);
  await drained(second);
  expect(await takes(first, 9)).toEqual(Array(9).fill(GO));
  expect(await first.take('acme', FAR)).toEqual({ go: false, retryInMs: 500 });
  expect(await second.take('acme', FAR)).toEqual(GO);
  expect(await second.take('beta', FAR)).toEqual(GO);
});
