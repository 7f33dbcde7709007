import type { Clock } from './clock';
import { systemClock } from './clock';

/** Rate limit settings: the bucket drains `perSecond` and holds at most `burst` requests. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

interface Bucket {
  level: number;
  at: number;
}

/**
 * Bitrix24's request limiter: one bucket per key (the source IP). Each request adds 1, the level
 * drains continuously, and a request that would overflow `burst` is refused without being counted,
 * so a client that keeps hammering is not punished beyond the limit itself.
 */
export class LeakyBucket {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: Clock = systemClock,
  ) {}

  /** Counts one request for `key`; false when it must be refused. */
  tryTake(key: string): boolean {
    const bucket = this.drained(key);
    if (bucket.level + 1 > this.limit.burst) return false;
    bucket.level += 1;
    return true;
  }

  private drained(key: string): Bucket {
    const at = this.now();
    const bucket = this.buckets.get(key) ?? { level: 0, at };
    bucket.level = Math.max(0, bucket.level - ((at - bucket.at) / 1000) * this.limit.perSecond);
    bucket.at = at;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
