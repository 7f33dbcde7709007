import type { Clock } from './clock';

/** Bitrix24 keeps a method's execution time in one-minute buckets, each counted for 10 minutes. */
const WINDOW_SEC = 600;
const BUCKET_SEC = 60;
/** The cloud limit the docs give: past 480 s within the window, the method is refused. */
const DEFAULT_OPERATING_LIMIT_SEC = 480;

interface Bucket {
  minute: number;
  startedAt: number;
  seconds: number;
}

/** What a time block reports: the time counted now, and when the oldest bucket drops out. */
export interface OperatingStatus {
  operating: number;
  resetAt: number | undefined;
}

/**
 * The operating-time limit, per client (an app or a webhook) and method. A call is checked before it
 * runs and refused only when the time already counted exceeds the limit, so the call that crosses it
 * still completes. The emulator's own work takes no time worth counting: `secondsPerCall` says how much
 * each call of a method is charged, so tests can drive a method to its limit.
 */
export class OperatingTime {
  limitSec = DEFAULT_OPERATING_LIMIT_SEC;
  secondsPerCall: Record<string, number> = {};
  private readonly buckets = new Map<string, Bucket[]>();

  constructor(private readonly clock: Clock) {}

  isBlocked(client: string, method: string): boolean {
    return total(this.live(client, method)) > this.limitSec;
  }

  /** Counts one completed call of `method`. */
  charge(client: string, method: string): void {
    const now = this.clock() / 1000;
    const live = this.live(client, method);
    const minute = Math.floor(now / BUCKET_SEC);
    const last = live.at(-1);
    const seconds = this.secondsPerCall[method] ?? 0;
    if (last?.minute === minute) last.seconds += seconds;
    else live.push({ minute, startedAt: now, seconds });
  }

  status(client: string, method: string): OperatingStatus {
    const live = this.live(client, method);
    const oldest = live[0];
    return { operating: total(live), resetAt: oldest && Math.floor(oldest.startedAt) + WINDOW_SEC };
  }

  /** Forgets every count and setting, as a freshly started portal. */
  reset(): void {
    this.buckets.clear();
    this.limitSec = DEFAULT_OPERATING_LIMIT_SEC;
    this.secondsPerCall = {};
  }

  private live(client: string, method: string): Bucket[] {
    const key = `${client}\n${method}`;
    const now = this.clock() / 1000;
    const live = (this.buckets.get(key) ?? []).filter((bucket) => bucket.startedAt + WINDOW_SEC > now);
    this.buckets.set(key, live);
    return live;
  }
}

function total(buckets: readonly Bucket[]): number {
  return buckets.reduce((sum, bucket) => sum + bucket.seconds, 0);
}
