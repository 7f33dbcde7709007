import { randomUUID } from 'node:crypto';
import { capacityOf, GO, type BucketState, type BucketStore, type SlotAnswer } from '../limiter/bucket-store';
import { MemoryBucketStore } from '../limiter/memory-bucket-store';
import type { RateLimit } from '../resilience-settings';
import type { AcquireReply } from './bucket-scripts';
import type { RedisLink, SharedRedisClient } from './redis-link';

/** A slot this replica holds: which bucket lent it, and until when the call may run. */
interface Hold {
  readonly id: string;
  readonly deadline: number;
  readonly shared: boolean;
}

/** The shared bucket as the last answer showed it, with the local time of that answer. */
interface Seen {
  level: number;
  held: number;
  at: number;
}

export interface SharedBucketOptions {
  readonly egressId: string;
  readonly replicas: number;
  readonly now?: () => number;
  /** Tests drive the buckets' time with this; otherwise the scripts read Redis's own clock. */
  readonly redisTime?: () => number;
}

// Long enough that an idle portal keeps its bucket (a missing one starts full); calls never run this long.
const KEEP_MS = 24 * 3600 * 1000;

/**
 * Each portal's bucket in Redis, shared by every replica calling from one egress IP; while Redis is
 * unreachable, a local bucket with this replica's share of the budget (1/replicas), fresh and full at each
 * fall back since nothing tells what the others sent.
 */
export class SharedBucketStore implements BucketStore {
  readonly #holds = new Map<string, Hold[]>();
  readonly #seen = new Map<string, Seen>();
  readonly #replica = randomUUID().slice(0, 8);
  readonly #now: () => number;
  #fallback: MemoryBucketStore;
  #slots = 0;

  constructor(
    private readonly link: RedisLink,
    private readonly limitFor: (portal: string) => RateLimit,
    private readonly options: SharedBucketOptions,
  ) {
    this.#now = options.now ?? Date.now;
    this.#fallback = this.freshFallback();
    link.onChange((shared) => (shared ? this.rejoin() : (this.#fallback = this.freshFallback())));
  }

  /** Never at once: every acquisition asks Redis, one round trip on the limiter's asynchronous path. */
  tryTake(): boolean {
    return false;
  }

  take(portal: string, deadline: number): SlotAnswer | Promise<SlotAnswer> {
    if (!this.link.shared) return this.takeLocally(portal, deadline);
    const id = `${this.#replica}:${(this.#slots += 1)}`;
    const holdMs = Math.ceil(Math.min(KEEP_MS, Math.max(1, deadline - this.#now())));
    const args = [...this.budget(portal), id, String(holdMs)];
    return this.link
      .call((client) => client.acquireSlot(this.keys(portal), args))
      .then(
        (reply) => this.answer(portal, { id, deadline, shared: true }, reply as AcquireReply),
        // Should the script have run after all, its hold ends at the call's deadline and drains from there.
        () => this.takeLocally(portal, deadline),
      );
  }

  settle(portal: string): void {
    // Which call ended is unknown: releasing the hold that ends first keeps the others' ends conservative.
    const hold = this.#holds.get(portal)?.shift();
    if (!hold) return;
    if (!hold.shared) return this.#fallback.settle(portal);
    this.see(portal, (seen) => ({ level: seen.level + 1, held: seen.held - 1 }));
    // A hold that cannot be released ends at its deadline anyway; settling waits for nothing.
    const args = [...this.budget(portal), hold.id];
    if (this.link.shared) this.send((client) => client.settleSlot(this.keys(portal), args));
  }

  markFull(portal: string): void {
    this.#fallback.markFull(portal);
    const capacity = capacityOf(this.limitFor(portal));
    this.see(portal, (seen) => ({ level: Math.max(seen.level, capacity), held: seen.held }));
    if (this.link.shared)
      this.send((client) => client.markBucketFull(this.keys(portal), this.budget(portal)));
  }

  state(portal: string): BucketState {
    if (!this.link.shared) return this.#fallback.state(portal);
    const limit = this.limitFor(portal);
    const seen = this.#seen.get(portal);
    return {
      level: seen ? this.drained(portal, seen) : 0,
      inFlight: seen?.held ?? 0,
      capacity: capacityOf(limit),
      perMs: limit.perSecond / 1000,
    };
  }

  /** Updates what this replica last saw of the shared bucket with what it did itself since. */
  private see(portal: string, change: (seen: Seen) => Omit<Seen, 'at'>): void {
    const seen = this.#seen.get(portal);
    if (!seen) return;
    const now = { ...seen, level: this.drained(portal, seen) };
    this.#seen.set(portal, { ...change(now), at: this.#now() });
  }

  private answer(portal: string, hold: Hold, [waitMs, level, held]: AcquireReply): SlotAnswer {
    this.#seen.set(portal, { level: Number(level), held, at: this.#now() });
    if (waitMs > 0) return { go: false, retryInMs: waitMs };
    this.hold(portal, hold);
    return GO;
  }

  private takeLocally(portal: string, deadline: number): SlotAnswer {
    const answer = this.#fallback.take(portal);
    if (answer.go) this.hold(portal, { id: '', deadline, shared: false });
    return answer;
  }

  private hold(portal: string, hold: Hold): void {
    const holds = this.#holds.get(portal) ?? [];
    const at = holds.findIndex((other) => other.deadline > hold.deadline);
    holds.splice(at < 0 ? holds.length : at, 0, hold);
    this.#holds.set(portal, holds);
  }

  /** Back on Redis: its buckets never saw what this replica sent meanwhile, so they are counted full. */
  private rejoin(): void {
    for (const portal of this.#holds.keys()) {
      this.send((client) => client.markBucketFull(this.keys(portal), this.budget(portal)));
    }
  }

  /** Sends without waiting for the answer: a failure only makes the replica fall back. */
  private send(command: (client: SharedRedisClient) => Promise<unknown>): void {
    this.link.call(command).catch(() => undefined);
  }

  private freshFallback(): MemoryBucketStore {
    const share = 1 / this.options.replicas;
    return new MemoryBucketStore(this.limitFor, this.#now, { startFull: true, share });
  }

  private drained(portal: string, seen: Seen): number {
    return Math.max(0, seen.level - ((this.#now() - seen.at) * this.limitFor(portal).perSecond) / 1000);
  }

  private budget(portal: string): string[] {
    const limit = this.limitFor(portal);
    const time = this.options.redisTime ? String(this.options.redisTime()) : '';
    return [String(capacityOf(limit)), String(limit.perSecond / 1000), String(KEEP_MS), time];
  }

  /** One bucket per egress IP and portal, as Bitrix24 counts; the braces keep both keys in one cluster slot. */
  private keys(portal: string): [string, string] {
    const base = `b24gw:bucket:{${this.options.egressId}|${portal}}`;
    return [`${base}:level`, `${base}:held`];
  }
}
