import { randomUUID } from 'node:crypto';

const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * JSON.parse that keeps integers beyond 2^53 exact, as PHP's json_decode does for int64 values:
 * an 18-digit MESSAGE_ID sent as a JSON number must not be rounded to a neighbouring message.
 * Such integers come back as bigint; beyond int64 they stay floats, again like json_decode.
 * Throws SyntaxError on invalid JSON.
 */
export function parseJsonLossless(text: string): unknown {
  const marker = `\u0000int64:${randomUUID()}:`;
  return JSON.parse(quoteBigIntegers(text, marker), (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(marker) ? BigInt(value.slice(marker.length)) : value,
  );
}

/** Rewrites unsafe integer literals outside strings as marked strings; everything else is copied. */
function quoteBigIntegers(text: string, marker: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER_TOKEN.lastIndex = i;
      const token = NUMBER_TOKEN.exec(text)?.[0] ?? ch;
      out += isInt64BeyondDouble(token) ? JSON.stringify(marker + token) : token;
      i += token.length;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

function isInt64BeyondDouble(token: string): boolean {
  if (!/^-?(0|[1-9]\d*)$/.test(token) || Number.isSafeInteger(Number(token))) return false;
  const value = BigInt(token);
  return value >= INT64_MIN && value <= INT64_MAX;
}
