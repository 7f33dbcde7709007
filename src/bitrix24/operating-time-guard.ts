import type { Bitrix24Time } from './envelope';

/** Bitrix24 allows about this much execution time per method within its 10-minute window. */
const OPERATING_BUDGET_SEC = 480;
const WARN_AT = 0.8;
/** When Bitrix24 blocks a method and no success told us when its window resets. */
const DEFAULT_BLOCK_SEC = 60;
/** The window is 10 minutes: a reset reported further ahead (skew, a bad portal) must not block for longer. */
const MAX_BLOCK_SEC = 600;

/** Told of a block: the method's portal and name, and how long it lasts. */
export type BlockListener = (portal: string, method: string, forMs: number) => void;

interface MethodWindow {
  resetAt: number;
  operating: number;
  blockedUntil: number;
}

/**
 * Remembers, per portal and method, Bitrix24's operating-time window: after OPERATION_TIME_LIMIT the method
 * is not called again until the window resets, since every call until then would fail (and count).
 */
export class OperatingTimeGuard {
  readonly #windows = new Map<string, MethodWindow>();
  #onBlocked: BlockListener | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until the method may be called again, or 0. */
  blockedFor(portal: string, method: string): number {
    const window = this.#windows.get(key(portal, method));
    const remainingMs = (window?.blockedUntil ?? 0) - this.now();
    return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
  }

  /** Records an answer's `time` block (a success's, or a batch command's own); true when the method is close to its budget. */
  recordTime(portal: string, method: string, time: Bitrix24Time | undefined): boolean {
    if (typeof time?.operating_reset_at !== 'number' || typeof time.operating !== 'number') return false;
    const window = this.window(portal, method);
    window.resetAt = time.operating_reset_at * 1000;
    window.operating = time.operating;
    return time.operating >= OPERATING_BUDGET_SEC * WARN_AT;
  }

  recordBlocked(portal: string, method: string): void {
    const window = this.window(portal, method);
    const now = this.now();
    const until = window.resetAt > now ? window.resetAt : now + DEFAULT_BLOCK_SEC * 1000;
    window.blockedUntil = Math.min(until, now + MAX_BLOCK_SEC * 1000);
    this.#onBlocked?.(portal, method, window.blockedUntil - now);
  }

  /** Tells `listener` of each block this guard records, so that other replicas can learn it. */
  onBlocked(listener: BlockListener): void {
    this.#onBlocked = listener;
  }

  /** A block learned from another replica, as a duration: kept unless this guard knows of a later end. */
  block(portal: string, method: string, forMs: number): void {
    const window = this.window(portal, method);
    const until = this.now() + Math.min(forMs, MAX_BLOCK_SEC * 1000);
    window.blockedUntil = Math.max(window.blockedUntil, until);
  }

  /** Latest `time.operating` per "portal method", for metrics. */
  operatingSeconds(): ReadonlyMap<string, number> {
    return new Map([...this.#windows].map(([name, window]) => [name, window.operating]));
  }

  private window(portal: string, method: string): MethodWindow {
    const name = key(portal, method);
    let window = this.#windows.get(name);
    if (!window) {
      window = { resetAt: 0, operating: 0, blockedUntil: 0 };
      this.#windows.set(name, window);
    }
    return window;
  }
}

function key(portal: string, method: string): string {
  return `${portal} ${method}`;
}
