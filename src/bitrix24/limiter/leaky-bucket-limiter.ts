import type { RateLimit } from '../resilience-settings';
import { LimiterRejection, type RateLimiter } from './rate-limiter';

interface Waiter {
  readonly deadline: number;
  readonly resolve: () => void;
  readonly reject: (error: LimiterRejection) => void;
  /** Rejects the waiter at its deadline, should slots come later than estimated (after markFull). */
  expiry?: NodeJS.Timeout;
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

const MAX_TIMER_MS = 2 ** 31 - 1;

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
      const waiter: Waiter = { deadline, resolve, reject };
      // setTimeout holds at most 2^31-1 ms; a deadline further away needs no timer of its own.
      const untilDeadline = Math.max(0, deadline - this.now());
      if (untilDeadline < MAX_TIMER_MS)
        waiter.expiry = setTimeout(() => this.expire(bucket, waiter), untilDeadline);
      bucket.queue.push(waiter);
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
      clearTimeout(waiter.expiry);
      bucket.level += 1;
      waiter.resolve();
    }
    this.schedule(bucket);
  }

  private expire(bucket: Bucket, waiter: Waiter): void {
    const index = bucket.queue.indexOf(waiter);
    if (index < 0) return;
    bucket.queue.splice(index, 1);
    waiter.reject(rejection('deadline', this.waitFor(bucket, 1)));
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
        capacity: Math.max(1, limit.burst - headroom(limit.burst)),
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

// Two slots, or 4% of large buckets: absorbs the jitter between our clock and Bitrix24's arrivals.
function headroom(burst: number): number {
  return Math.min(burst - 1, Math.max(2, Math.round(burst * 0.04)));
}

function rejection(reason: 'queue-full' | 'deadline', waitMs: number): LimiterRejection {
  return new LimiterRejection(reason, Math.max(1, Math.ceil(waitMs / 1000)));
}
