import { z } from 'zod';
import { DEFAULT_RESILIENCE, type RateLimit, type ResilienceSettings } from '../bitrix24/resilience-settings';
import { integer, list, number, textOr } from './values';

const defaults = DEFAULT_RESILIENCE;

const rateLimit = z.object({
  perSecond: number.positive().default(defaults.rateLimit.perSecond),
  burst: integer(1, 1_000_000).default(defaults.rateLimit.burst),
});

const PORTAL_LIMIT = /^([a-z0-9.-]+(?::\d{1,5})?)=(\d+(?:\.\d+)?)\/(\d+)$/;

/** `acme.bitrix24.com=5/250,beta.bitrix24.com=2/50`: host[:port]=perSecond/burst. */
function readPortalLimits(text: string): Map<string, RateLimit> {
  const limits = new Map<string, RateLimit>();
  for (const [position, entry] of list(text.toLowerCase()).entries()) {
    const match = PORTAL_LIMIT.exec(entry);
    const perSecond = Number(match?.[2]);
    const burst = Number(match?.[3]);
    if (!match || !(perSecond > 0) || !(burst >= 1)) {
      // Not quoted: a webhook URL pasted here by mistake would print its secret code.
      throw new Error(
        `entry ${position + 1} must look like host=perSecond/burst, e.g. acme.bitrix24.com=5/250`,
      );
    }
    limits.set(match[1] as string, { perSecond, burst });
  }
  return limits;
}

const isLimitMap = (value: unknown): value is ReadonlyMap<string, RateLimit> => value instanceof Map;

/** How the client paces, retries and guards its calls: every field has a production default. */
export const resilienceSchema = z
  .object({
    rateLimit: rateLimit.prefault({}),
    // Checked as a map once read, whichever form it came in.
    portalLimits: textOr(readPortalLimits, isLimitMap)
      .pipe(z.map(z.string(), rateLimit.required()))
      .default(() => new Map()),
    queueMax: integer(0, 1_000_000).default(defaults.queueMax),
    retries: integer(0, 10).default(defaults.retries),
    attemptTimeoutMs: integer(100, 600_000).default(defaults.attemptTimeoutMs),
    connectTimeoutMs: integer(100, 600_000).default(defaults.connectTimeoutMs),
    breakerThreshold: integer(1, 1000).default(defaults.breakerThreshold),
    breakerCooldownMs: integer(100, 3_600_000).default(defaults.breakerCooldownMs),
  })
  .strict()
  .prefault({}) satisfies z.ZodType<ResilienceSettings>;
