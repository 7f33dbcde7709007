import { z } from 'zod';

const INT64_MAX = 2n ** 63n - 1n;

const userId = z.number().int().positive();

/** A reaction name as the im module spells them: 'like', 'redHeart', ... */
const reaction = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'a reaction name such as like or redHeart');

/** A positive int64 message id, given as a canonical decimal string (or a small number). */
const messageId = z
  .union([z.string().regex(/^[1-9]\d{0,18}$/, 'a positive decimal integer'), z.number().int().positive()])
  .transform((value) => BigInt(value))
  .refine((value) => value <= INT64_MAX, 'must fit in int64');

export const resetSchema = z.object({ seed: z.boolean().optional() }).strict();

export const setupSchema = z
  .object({
    users: z.array(userId).optional(),
    chats: z
      .array(z.object({ id: z.number().int().positive(), members: z.array(userId) }).strict())
      .optional(),
    messages: z.array(z.object({ id: messageId, chatId: z.number().int().positive() }).strict()).optional(),
    webhooks: z.array(z.object({ userId, code: z.string().regex(/^[^/]+$/) }).strict()).optional(),
    /** A negative `expiresInSec` registers an already expired token. */
    tokens: z
      .array(z.object({ token: z.string().min(1), userId, expiresInSec: z.number() }).strict())
      .optional(),
    /** Each user liked the message through im.message.like: the reaction `like`. */
    likes: z.array(z.object({ messageId, userId }).strict()).optional(),
    reactions: z.array(z.object({ messageId, userId, reaction }).strict()).optional(),
  })
  .strict();

/** Body of PUT /_emulator/reactions: null removes the user's reaction. */
export const reactionSchema = z.object({ messageId, userId, reaction: reaction.nullable() }).strict();

export const webhookSchema = z
  .object({
    userId,
    code: z
      .string()
      .regex(/^[^/]+$/)
      .optional(),
  })
  .strict();

export const optionsSchema = z
  .object({
    rateLimit: z
      .union([z.literal(false), z.object({ perSecond: z.number().positive(), burst: z.number().positive() })])
      .optional(),
    legacyParamsError: z.boolean().optional(),
    /** Seconds of operating time a method may use within 10 minutes before it is refused. */
    operatingLimitSec: z.number().positive().optional(),
    /** Lower-cased method name -> seconds each completed call is charged (the emulator's own time is not). */
    operatingSecondsPerCall: z
      .record(z.string().regex(/^[a-z0-9._]+$/, 'a lower-cased method name'), z.number().nonnegative())
      .optional(),
  })
  .strict();

const status = z.number().int().min(200).max(599);
const targeting = { method: z.string().min(1).optional(), times: z.number().int().positive().optional() };

export const faultSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('error'),
      status,
      error: z.string().min(1),
      error_description: z.string(),
      ...targeting,
    })
    .strict(),
  z
    .object({
      kind: z.literal('raw'),
      status,
      body: z.string().optional(),
      contentType: z.string().optional(),
      headers: z.record(z.string(), z.string()).optional(),
      ...targeting,
    })
    .strict(),
  z.object({ kind: z.literal('delay'), ms: z.number().int().nonnegative(), ...targeting }).strict(),
  z.object({ kind: z.literal('hang'), ...targeting }).strict(),
  z
    .object({ kind: z.literal('reset'), phase: z.enum(['before-apply', 'after-apply']), ...targeting })
    .strict(),
]);

/** Body of POST /_emulator/setup; merged into the current state. */
export type EmulatorSetup = z.input<typeof setupSchema>;
/** Body of POST /_emulator/faults. */
export type EmulatorFault = z.input<typeof faultSchema>;
/** Body of PUT /_emulator/options. */
export type EmulatorOptionsPatch = z.input<typeof optionsSchema>;
