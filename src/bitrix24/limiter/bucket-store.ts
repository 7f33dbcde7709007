import type { RateLimit } from '../resilience-settings';

/** What a bucket answers when asked for a slot: go, or ask again in `retryInMs` (Infinity: once a call settles). */
export type SlotAnswer = { readonly go: true } | { readonly go: false; readonly retryInMs: number };

export const GO: SlotAnswer = { go: true };

/** A portal's bucket now: settled calls still draining, calls let through and not yet settled, its budget. */
export interface BucketState {
  readonly level: number;
  readonly inFlight: number;
  readonly capacity: number;
  readonly perMs: number;
}

/**
 * Where the limiter keeps each portal's bucket, under its local FIFO: in this process (answers at once), or
 * shared by replicas (answers with a promise, and tells the state it last saw).
 */
export interface BucketStore {
  /** Takes a free slot at once, when the store can tell without asking anyone; false otherwise. */
  tryTake(portal: string): boolean;
  /** Asks for a slot for a call that must be sent by `deadline` (ms since epoch). */
  take(portal: string, deadline: number): SlotAnswer | Promise<SlotAnswer>;
  /** A call let through is over: its slot starts draining. */
  settle(portal: string): void;
  /** Bitrix24 said QUERY_LIMIT_EXCEEDED: the bucket is full whatever the mirror thought. */
  markFull(portal: string): void;
  state(portal: string): BucketState;
}

/** Slots the limiter allows itself: a little headroom below Bitrix24's burst, for calls that arrive late. */
export function capacityOf(limit: RateLimit): number {
  return Math.max(1, limit.burst - Math.max(1, Math.round(limit.burst * 0.04)));
}
