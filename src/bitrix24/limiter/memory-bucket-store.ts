import type { RateLimit } from '../resilience-settings';
import { capacityOf, GO, type BucketState, type BucketStore, type SlotAnswer } from './bucket-store';

interface Bucket {
  readonly perMs: number;
  readonly capacity: number;
  /** Settled calls, draining at the portal's rate. */
  level: number;
  at: number;
  /** Calls let through and not yet settled: each may reach Bitrix24 at any moment, so none drains yet. */
  inFlight: number;
}

export interface MemoryBucketOptions {
  /** A bucket that knows nothing of what was sent before (a replica's fallback share) must assume it full. */
  readonly startFull?: boolean;
  /** The part of each portal's budget this store may use (1/N for one of N replicas); 1 by default. */
  readonly share?: number;
}

/** Each portal's bucket in this process: answers synchronously, so a free slot costs no promise. */
export class MemoryBucketStore implements BucketStore {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly limitFor: (portal: string) => RateLimit,
    private readonly now: () => number = Date.now,
    private readonly options: MemoryBucketOptions = {},
  ) {}

  tryTake(portal: string): boolean {
    const bucket = this.drained(portal);
    if (!hasRoom(bucket)) return false;
    bucket.inFlight += 1;
    return true;
  }

  take(portal: string): SlotAnswer {
    if (this.tryTake(portal)) return GO;
    return { go: false, retryInMs: nextSlotIn(this.drained(portal)) };
  }

  settle(portal: string): void {
    const bucket = this.drained(portal);
    if (bucket.inFlight === 0) return;
    bucket.inFlight -= 1;
    bucket.level += 1;
  }

  markFull(portal: string): void {
    const bucket = this.drained(portal);
    bucket.level = Math.max(bucket.level, bucket.capacity);
  }

  state(portal: string): BucketState {
    const { level, inFlight, capacity, perMs } = this.drained(portal);
    return { level, inFlight, capacity, perMs };
  }

  private drained(portal: string): Bucket {
    let bucket = this.#buckets.get(portal);
    if (!bucket) {
      const limit = this.limitFor(portal);
      const { share = 1, startFull = false } = this.options;
      // At least one slot, or nothing could ever be sent.
      const capacity = Math.max(1, capacityOf(limit) * share);
      const perMs = (limit.perSecond * share) / 1000;
      bucket = { perMs, capacity, level: startFull ? capacity : 0, at: this.now(), inFlight: 0 };
      this.#buckets.set(portal, bucket);
    }
    const at = this.now();
    bucket.level = Math.max(0, bucket.level - (at - bucket.at) * bucket.perMs);
    bucket.at = at;
    return bucket;
  }
}

function hasRoom(bucket: Bucket): boolean {
  return bucket.level + bucket.inFlight + 1 <= bucket.capacity;
}

/** When draining alone frees a slot for one more call; never, while calls in flight hold the room. */
export function nextSlotIn({ level, inFlight, capacity, perMs }: BucketState): number {
  const excess = level + inFlight + 1 - capacity;
  return excess <= level ? excess / perMs : Infinity;
}
