import { LeakyBucketLimiter } from '../../src/bitrix24/limiter/leaky-bucket-limiter';
import { LimiterRejection } from '../../src/bitrix24/limiter/rate-limiter';

// Fake timers move Date.now too, so the limiter's clock and its timers advance together.
beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

const FAR = Number.MAX_SAFE_INTEGER;

function limiter(perSecond = 2, burst = 10, queueMax = 100) {
  return new LeakyBucketLimiter(() => ({ perSecond, burst }), queueMax);
}

/** Starts acquiring and records, in order, the fake time at which each call was let through. */
function admissions(subject: LeakyBucketLimiter, count: number, deadline = FAR, portal = 'acme') {
  const admitted: number[] = [];
  const settled = Array.from({ length: count }, (_, index) =>
    subject.acquire(portal, deadline).then(
      () => void admitted.push(Date.now() - 1_000_000),
      (error: LimiterRejection) => ({ index, error }),
    ),
  );
  return { admitted, settled };
}

describe('LeakyBucketLimiter', () => {
  it('lets a burst through at once, keeping two slots of headroom below Bitrix24', async () => {
    const { admitted } = admissions(limiter(2, 10), 10);
    await jest.advanceTimersByTimeAsync(0);
    expect(admitted).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps 4% of a large burst as headroom', async () => {
    const { admitted } = admissions(limiter(5, 250), 250);
    await jest.advanceTimersByTimeAsync(0);
    expect(admitted).toHaveLength(240);
  });

  it('then lets calls through in order at the drain rate', async () => {
    const { admitted } = admissions(limiter(2, 10), 12);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(admitted).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 500, 1000, 1500, 2000]);
  });

  it('refuses at once a call that could not get a slot before its deadline', async () => {
    const subject = limiter(2, 2);
    await subject.acquire('acme', FAR);
    const started = Date.now();
    const error = await subject.acquire('acme', Date.now() + 100).catch((thrown: unknown) => thrown);
    expect(error).toEqual(new LimiterRejection('deadline', 1));
    expect(Date.now()).toBe(started);
  });

  it('refuses at once when the queue is full', async () => {
    const subject = limiter(2, 2, 1);
    await subject.acquire('acme', FAR);
    const waiting = subject.acquire('acme', FAR);
    await expect(subject.acquire('acme', FAR)).rejects.toEqual(new LimiterRejection('queue-full', 1));
    expect(subject.queueDepths()).toEqual(new Map([['acme', 1]]));
    await jest.advanceTimersByTimeAsync(500);
    await expect(waiting).resolves.toBeUndefined();
    expect(subject.queueDepths()).toEqual(new Map([['acme', 0]]));
  });

  it('treats the bucket as full after Bitrix24 said QUERY_LIMIT_EXCEEDED', async () => {
    const subject = limiter(2, 10);
    subject.markFull('acme');
    const { admitted } = admissions(subject, 2);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(admitted).toEqual([500, 1000]);
  });

  it('rejects a waiter at its deadline when slots come later than estimated', async () => {
    const subject = limiter(2, 10);
    await Promise.all(Array.from({ length: 8 }, () => subject.acquire('acme', FAR)));
    await jest.advanceTimersByTimeAsync(400);
    // Expected in 100 ms, within its 300 ms; then Bitrix24 says the bucket is full, and the slot moves away.
    const waiting = subject.acquire('acme', Date.now() + 300).catch((thrown: unknown) => thrown);
    subject.markFull('acme');
    await jest.advanceTimersByTimeAsync(300);
    expect(await waiting).toEqual(new LimiterRejection('deadline', 1));
    expect(subject.queueDepths()).toEqual(new Map([['acme', 0]]));
  });

  it('keeps one bucket per portal, each with its own limit', async () => {
    const subject = new LeakyBucketLimiter(
      (portal) => (portal === 'big' ? { perSecond: 5, burst: 250 } : { perSecond: 2, burst: 2 }),
      100,
    );
    const small = admissions(subject, 2, FAR, 'small');
    const big = admissions(subject, 240, FAR, 'big');
    await jest.advanceTimersByTimeAsync(0);
    expect(small.admitted).toEqual([0]);
    expect(big.admitted).toHaveLength(240);
  });

  it('drains while idle', async () => {
    const subject = limiter(2, 10);
    await Promise.all(Array.from({ length: 8 }, () => subject.acquire('acme', FAR)));
    jest.setSystemTime(Date.now() + 4_000);
    const { admitted } = admissions(subject, 8);
    await jest.advanceTimersByTimeAsync(0);
    expect(admitted).toHaveLength(8);
  });
});
