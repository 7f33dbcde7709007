import { parseJsonLossless } from './lossless-json';
import { parsePhpForm } from './php-form';

/** Request parameters with upper-cased names, as Bitrix24 methods see them. */
export type Params = Record<string, unknown>;

/**
 * Query string merged with the body (the body wins), names upper-cased like PHP's
 * array_change_key_case(CASE_UPPER): when two spellings collide, the later one wins.
 */
export function readParams(search: string, contentType: string | undefined, body: string): Params {
  return {
    ...upperCaseKeys(parsePhpForm(search.replace(/^\?/, ''))),
    ...upperCaseKeys(parseBody(contentType, body)),
  };
}

function parseBody(contentType: string | undefined, body: string): Record<string, unknown> {
  if (body === '') return {};
  if (!isJson(contentType)) return parsePhpForm(body);
  try {
    const parsed = parseJsonLossless(body);
    // Invalid JSON, or JSON that is not an object, leaves the method without parameters, silently.
    return isPlainObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\b/i.test(contentType?.trim() ?? '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** array_change_key_case(CASE_UPPER), as every method applies to its parameters. */
export function upperCaseKeys(source: Record<string, unknown>): Params {
  const params: Params = {};
  // ASCII only, as PHP 8.2+ does: no locale-dependent surprises such as "ß" -> "SS".
  for (const [key, value] of Object.entries(source)) params[key.replace(/[a-z]+/g, upper)] = value;
  return params;
}

function upper(text: string): string {
  return text.toUpperCase();
}

/** A copy fit for logs and JSON: bigint ids become decimal strings. */
export function toLoggable(params: Params, omit: readonly string[]): Params {
  const entries = Object.entries(params).filter(([key]) => !omit.includes(key));
  return JSON.parse(
    JSON.stringify(Object.fromEntries(entries), (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    ),
  ) as Params;
}
