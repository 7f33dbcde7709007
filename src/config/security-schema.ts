import { z } from 'zod';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../limits/operation-limits';
import type { Secret } from '../secret';
import { integer, readWith, secretText } from './values';

/** Who may call the gateway, from where, and how much one request may ask for. */
export interface SecurityConfig {
  /** When any, every request but /healthz and /readyz must present one in X-API-Key. */
  readonly apiKeys: readonly Secret[];
  /** Browser origins allowed to read responses; none by default. */
  readonly corsOrigins: readonly string[];
  /** The shared secret a federation router presents in Router-Authorization. */
  readonly routerSecret?: Secret;
  readonly limits: OperationLimits;
}

const MIN_API_KEY_LENGTH = 16;

// The message never quotes a key: a malformed key is still a secret.
const apiKey = secretText.refine(
  (key) => key.reveal().length >= MIN_API_KEY_LENGTH,
  `every key must have at least ${MIN_API_KEY_LENGTH} characters`,
);

function readOrigin(entry: string): string {
  let origin: string | undefined;
  try {
    origin = new URL(entry).origin;
  } catch {
    origin = undefined;
  }
  if (origin !== entry.toLowerCase() || !/^https?:/.test(origin)) {
    throw new Error(`"${entry}" is not an origin such as https://app.example.com`);
  }
  return origin;
}

// It travels as an HTTP header value, where surrounding blanks are dropped and non-ASCII is not portable.
const routerSecret = secretText.refine(
  (value) => /^[!-~]{16,}$/.test(value.reveal()),
  'must be at least 16 visible ASCII characters, without spaces',
);

const limit = (fallback: number) => integer(1, 100_000).default(fallback);
const defaults = DEFAULT_OPERATION_LIMITS;

const limitsSchema = z
  .object({
    likeMessageFields: limit(defaults.likeMessageFields),
    likes: limit(defaults.likes),
    aliases: limit(defaults.aliases),
    depth: limit(defaults.depth),
    tokens: limit(defaults.tokens),
    cost: limit(defaults.cost),
    directives: limit(defaults.directives),
    bodyBytes: integer(1024, 16 * 1024 * 1024).default(defaults.bodyBytes),
  })
  .strict()
  .prefault({}) satisfies z.ZodType<OperationLimits>;

export const securitySchema = z
  .object({
    apiKeys: z.array(apiKey).default([]),
    corsOrigins: z.array(z.string().transform(readWith(readOrigin))).default([]),
    routerSecret: routerSecret.optional(),
    limits: limitsSchema,
  })
  .strict()
  .prefault({})
  .transform(({ routerSecret: secret, ...rest }): SecurityConfig =>
    secret ? { ...rest, routerSecret: secret } : rest,
  );
