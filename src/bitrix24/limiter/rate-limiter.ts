/** Why the limiter will not let a call through: its queue is full, or its deadline would pass while waiting. */
export interface LimiterRefusal {
  readonly reason: 'queue-full' | 'deadline';
  readonly retryAfterSec: number;
}

/**
 * Paces calls to each portal. Behind this interface so that replicas sharing one egress IP (and so one
 * Bitrix24 bucket) can swap in a shared implementation, e.g. one kept in Redis.
 */
export interface RateLimiter {
  /** Takes a slot at once if one is free and nobody waits: the common case, without a promise. */
  tryAcquire(portal: string): boolean;
  /** Waits for a slot: resolves to undefined once the call may be sent, or to why it may not be in time. */
  acquire(portal: string, deadline: number): Promise<LimiterRefusal | undefined>;
  /**
   * Why a request `position` places behind those already waiting (1 = next) could not get a slot by `deadline`,
   * or undefined when it could: lets calls that wait for a batch be refused at once, counted as requests.
   */
  refusalFor(portal: string, position: number, deadline: number): LimiterRefusal | undefined;
  /** The call a slot let through is over (answered, failed or given up): Bitrix24 has counted it by now. */
  settled(portal: string): void;
  /** Bitrix24 answered QUERY_LIMIT_EXCEEDED: someone else drained the shared bucket, so treat ours as full. */
  markFull(portal: string): void;
  /** How full the portal's bucket is, from 0 (idle) to 1 (no free slot, or calls waiting): drives coalescing. */
  fullness(portal: string): number;
  /** Calls waiting per portal, for metrics. */
  queueDepths(): ReadonlyMap<string, number>;
}
