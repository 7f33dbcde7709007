import { z } from 'zod';

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

const positive = z.coerce.number().positive();
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The environment variables behind ResilienceSettings, validated by src/config.ts with the rest. */
export const resilienceEnvShape = {
  BITRIX24_RATE_PER_SEC: positive.default(DEFAULT_RESILIENCE.rateLimit.perSecond),
  BITRIX24_BURST: count(1, 1_000_000).default(DEFAULT_RESILIENCE.rateLimit.burst),
  BITRIX24_PORTAL_LIMITS: z.string().optional(),
  BITRIX24_QUEUE_MAX: count(0, 1_000_000).default(DEFAULT_RESILIENCE.queueMax),
  BITRIX24_RETRIES: count(0, 10).default(DEFAULT_RESILIENCE.retries),
  BITRIX24_ATTEMPT_TIMEOUT_MS: count(100, 600_000).default(DEFAULT_RESILIENCE.attemptTimeoutMs),
  BITRIX24_CONNECT_TIMEOUT_MS: count(100, 600_000).default(DEFAULT_RESILIENCE.connectTimeoutMs),
  BITRIX24_BREAKER_THRESHOLD: count(1, 1000).default(DEFAULT_RESILIENCE.breakerThreshold),
  BITRIX24_BREAKER_COOLDOWN_MS: count(100, 3_600_000).default(DEFAULT_RESILIENCE.breakerCooldownMs),
};

type ResilienceEnv = z.infer<z.ZodObject<typeof resilienceEnvShape>>;

export function readResilience(vars: ResilienceEnv): ResilienceSettings {
  return {
    rateLimit: { perSecond: vars.BITRIX24_RATE_PER_SEC, burst: vars.BITRIX24_BURST },
    portalLimits: parsePortalLimits(vars.BITRIX24_PORTAL_LIMITS ?? ''),
    queueMax: vars.BITRIX24_QUEUE_MAX,
    retries: vars.BITRIX24_RETRIES,
    attemptTimeoutMs: vars.BITRIX24_ATTEMPT_TIMEOUT_MS,
    connectTimeoutMs: vars.BITRIX24_CONNECT_TIMEOUT_MS,
    breakerThreshold: vars.BITRIX24_BREAKER_THRESHOLD,
    breakerCooldownMs: vars.BITRIX24_BREAKER_COOLDOWN_MS,
  };
}

const PORTAL_LIMIT = /^([a-z0-9.-]+(?::\d{1,5})?)=(\d+(?:\.\d+)?)\/(\d+)$/;

/** `acme.bitrix24.com=5/250,beta.bitrix24.com=2/50`: host[:port]=perSecond/burst. */
function parsePortalLimits(value: string): Map<string, RateLimit> {
  const limits = new Map<string, RateLimit>();
  for (const entry of value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)) {
    const match = PORTAL_LIMIT.exec(entry);
    const perSecond = Number(match?.[2]);
    const burst = Number(match?.[3]);
    if (!match || !(perSecond > 0) || !(burst >= 1)) {
      throw new Error(`entry "${entry}" must look like host=perSecond/burst, e.g. acme.bitrix24.com=5/250`);
    }
    limits.set(match[1] as string, { perSecond, burst });
  }
  return limits;
}
