import { z } from 'zod';
import { Secret } from '../../secret';

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

const ms = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** The environment variables behind SharedBudgetSettings, validated by src/config.ts with the rest. */
export const sharedBudgetEnvShape = {
  // Checked by readSharedBudget, whose message never quotes the URL: it may carry a password.
  REDIS_URL: z.string().optional(),
  BITRIX24_EGRESS_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores')
    .default('default'),
  BITRIX24_REPLICAS: z.coerce.number().int().min(1).max(1000).optional(),
  REDIS_CONNECT_TIMEOUT_MS: ms(10, 60_000, 1_000),
  REDIS_COMMAND_TIMEOUT_MS: ms(10, 60_000, 250),
};

type SharedBudgetEnv = z.infer<z.ZodObject<typeof sharedBudgetEnvShape>>;

/** Undefined without REDIS_URL: each process then paces calls alone, in memory. Throws naming the variable. */
export function readSharedBudget(vars: SharedBudgetEnv): SharedBudgetSettings | undefined {
  if (vars.REDIS_URL === undefined) return undefined;
  const redisUrl = new Secret(vars.REDIS_URL);
  const url = parsed(redisUrl);
  if (!url || !/^rediss?:$/.test(url.protocol))
    throw new Error('REDIS_URL: must be a redis:// or rediss:// URL');
  // The Redis client decodes both, and would throw at start on a stray "%".
  if (decoded(url.username) === undefined || decoded(url.password) === undefined) {
    throw new Error('REDIS_URL: its user name or password is not correctly percent-encoded');
  }
  // A default would be a guess, and a wrong one sends N shares of the budget while Redis is down.
  if (vars.BITRIX24_REPLICAS === undefined) {
    throw new Error('BITRIX24_REPLICAS: required with REDIS_URL: the most replicas that share the budget');
  }
  return {
    redisUrl,
    egressId: vars.BITRIX24_EGRESS_ID,
    replicas: vars.BITRIX24_REPLICAS,
    connectTimeoutMs: vars.REDIS_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: vars.REDIS_COMMAND_TIMEOUT_MS,
  };
}

function parsed(url: Secret): URL | undefined {
  try {
    return new URL(url.reveal());
  } catch {
    return undefined;
  }
}

/** The URL, and its password alone, for the logger to strip from any line. */
export function sharedBudgetSecrets(settings: SharedBudgetSettings | undefined): Secret[] {
  if (!settings) return [];
  const { password } = new URL(settings.redisUrl.reveal());
  const forms = [password, decoded(password)].filter((form): form is string => Boolean(form));
  return [settings.redisUrl, ...forms.map((form) => new Secret(form))];
}

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
