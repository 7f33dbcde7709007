import { LeakyBucket } from '../../src/emulator/leaky-bucket';

function bucketWithClock(perSecond: number, burst: number) {
  let now = 0;
  const bucket = new LeakyBucket({ perSecond, burst }, () => now);
  return { bucket, advance: (ms: number) => (now += ms) };
}

describe('LeakyBucket', () => {
  it('admits a burst, then refuses without counting the refused request', () => {
    const { bucket, advance } = bucketWithClock(2, 3);
    expect([1, 2, 3, 4, 5].map(() => bucket.tryTake('a'))).toEqual([true, true, true, false, false]);
    // Half a second drains one request: had the refusals counted, the bucket would still be over its burst.
    advance(500);
    expect([bucket.tryTake('a'), bucket.tryTake('a')]).toEqual([true, false]);
  });

  it('drains continuously at the configured rate', () => {
    const { bucket, advance } = bucketWithClock(2, 3);
    [1, 2, 3].forEach(() => bucket.tryTake('a'));
    advance(250);
    expect(bucket.tryTake('a')).toBe(false);
    advance(250);
    expect(bucket.tryTake('a')).toBe(true);
    expect(bucket.tryTake('a')).toBe(false);
  });

  it('never drains below empty', () => {
    const { bucket, advance } = bucketWithClock(2, 3);
    bucket.tryTake('a');
    advance(60_000);
    expect([1, 2, 3, 4].map(() => bucket.tryTake('a'))).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key', () => {
    const { bucket } = bucketWithClock(2, 1);
    expect(bucket.tryTake('10.0.0.1')).toBe(true);
    expect(bucket.tryTake('10.0.0.1')).toBe(false);
    expect(bucket.tryTake('10.0.0.2')).toBe(true);
  });
});
