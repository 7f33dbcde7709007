/**
 * PHP 8 `intval()` as Bitrix24 applies it to `MESSAGE_ID`, returning an int64 as a bigint.
 * Faithfulness matters: the gateway must reject ids like "1abc" because the portal would
 * silently read them as message 1.
 * Hand-written: locutus' intval returns a lossy number via parseInt ("1e3" -> 1), not PHP 8's int64.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// Whitespace PHP's numeric-string parser skips before the number.
const LEADING_SPACE = /^[ \t\n\r\v\f]*/;
// The numeric prefix PHP accepts: an integer, or a float with a fraction and/or an exponent.
const NUMERIC_PREFIX = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

export function phpIntval(value: unknown): bigint {
  if (typeof value === 'bigint') return BigInt.asIntN(64, value);
  if (typeof value === 'number') return floatToInt(value);
  if (typeof value === 'string') return stringToInt(value);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (Array.isArray(value)) return value.length > 0 ? 1n : 0n;
  // Any other object stands for a PHP array (json_decode(..., true) or a form field like a[x]=1).
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0 ? 1n : 0n;
  return 0n;
}

/**
 * Strings use is_numeric_string with errors allowed: a leading numeric prefix counts and trailing
 * garbage is ignored ("1abc" -> 1). Since PHP 7.1 a float-looking prefix is read as a float and then
 * truncated, so "1e3" is 1000 and "1.9" is 1 (older PHP stopped at the "e" and gave 1).
 * Out-of-range values saturate (zend_dval_to_lval_cap), unlike float casts which wrap.
 */
function stringToInt(text: string): bigint {
  const rest = text.replace(LEADING_SPACE, '');
  const match = NUMERIC_PREFIX.exec(rest);
  if (!match) return 0n;
  const literal = match[0];
  if (/^[+-]?\d+$/.test(literal)) return clamp(BigInt(literal));
  const float = Number(literal);
  if (!Number.isFinite(float)) return 0n;
  return clamp(BigInt(Math.trunc(float)));
}

/**
 * Floats (JSON numbers) use zend_dval_to_lval: NaN and infinities give 0, and out-of-range values
 * wrap modulo 2^64 on 64-bit builds. Beyond 2^53 a double is already integral, so BigInt is exact.
 */
function floatToInt(value: number): bigint {
  if (!Number.isFinite(value)) return 0n;
  return BigInt.asIntN(64, BigInt(Math.trunc(value)));
}

function clamp(value: bigint): bigint {
  if (value > INT64_MAX) return INT64_MAX;
  if (value < INT64_MIN) return INT64_MIN;
  return value;
}
