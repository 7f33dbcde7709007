import { z } from 'zod';
import { Secret } from '../secret';

/** The building blocks settings are made of, so that one kind of value is checked one way everywhere. */

// Only the type's message is ours: zod's own for the bounds say them best ("Too big: expected number to be <=10").
const typeMessage = (message: string) => (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_type' ? message : undefined;

export const number = z.number({ error: typeMessage('must be a number') });

export const integer = (min: number, max: number) => number.int().min(min).max(max);

export const port = integer(0, 65535);

export const flag = z.boolean({ error: typeMessage('must be true or false') });

/** Text that may be a credential: given as a string or already wrapped, it always comes out a Secret. */
export const secretText = z
  .custom<string | Secret>(
    (value) => typeof value === 'string' || value instanceof Secret,
    'must be a string',
  )
  .transform((value) => (typeof value === 'string' ? new Secret(value) : value));

/**
 * Reads a value with a function that throws on bad input (a URL parser, say), whose message becomes the
 * issue. Those messages never quote the value, since some values are secrets.
 */
export function readWith<In, Out>(read: (value: In) => Out) {
  return (value: In, context: z.core.$RefinementCtx): Out => readAt(context, [], () => read(value));
}

/** The same inside a transform of a whole object: the issue is placed at the field `path` names. */
export function readAt<T>(context: z.core.$RefinementCtx, path: PropertyKey[], read: () => T): T {
  try {
    return read();
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message, path });
    return z.NEVER;
  }
}

/** Either the text form a variable gives, or the value already read (what an embedder may pass instead). */
export function textOr<T>(read: (text: string) => T, isRead: (value: unknown) => value is T) {
  return z
    .custom<string | Secret | T>(() => true)
    .transform(
      readWith((value: unknown): T => {
        if (typeof value === 'string') return read(value);
        if (value instanceof Secret) return read(value.reveal());
        if (isRead(value)) return value;
        throw new Error('must be a string');
      }),
    );
}

export function list(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
