/**
 * How PHP reads and writes the loosely typed values that reach Bitrix24: `(bool)` casts and what
 * json_encode makes of an array. PHP arrays are modelled as ordered [key, value] lists.
 */

/** PHP's `(bool)`: "", "0", 0, null and empty arrays are false; every other string, "false" included, is true. */
export function phpBool(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value !== '' && value !== '0';
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

export type PhpEntries = ReadonlyArray<readonly [string, unknown]>;

/**
 * What json_encode writes for a PHP array: an empty one is `[]`, one keyed exactly 0..n-1 in order is a
 * JSON list, anything else an object. Clients must expect all three shapes for the same field.
 */
export function phpArrayToJson(entries: PhpEntries): unknown[] | Record<string, unknown> {
  const isList = entries.every(([key], index) => key === String(index));
  if (isList) return entries.map(([, value]) => value);
  // fromEntries defines own properties, so a key like "__proto__" stays data.
  return Object.fromEntries(entries);
}
