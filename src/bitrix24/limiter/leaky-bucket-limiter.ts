import type { RateLimit } from '../resilience-settings';
import type { BucketStore, SlotAnswer } from './bucket-store';
import { MemoryBucketStore } from './memory-bucket-store';
import type { LimiterRefusal, RateLimiter } from './rate-limiter';

interface Waiter {
  readonly deadline: number;
  /** Undefined lets the call through; a refusal says why it may not go. */
  readonly answer: (refusal?: LimiterRefusal) => void;
  /** Refuses the waiter at its deadline wherever it stands in the queue, should slots come late. */
  expiry?: NodeJS.Timeout;
}

/** A portal's local queue: its waiters, the timer for the next try, and whether a shared store is being asked. */
interface Lane {
  readonly portal: string;
  readonly queue: Waiter[];
  timer: NodeJS.Timeout | undefined;
  asking: boolean;
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
 * The bucket itself sits in a store (this process's memory, or Redis for replicas sharing an egress IP);
 * the queue, the deadlines and the queue limit stay here, in each process.
 * No library offered a deadline-aware FIFO leaky bucket; this one is small and fully tested.
 */
export class LeakyBucketLimiter implements RateLimiter {
  readonly #lanes = new Map<string, Lane>();

  constructor(
    limitFor: (portal: string) => RateLimit,
    private readonly queueMax: number,
    private readonly now: Clock = Date.now,
    private readonly store: BucketStore = new MemoryBucketStore(limitFor, now),
  ) {}

  tryAcquire(portal: string): boolean {
    return this.lane(portal).queue.length === 0 && this.store.tryTake(portal);
  }

  acquire(portal: string, deadline: number): Promise<LimiterRefusal | undefined> {
    if (this.tryAcquire(portal)) return Promise.resolve(undefined);
    const refused = this.refusalFor(portal, 1, deadline);
    if (refused) return Promise.resolve(refused);
    const lane = this.lane(portal);
    return new Promise((answer) => {
      const waiter: Waiter = { deadline, answer };
      const untilDeadline = Math.max(0, deadline - this.now());
      if (untilDeadline < MAX_TIMER_MS)
        waiter.expiry = setTimeout(() => this.refuse(lane, waiter), untilDeadline + 1);
      lane.queue.push(waiter);
      if (!lane.timer && !lane.asking) this.release(lane);
    });
  }

  refusalFor(portal: string, position: number, deadline: number): LimiterRefusal | undefined {
    const waiting = this.lane(portal).queue.length;
    const waitMs = this.waitFor(portal, waiting + position);
    if (waiting + position > this.queueMax) return refusal('queue-full', waitMs);
    if (this.now() + waitMs > deadline) return refusal('deadline', waitMs);
    return undefined;
  }

  settled(portal: string): void {
    this.store.settle(portal);
    const lane = this.lane(portal);
    if (lane.queue.length > 0 && !lane.asking) this.release(lane);
  }

  markFull(portal: string): void {
    this.store.markFull(portal);
  }

  fullness(portal: string): number {
    if (this.lane(portal).queue.length > 0) return 1;
    const { level, inFlight, capacity } = this.store.state(portal);
    return Math.min(1, (level + inFlight) / capacity);
  }

  queueDepths(): ReadonlyMap<string, number> {
    return new Map([...this.#lanes].map(([portal, lane]) => [portal, lane.queue.length]));
  }

  /** Lets waiters through in order while the store has slots; a shared store is asked one slot at a time. */
  private release(lane: Lane): void {
    clearTimeout(lane.timer);
    lane.timer = undefined;
    while (lane.queue.length > 0) {
      const head = lane.queue[0] as Waiter;
      if (this.now() > head.deadline) {
        this.refuse(lane, head);
        continue;
      }
      const answer = this.store.take(lane.portal, head.deadline);
      if (answer instanceof Promise) return this.await(lane, answer);
      if (!this.hand(lane, answer)) return;
    }
  }

  private await(lane: Lane, pending: Promise<SlotAnswer>): void {
    lane.asking = true;
    void pending.then((answer) => {
      lane.asking = false;
      if (this.hand(lane, answer)) this.release(lane);
    });
  }

  /** Gives a slot to the first waiter, or plans the next try; true when the queue may go on. */
  private hand(lane: Lane, answer: SlotAnswer): boolean {
    if (!answer.go) {
      this.schedule(lane, answer.retryInMs);
      return false;
    }
    const waiter = lane.queue.shift();
    // Its waiter gave up while a shared store answered: the slot is handed back, counted as a settled call.
    if (!waiter) this.store.settle(lane.portal);
    clearTimeout(waiter?.expiry);
    waiter?.answer();
    return waiter !== undefined;
  }

  private refuse(lane: Lane, waiter: Waiter): void {
    const index = lane.queue.indexOf(waiter);
    if (index < 0) return;
    lane.queue.splice(index, 1);
    clearTimeout(waiter.expiry);
    waiter.answer(refusal('deadline', this.waitFor(lane.portal, 1)));
  }

  /** Wakes up when the store expects a slot, or at the first waiter's deadline if that comes first. */
  private schedule(lane: Lane, retryInMs: number): void {
    const next = lane.queue[0];
    if (lane.timer || !next) return;
    const delay = Math.min(retryInMs, next.deadline + 1 - this.now());
    lane.timer = setTimeout(() => this.release(lane), Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(delay))));
  }

  /** Time until the call at `position` (1 = next) in the queue fits, if calls in flight settled now. */
  private waitFor(portal: string, position: number): number {
    const { level, inFlight, capacity, perMs } = this.store.state(portal);
    return Math.max(0, (level + inFlight + position - capacity) / perMs);
  }

  private lane(portal: string): Lane {
    let lane = this.#lanes.get(portal);
    if (!lane) {
      lane = { portal, queue: [], timer: undefined, asking: false };
      this.#lanes.set(portal, lane);
    }
    return lane;
  }
}

function refusal(reason: LimiterRefusal['reason'], waitMs: number): LimiterRefusal {
  return { reason, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
}
