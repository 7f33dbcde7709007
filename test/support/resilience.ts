import { DEFAULT_RESILIENCE, type ResilienceSettings } from '../../src/bitrix24/resilience-settings';

/** Production settings, but with a rate limit no test reaches unless it means to. */
export function testResilience(overrides: Partial<ResilienceSettings> = {}): ResilienceSettings {
  return { ...DEFAULT_RESILIENCE, rateLimit: { perSecond: 10_000, burst: 10_000 }, ...overrides };
}
