import type { RateLimit } from '../resilience-settings';
import type { LimiterRefusal, RateLimiter } from './rate-limiter';

interface Waiter {
  readonly deadline: number;
  /** Undefined lets the call through; a refusal says why it may not go. */
  readonly answer: (refusal?: LimiterRefusal) => void;
  /** Refuses the waiter at its deadline wherever it stands in the queue, should slots come late. */
  expiry?: NodeJS.Timeout;
}

interface Bucket {
  readonly perMs: number;
  readonly capacity: number;
  /** Settled calls, draining at the portal's rate. */
  level: number;
  at: number;
  /** Calls let through and not yet settled: each may reach Bitrix24 at any moment, so none drains yet. */
  inFlight: number;
  readonly queue: Waiter[];
  timer: NodeJS.Timeout | undefined;
}

export type Clock = () => number;

// Node fires longer timers at once; calls in flight settle long before, and settling re-runs the queue.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A mirror of Bitrix24's own leaky bucket per portal (each call adds 1, the level drains at the portal's
 * rate), with a FIFO queue that lets calls wait for a slot up to their deadline. Capacity keeps a little
 * headroom below Bitrix24's burst. Bitrix24 counts a call when it arrives, which can be long after the slot
 * was taken (a busy event loop, a new TLS connection), so a call starts draining only once it is settled:
 * the mirror then never holds less than Bitrix24's bucket, however late calls arrive.
 * No library offered a deadline-aware FIFO leaky bucket; this one is small and fully tested.
 */
export class LeakyBucketLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly limitFor: (portal: string) => RateLimit,
    private readonly queueMax: number,
    private readonly now: Clock = Date.now,
  ) {}

  tryAcquire(portal: string): boolean {
    const bucket = this.drained(portal);
    if (bucket.queue.length > 0 || !hasRoom(bucket)) return false;
    bucket.inFlight += 1;
    return true;
  }

  acquire(portal: string, deadline: number): Promise<LimiterRefusal | undefined> {
    if (this.tryAcquire(portal)) return Promise.resolve(undefined);
    const refused = this.refusalFor(portal, 1, deadline);
    if (refused) return Promise.resolve(refused);
    const bucket = this.drained(portal);
    return new Promise((answer) => {
      const waiter: Waiter = { deadline, answer };
      const untilDeadline = Math.max(0, deadline - this.now());
      if (untilDeadline < MAX_TIMER_MS)
        waiter.expiry = setTimeout(() => this.expire(bucket, waiter), untilDeadline + 1);
      bucket.queue.push(waiter);
      this.schedule(bucket);
    });
  }

  refusalFor(portal: string, position: number, deadline: number): LimiterRefusal | undefined {
    const bucket = this.drained(portal);
    const waitMs = this.waitFor(bucket, bucket.queue.length + position);
    if (bucket.queue.length + position > this.queueMax) return refusal('queue-full', waitMs);
    if (this.now() + waitMs > deadline) return refusal('deadline', waitMs);
    return undefined;
  }

  settled(portal: string): void {
    const bucket = this.drained(portal);
    if (bucket.inFlight === 0) return;
    bucket.inFlight -= 1;
    bucket.level += 1;
    this.release(bucket);
  }

  markFull(portal: string): void {
    const bucket = this.drained(portal);
    bucket.level = Math.max(bucket.level, bucket.capacity);
  }

  fullness(portal: string): number {
    const bucket = this.drained(portal);
    if (bucket.queue.length > 0) return 1;
    return Math.min(1, (bucket.level + bucket.inFlight) / bucket.capacity);
  }

  queueDepths(): ReadonlyMap<string, number> {
    return new Map([...this.#buckets].map(([portal, bucket]) => [portal, bucket.queue.length]));
  }

  private release(bucket: Bucket): void {
    clearTimeout(bucket.timer);
    bucket.timer = undefined;
    this.drain(bucket);
    const { queue } = bucket;
    while (queue.length > 0 && (this.now() > (queue[0] as Waiter).deadline || hasRoom(bucket))) {
      const waiter = queue.shift() as Waiter;
      clearTimeout(waiter.expiry);
      if (this.now() > waiter.deadline) {
        waiter.answer(refusal('deadline', this.waitFor(bucket, 1)));
        continue;
      }
      bucket.inFlight += 1;
      waiter.answer();
    }
    this.schedule(bucket);
  }

  private expire(bucket: Bucket, waiter: Waiter): void {
    const index = bucket.queue.indexOf(waiter);
    if (index < 0) return;
    bucket.queue.splice(index, 1);
    waiter.answer(refusal('deadline', this.waitFor(bucket, 1)));
  }

  /** Wakes up when the next waiter fits, or at its deadline when only settling calls can make room. */
  private schedule(bucket: Bucket): void {
    const next = bucket.queue[0];
    if (bucket.timer || !next) return;
    const excess = bucket.level + bucket.inFlight + 1 - bucket.capacity;
    const delay = excess <= bucket.level ? excess / bucket.perMs : next.deadline + 1 - this.now();
    bucket.timer = setTimeout(
      () => this.release(bucket),
      Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(delay))),
    );
  }

  /** Time until the call at `position` (1 = next) in the queue fits, if calls in flight settled now. */
  private waitFor(bucket: Bucket, position: number): number {
    return Math.max(0, (bucket.level + bucket.inFlight + position - bucket.capacity) / bucket.perMs);
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
        inFlight: 0,
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

function hasRoom(bucket: Bucket): boolean {
  return bucket.level + bucket.inFlight + 1 <= bucket.capacity;
}

function refusal(reason: LimiterRefusal['reason'], waitMs: number): LimiterRefusal {
  return { reason, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
}
