import { OperatingTimeGuard } from '../../src/bitrix24/operating-time-guard';
import type { RedisLink } from '../../src/bitrix24/shared/redis-link';
import { shareBlocks } from '../../src/bitrix24/shared/shared-blocks';
import { SharedBudget } from '../../src/bitrix24/shared/shared-budget';
import { startRedis, type RedisServer } from '../support/redis-server';
import { eventually, openLink, sharedSettings } from '../support/shared-redis';
import { silentLogger } from '../support/silent-logger';

let redis: RedisServer;
const closing: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());
afterEach(async () => {
  await Promise.all(closing.splice(0).map((link) => link.close()));
});

async function link(): Promise<RedisLink> {
  const opened = (await openLink(sharedSettings(redis))).link;
  closing.push(opened);
  return opened;
}

it("keeps three replicas' calls in flight within one shared bucket, in each replica's order", async () => {
  const budgets = await Promise.all(
    [1, 2, 3].map(() => SharedBudget.open(sharedSettings(redis), silentLogger)),
  );
  closing.push(...budgets);
  const limiters = budgets.map((budget) => budget.limiter(() => ({ perSecond: 1_000, burst: 10 }), 100));
  let inFlight = 0;
  let most = 0;
  const order: string[] = [];
  const call = async (replica: number, index: number) => {
    const limiter = limiters[replica]!;
    const refusal = await limiter.acquire('acme', Date.now() + 5_000);
    order.push(`${replica}:${index}`);
    most = Math.max(most, (inFlight += 1));
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    limiter.settled('acme');
    return refusal;
  };
  const calls = [0, 1, 2].flatMap((replica) =>
    Array.from({ length: 10 }, (_, index) => call(replica, index)),
  );
  expect(await Promise.all(calls)).toEqual(Array(30).fill(undefined));
  expect(most).toBeLessThanOrEqual(9);
  for (const replica of [0, 1, 2]) {
    const own = order.filter((entry) => entry.startsWith(`${replica}:`));
    expect(own).toEqual(Array.from({ length: 10 }, (_, index) => `${replica}:${index}`));
  }
});

it('makes an OPERATION_TIME_LIMIT block seen by one replica known to every replica until it ends', async () => {
  const [first, second] = [new OperatingTimeGuard(), new OperatingTimeGuard()];
  await Promise.all([shareBlocks(await link(), first), shareBlocks(await link(), second)]);
  first.recordBlocked('acme', 'im.message.like');
  expect(first.blockedFor('acme', 'im.message.like')).toBe(60);
  await eventually(() => second.blockedFor('acme', 'im.message.like') > 0);
  expect(second.blockedFor('acme', 'im.message.like')).toBe(60);
  expect(second.blockedFor('acme', 'im.message.add')).toBe(0);
  expect(second.blockedFor('beta', 'im.message.like')).toBe(0);

  // A replica that starts later reads the blocks still running.
  const late = new OperatingTimeGuard();
  await shareBlocks(await link(), late);
  await eventually(() => late.blockedFor('acme', 'im.message.like') > 0);
  expect(late.blockedFor('acme', 'im.message.like')).toBe(60);
});
