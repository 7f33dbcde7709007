import fc from 'fast-check';
import { propertyRuns } from '../support/property-runs';
import { LeakyBucketLimiter } from '../../src/bitrix24/limiter/leaky-bucket-limiter';
import { LeakyBucket } from '../../src/emulator/leaky-bucket';

// Fake timers move Date.now too, so the limiter's clock and its timers advance together.
beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

const FAR = Number.MAX_SAFE_INTEGER;

function limiter(perSecond = 2, burst = 10, queueMax = 100) {
  return new LeakyBucketLimiter(() => ({ perSecond, burst }), queueMax);
}

/**
 * Starts acquiring and records, in order, the fake time at which each call was let through. Each call is
 * settled as soon as it is let through, as if Bitrix24 answered at once.
 */
function admissions(subject: LeakyBucketLimiter, count: number, deadline = FAR, portal = 'acme') {
  const admitted: number[] = [];
  const settled = Array.from({ length: count }, (_, index) =>
    subject.acquire(portal, deadline).then((refusal) => {
      if (refusal) return { index, refusal };
      admitted.push(Date.now() - 1_000_000);
      subject.settled(portal);
      return undefined;
    }),
  );
  return { admitted, settled };
}

describe('LeakyBucketLimiter', () => {
  it('lets a burst through at once, keeping a slot of headroom below Bitrix24', async () => {
    const { admitted } = admissions(limiter(2, 10), 10);
    await jest.advanceTimersByTimeAsync(0);
    expect(admitted).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('takes a free slot synchronously, and none while the bucket is full or others wait', async () => {
    const subject = limiter(2, 3);
    expect([subject.tryAcquire('acme'), subject.tryAcquire('acme'), subject.tryAcquire('acme')]).toEqual([
      true,
      true,
      false,
    ]);
    subject.settled('acme');
    subject.settled('acme');
    const waiting = subject.acquire('acme', FAR);
    await jest.advanceTimersByTimeAsync(499);
    expect(subject.tryAcquire('acme')).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('tells how full a bucket is: calls in flight and settled ones count, waiting calls make it full', async () => {
    const subject = limiter(2, 11);
    expect(subject.fullness('acme')).toBe(0);
    for (let n = 0; n < 5; n += 1) subject.tryAcquire('acme');
    expect(subject.fullness('acme')).toBe(0.5);
    for (let n = 0; n < 5; n += 1) subject.settled('acme');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(subject.fullness('acme')).toBe(0.3);
    for (let n = 0; n < 7; n += 1) subject.tryAcquire('acme');
    void subject.acquire('acme', FAR);
    expect(subject.fullness('acme')).toBe(1);
  });

  it('then lets calls through in order at the drain rate', async () => {
    const { admitted } = admissions(limiter(2, 10), 12);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(admitted).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 500, 1000, 1500]);
  });

  it('refuses at once a call that could not get a slot before its deadline', async () => {
    const subject = limiter(2, 2);
    await subject.acquire('acme', FAR);
    subject.settled('acme');
    const started = Date.now();
    expect(await subject.acquire('acme', Date.now() + 100)).toEqual({ reason: 'deadline', retryAfterSec: 1 });
    expect(Date.now()).toBe(started);
  });

  it('refuses at once when the queue is full', async () => {
    const subject = limiter(2, 2, 1);
    await subject.acquire('acme', FAR);
    subject.settled('acme');
    const waiting = subject.acquire('acme', FAR);
    await expect(subject.acquire('acme', FAR)).resolves.toEqual({ reason: 'queue-full', retryAfterSec: 1 });
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

  it('refuses a waiter at its deadline when slots come later than estimated', async () => {
    const subject = limiter(2, 10);
    await Promise.all(Array.from({ length: 9 }, () => subject.acquire('acme', FAR)));
    for (let n = 0; n < 9; n += 1) subject.settled('acme');
    await jest.advanceTimersByTimeAsync(400);
    // Expected in 100 ms, within its 300 ms; then Bitrix24 says the bucket is full, and the slot moves away.
    const waiting = subject.acquire('acme', Date.now() + 300);
    subject.markFull('acme');
    await jest.advanceTimersByTimeAsync(301);
    expect(await waiting).toEqual({ reason: 'deadline', retryAfterSec: 1 });
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
    await Promise.all(Array.from({ length: 9 }, () => subject.acquire('acme', FAR)));
    for (let call = 0; call < 9; call++) subject.settled('acme');
    jest.setSystemTime(Date.now() + 4_500);
    const { admitted } = admissions(subject, 9);
    await jest.advanceTimersByTimeAsync(0);
    expect(admitted).toHaveLength(9);
  });
  it('holds the slot of a call in flight until it is settled, then drains it from there', async () => {
    const subject = limiter(2, 10);
    await Promise.all(Array.from({ length: 9 }, () => subject.acquire('acme', FAR)));
    const { admitted } = admissions(subject, 1);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(admitted).toEqual([]);
    subject.settled('acme');
    await jest.advanceTimersByTimeAsync(499);
    expect(admitted).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(admitted).toEqual([5_500]);
  });

  it('refuses a waiter at its deadline while calls in flight hold every slot', async () => {
    const subject = limiter(2, 10);
    await Promise.all(Array.from({ length: 9 }, () => subject.acquire('acme', FAR)));
    const { settled } = admissions(subject, 1, Date.now() + 1_000);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(subject.queueDepths()).toEqual(new Map([['acme', 1]]));
    await jest.advanceTimersByTimeAsync(1);
    await expect(Promise.all(settled)).resolves.toEqual([
      { index: 0, refusal: { reason: 'deadline', retryAfterSec: 1 } },
    ]);
    expect(subject.queueDepths()).toEqual(new Map([['acme', 0]]));
  });

  it('never lets Bitrix24 refuse a call, however late calls arrive and are answered', async () => {
    // Calls come in groups (a flood parsed in one go) that reach Bitrix24 together, at once or much later.
    const delay = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000 }));
    const group = fc.record({
      startMs: fc.integer({ min: 0, max: 20 }).map((step) => step * 100),
      calls: fc.integer({ min: 1, max: 12 }),
      arriveAfterMs: delay,
      answerAfterMs: delay,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(group, { minLength: 1, maxLength: 8 }), async (groups) => {
        const limit = { perSecond: 20, burst: 10 };
        const subject = new LeakyBucketLimiter(() => limit, 1_000);
        const bitrix24 = new LeakyBucket(limit, () => Date.now());
        let refused = 0;
        const send = async ({
          arriveAfterMs,
          answerAfterMs,
        }: {
          arriveAfterMs: number;
          answerAfterMs: number;
        }) => {
          await subject.acquire('acme', FAR);
          await new Promise((arrived) => setTimeout(arrived, arriveAfterMs));
          if (!bitrix24.tryTake('127.0.0.1')) refused += 1;
          setTimeout(() => subject.settled('acme'), answerAfterMs);
        };
        for (const { startMs, calls, ...timing } of groups) {
          setTimeout(() => Array.from({ length: calls }, () => void send(timing)), startMs);
        }
        await jest.advanceTimersByTimeAsync(2_000 + groups.length * 12 * (50 + 2_000));
        expect(subject.queueDepths()).toEqual(new Map([['acme', 0]]));
        expect(refused).toBe(0);
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});
