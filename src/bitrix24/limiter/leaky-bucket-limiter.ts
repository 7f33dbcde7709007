import type { RateLimit } from '../resilience-settings';
import { LimiterRejection, type RateLimiter } from './rate-limiter';

interface Waiter {
  readonly deadline: number;
  readonly resolve: () => void;
  readonly reject: (error: LimiterRejection) => void;
}

interface Bucket {
  readonly perMs: number;
  readonly capacity: number;
  level: number;
  at: number;
  readonly queue: Waiter[];
  timer: NodeJS.Timeout | undefined;
}

export type Clock = () => number;

/**
 * A mirror of Bitrix24's own leaky bucket per portal (each call adds 1, the level drains at the portal's
 * rate), with a FIFO queue that lets calls wait for a slot up to their deadline. Capacity keeps a little
 * headroom below Bitrix24's burst, since Bitrix24 counts arrivals and the network shifts them.
 * No library offered a deadline-aware FIFO leaky bucket; this one is small and fully tested.
 */
export class LeakyBucketLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly limitFor: (portal: string) => RateLimit,
    private readonly queueMax: number,
    private readonly now: Clock = Date.now,
  ) {}

  acquire(portal: string, deadline: number): Promise<void> {
    const bucket = this.drained(portal);
    if (bucket.queue.length === 0 && bucket.level + 1 <= bucket.capacity) {
      bucket.level += 1;
      return Promise.resolve();
    }
    const waitMs = this.waitFor(bucket, bucket.queue.length + 1);
    if (bucket.queue.length >= this.queueMax) return Promise.reject(rejection('queue-full', waitMs));
    if (this.now() + waitMs > deadline) return Promise.reject(rejection('deadline', waitMs));
    return new Promise((resolve, reject) => {
      bucket.queue.push({ deadline, resolve, reject });
      this.schedule(bucket);
    });
  }

  markFull(portal: string): void {
    const bucket = this.drained(portal);
    bucket.level = Math.max(bucket.level, bucket.capacity);
  }

  queueDepths(): ReadonlyMap<string, number> {
    return new Map([...this.#buckets].map(([portal, bucket]) => [portal, bucket.queue.length]));
  }

  private release(bucket: Bucket): void {
    bucket.timer = undefined;
    this.drain(bucket);
    while (bucket.queue.length > 0 && bucket.level + 1 <= bucket.capacity) {
      const waiter = bucket.queue.shift() as Waiter;
      if (this.now() > waiter.deadline) {
        waiter.reject(rejection('deadline', this.waitFor(bucket, 1)));
        continue;
      }
      bucket.level += 1;
      waiter.resolve();
    }
    this.schedule(bucket);
  }

  private schedule(bucket: Bucket): void {
    if (bucket.timer || bucket.queue.length === 0) return;
    bucket.timer = setTimeout(() => this.release(bucket), Math.ceil(this.waitFor(bucket, 1)));
  }

  /** Time until the call at `position` (1 = next) in the queue fits in the bucket. */
  private waitFor(bucket: Bucket, position: number): number {
    return Math.max(0, (bucket.level + position - bucket.capacity) / bucket.perMs);
  }

  private drained(portal: string): Bucket {
    let bucket = this.#buckets.get(portal);
    if (!bucket) {
      const limit = this.limitFor(portal);
      bucket = {
        perMs: limit.perSecond / 1000,
        capacity: Math.max(1, limit.burst - Math.max(1, Math.round(limit.burst * 0.04))),
        level: 0,
        at: this.now(),
        queue: [],
        timer: undefined,
      };
      this.#buckets.set(portal, bucket);
    }
    this.drain(bucket);
    return bucket;
  }

  private drain(bucket: Bucket): void {
    const at = this.now();
    bucket.level = Math.max(0, bucket.level - (at - bucket.at) * bucket.perMs);
    bucket.at = at;
  }
}

function rejection(reason: 'queue-full' | 'deadline', waitMs: number): LimiterRejection {
  return new LimiterRejection(reason, Math.max(1, Math.ceil(waitMs / 1000)));
}
