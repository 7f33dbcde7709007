import { isInteger, isSafeNumber, parse } from 'lossless-json';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * JSON.parse that keeps integers beyond 2^53 exact, as PHP's json_decode does for int64 values:
 * an 18-digit MESSAGE_ID sent as a JSON number must not be rounded to a neighbouring message.
 * Such integers come back as bigint; beyond int64 they stay floats, again like json_decode.
 * A repeated key keeps its last value, as both JSON.parse and json_decode do.
 * Throws SyntaxError on invalid JSON.
 */
export function parseJsonLossless(text: string): unknown {
  return parse(text, null, { parseNumber: phpNumber, onDuplicateKey: ({ newValue }) => newValue });
}

// lossless-json's own parseNumberAndBigInt would give a bigint past int64 too, where PHP gives a float.
function phpNumber(text: string): number | bigint {
  if (isInteger(text) && !isSafeNumber(text)) {
    const value = BigInt(text);
    if (value >= INT64_MIN && value <= INT64_MAX) return value;
  }
  return Number(text);
}
