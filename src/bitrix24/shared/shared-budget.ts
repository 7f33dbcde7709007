import type { Logger } from 'pino';
import { LeakyBucketLimiter } from '../limiter/leaky-bucket-limiter';
import type { RateLimiter } from '../limiter/rate-limiter';
import type { OperatingTimeGuard } from '../operating-time-guard';
import type { RateLimit } from '../resilience-settings';
import { RedisLink } from './redis-link';
import { shareBlocks } from './shared-blocks';
import { SharedBucketStore } from './shared-bucket-store';
import type { SharedBudgetSettings } from './shared-settings';

/**
 * What replicas share through Redis: each portal's bucket and the methods Bitrix24 blocked. The circuit
 * breaker stays per replica: it judges the path from this replica to Bitrix24, which another's may not share.
 */
export class SharedBudget {
  private constructor(
    private readonly link: RedisLink,
    private readonly settings: SharedBudgetSettings,
  ) {}

  /** Never fails: without Redis, the replica starts on its share of the budget and rejoins when it can. */
  static async open(settings: SharedBudgetSettings, log: Logger): Promise<SharedBudget> {
    return new SharedBudget(await RedisLink.open(settings, log), settings);
  }

  /** True while the buckets in Redis are in use; false while this replica paces calls with its share. */
  get shared(): boolean {
    return this.link.shared;
  }

  /** The local FIFO, deadlines and queue limit, over the shared buckets. */
  limiter(limitFor: (portal: string) => RateLimit, queueMax: number): RateLimiter {
    const { egressId, replicas } = this.settings;
    const store = new SharedBucketStore(this.link, limitFor, { egressId, replicas });
    return new LeakyBucketLimiter(limitFor, queueMax, Date.now, store);
  }

  /** Resolves once this replica hears of others' blocks; calls need not wait for it. */
  shareBlocks(guard: OperatingTimeGuard): Promise<void> {
    return shareBlocks(this.link, guard);
  }

  close(): Promise<void> {
    return this.link.close();
  }
}
