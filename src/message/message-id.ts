/**
 * Bitrix24 runs MESSAGE_ID through PHP's intval, so "1abc" would like message 1 and "1e3" message 1000.
 * Only a canonical positive decimal integer is ever forwarded, as text: 18 digits do not fit a JS number.
 */
const CANONICAL_MESSAGE_ID = /^[1-9][0-9]{0,17}$/;

export function isCanonicalMessageId(value: string): boolean {
  return CANONICAL_MESSAGE_ID.test(value);
}
