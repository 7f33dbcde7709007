import type { z } from 'zod';
import { ConfigError } from './config-error';
import type { Env, Variable } from './variables';

/** How a reader names a setting in its messages: by its variable, or by its option path. */
type NameOf = (path: readonly PropertyKey[]) => string | undefined;

/** Reads the environment through a schema; every message names its variable and never quotes a value. */
export function readEnvironment<S extends z.ZodType>(
  schema: S,
  variables: readonly Variable[],
  env: Env,
): z.output<S> {
  const input: Record<string, unknown> = {};
  for (const variable of variables) {
    const text = valueOf(env, variable);
    if (text !== undefined) setAt(input, variable.path.split('.'), readText(variable, text));
  }
  return deepFreeze(parseNaming(schema, input, (path) => variableAt(variables, path)?.name));
}

/** Reads an embedder's options through the same schema; a bad one is named by its path, as `resilience.retries`. */
export function readOptions<S extends z.ZodType>(schema: S, options: z.input<S>): z.output<S> {
  return parseNaming(schema, options, (path) => (path.length > 0 ? path.join('.') : undefined));
}

function parseNaming<S extends z.ZodType>(schema: S, input: unknown, nameOf: NameOf): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // `{bitrix24.timeoutMs}` in a message names another setting the way this reader names settings.
  const message = issue.message.replace(
    /\{([\w.]+)\}/g,
    (_, path: string) => nameOf(path.split('.')) ?? path,
  );
  const name = nameOf(issue.path);
  throw new ConfigError(name ? `${name}: ${message}` : message);
}

function readText(variable: Variable, text: string): unknown {
  try {
    return variable.read(text);
  } catch (error) {
    throw new ConfigError(`${variable.name}: ${(error as Error).message}`);
  }
}

// An empty variable (`FOO=`) means "not set", as in most deployment tools.
function valueOf(env: Env, variable: Variable): string | undefined {
  const value = env[variable.name] || (variable.lowerCaseToo ? env[variable.name.toLowerCase()] : undefined);
  return value || undefined;
}

/** The variable whose setting holds the path: `security.apiKeys.2` is GATEWAY_API_KEYS. */
function variableAt(variables: readonly Variable[], path: readonly PropertyKey[]): Variable | undefined {
  const dotted = path.join('.');
  return variables
    .filter((variable) => dotted === variable.path || dotted.startsWith(`${variable.path}.`))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  target[head] ??= {};
  setAt(target[head] as Record<string, unknown>, rest, value);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && isPlain(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

// Secrets keep their private field; a Map stays usable (frozen maps still change), so only plain data freezes.
const isPlain = (value: object): boolean =>
  Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype;
