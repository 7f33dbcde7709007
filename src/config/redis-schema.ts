import { z } from 'zod';
import type { SharedBudgetSettings } from '../bitrix24/shared/shared-settings';
import type { Secret } from '../secret';
import { integer, readWith, secretText } from './values';

// The message never quotes the URL: it may carry a password.
function checkedRedisUrl(redisUrl: Secret): Secret {
  let url: URL | undefined;
  try {
    url = new URL(redisUrl.reveal());
  } catch {
    url = undefined;
  }
  if (!url || !/^rediss?:$/.test(url.protocol)) throw new Error('must be a redis:// or rediss:// URL');
  // The Redis client decodes both, and would throw at start on a stray "%".
  if (decoded(url.username) === undefined || decoded(url.password) === undefined) {
    throw new Error('its user name or password is not correctly percent-encoded');
  }
  return redisUrl;
}

export function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** REDIS_URL and its companions: replicas share one Bitrix24 budget; without a URL, each paces calls alone. */
export const redisSchema = z
  .object({
    redisUrl: secretText.transform(readWith(checkedRedisUrl)).optional(),
    /** Replicas with one id share one bucket per portal, as Bitrix24 counts per source IP. */
    egressId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores')
      .default('default'),
    replicas: integer(1, 1000).optional(),
    connectTimeoutMs: integer(10, 60_000).default(1_000),
    commandTimeoutMs: integer(10, 60_000).default(250),
  })
  .strict()
  .prefault({})
  .transform((settings, context): SharedBudgetSettings | undefined => {
    const { redisUrl, replicas } = settings;
    if (redisUrl === undefined) return undefined;
    // A default would be a guess, and a wrong one sends N shares of the budget while Redis is down.
    if (replicas === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'required with {redis.redisUrl}: the most replicas that share the budget',
        path: ['replicas'],
      });
      return z.NEVER;
    }
    return { ...settings, redisUrl, replicas };
  });
