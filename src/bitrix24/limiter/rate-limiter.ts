/**
 * Paces calls to each portal. Behind this interface so that replicas sharing one egress IP (and so one
 * Bitrix24 bucket) can swap in a shared implementation, e.g. one kept in Redis.
 */
export interface RateLimiter {
  /** Resolves when a call to `portal` may be sent; rejects with a LimiterRejection when it cannot be in time. */
  acquire(portal: string, deadline: number): Promise<void>;
  /** The call an `acquire` let through is over (answered, failed or given up): Bitrix24 has counted it by now. */
  settled(portal: string): void;
  /** Bitrix24 answered QUERY_LIMIT_EXCEEDED: someone else drained the shared bucket, so treat ours as full. */
  markFull(portal: string): void;
  /** Calls waiting per portal, for metrics. */
  queueDepths(): ReadonlyMap<string, number>;
}

/** A call the limiter will not let through: the queue is full or its deadline would pass while waiting. */
export class LimiterRejection extends Error {
  override readonly name = 'LimiterRejection';

  constructor(
    readonly reason: 'queue-full' | 'deadline',
    readonly retryAfterSec: number,
  ) {
    super(`rate limiter: ${reason}, retry after ${retryAfterSec} s`);
  }
}
