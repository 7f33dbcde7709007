import pino from 'pino';
import { RedisLink } from '../../src/bitrix24/shared/redis-link';
import type { SharedBudgetSettings } from '../../src/bitrix24/shared/shared-settings';
import { Secret } from '../../src/secret';
import type { RedisServer } from './redis-server';

/** Shared-budget settings for a test's own Redis server, with short timeouts. */
export function sharedSettings(
  redis: RedisServer,
  overrides: Partial<SharedBudgetSettings> = {},
): SharedBudgetSettings {
  return {
    redisUrl: new Secret(redis.url),
    egressId: 'default',
    replicas: 3,
    connectTimeoutMs: 500,
    commandTimeoutMs: 100,
    ...overrides,
  };
}

/** A link to Redis whose log lines (their `msg`) the test can read. */
export async function openLink(settings: SharedBudgetSettings): Promise<{ link: RedisLink; logs: string[] }> {
  const logs: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line).msg) });
  return { link: await RedisLink.open(settings, logger), logs };
}

/** Polls `condition` every few ms; fails after `timeoutMs`. */
export async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
