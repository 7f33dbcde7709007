/** A portal's request budget, as Bitrix24 enforces it: `perSecond` drain, `burst` capacity. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/** How the client paces, retries and guards its calls; every field has a production default. */
export interface ResilienceSettings {
  /** Budget for portals without an entry in `portalLimits` (Bitrix24's standard plans: 2/s, burst 50). */
  readonly rateLimit: RateLimit;
  /** Per-portal budgets by host[:port], e.g. Enterprise portals at 5/s, burst 250. */
  readonly portalLimits: ReadonlyMap<string, RateLimit>;
  /** Calls that may wait for a slot per portal; beyond it callers get RATE_LIMITED at once. */
  readonly queueMax: number;
  /** Attempts beyond the first, for failures that are safe to retry. */
  readonly retries: number;
  /** Upper bound for one attempt of an idempotent call, so a hung attempt leaves time for another. */
  readonly attemptTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Consecutive failures of a portal that open its circuit, and how long it stays open before a probe. */
  readonly breakerThreshold: number;
  readonly breakerCooldownMs: number;
}

/** The budget Bitrix24 gives a portal: its own entry, or the default. */
export function rateLimitFor(settings: ResilienceSettings, portal: string): RateLimit {
  return settings.portalLimits.get(portal) ?? settings.rateLimit;
}

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  rateLimit: { perSecond: 2, burst: 50 },
  portalLimits: new Map(),
  queueMax: 1000,
  retries: 2,
  attemptTimeoutMs: 5_000,
  connectTimeoutMs: 3_000,
  breakerThreshold: 5,
  breakerCooldownMs: 10_000,
};
