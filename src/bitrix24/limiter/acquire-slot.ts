import type { GatewayMetrics } from '../../observability/metrics';
import type { AttemptOutcome } from '../attempt-outcome';
import { LimiterRejection, type RateLimiter } from './rate-limiter';

/** Waits for a slot; a refusal becomes a `throttled` failure (nothing was sent), any other error propagates. */
export async function acquireSlot(
  limiter: RateLimiter,
  portal: string,
  deadline: number,
  metrics?: GatewayMetrics,
): Promise<Extract<AttemptOutcome, { ok: false }> | null> {
  const started = performance.now();
  try {
    await limiter.acquire(portal, deadline);
    metrics?.limiterWait.observe({ portal }, (performance.now() - started) / 1000);
    return null;
  } catch (error) {
    if (!(error instanceof LimiterRejection)) throw error;
    return {
      ok: false,
      failure: { kind: 'throttled', reason: error.reason, retryAfterSec: error.retryAfterSec },
    };
  }
}
