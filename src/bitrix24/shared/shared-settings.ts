import type { Secret } from '../../secret';

/** How replicas share one Bitrix24 budget through Redis. */
export interface SharedBudgetSettings {
  /** REDIS_URL: `redis://` or `rediss://`, may carry a password. */
  readonly redisUrl: Secret;
  /** BITRIX24_EGRESS_ID: replicas with one id share one bucket per portal, as Bitrix24 counts per source IP. */
  readonly egressId: string;
  /** BITRIX24_REPLICAS: the most replicas sharing the budget; each takes 1/N of it while Redis is unreachable. */
  readonly replicas: number;
  readonly connectTimeoutMs: number;
  /** Longest wait for one Redis command before the replica falls back to its share. */
  readonly commandTimeoutMs: number;
}
