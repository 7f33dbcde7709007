import type { Bitrix24Failure } from './bitrix24-call-error';

// Bitrix24 codes that describe a passing state of the server rather than of the request.
const TRANSIENT_CODES = new Set(['QUERY_LIMIT_EXCEEDED', 'INTERNAL_SERVER_ERROR', 'ERROR_UNEXPECTED_ANSWER']);

/** Bitrix24 mixes OAuth's lower-case codes with its own upper-case ones; codes compare without case. */
export function sameCode(code: string, expected: string): boolean {
  return code.toUpperCase() === expected;
}

const isTransient = (code: string) => TRANSIENT_CODES.has(code.toUpperCase());

/**
 * Whether a failed attempt may be sent again. An idempotent call (PLUS, MINUS) may be repeated after any
 * transient failure, even one Bitrix24 may have applied. A toggle (AUTO) may be repeated only when the
 * attempt provably never took effect: the connection was never made, or Bitrix24 refused it for rate.
 */
export function isRetryable(failure: Bitrix24Failure, idempotent: boolean): boolean {
  if (provablyNotSent(failure)) return true;
  if (failure.kind === 'error-response' && sameCode(failure.code, 'QUERY_LIMIT_EXCEEDED')) return true;
  if (!idempotent) return false;
  switch (failure.kind) {
    case 'error-response':
      return isTransient(failure.code);
    case 'bad-response':
    case 'network':
    case 'timeout':
      return true;
    default:
      return false;
  }
}

/** Failures that happened before a byte of the request reached Bitrix24. */
export function provablyNotSent(failure: Bitrix24Failure): boolean {
  return failure.kind === 'connect' || (failure.kind === 'timeout' && failure.phase === 'connect');
}

/** Failures that say the portal itself is unwell; they count towards opening its circuit. */
export function isPortalFailure(failure: Bitrix24Failure): boolean {
  switch (failure.kind) {
    case 'connect':
    case 'network':
    case 'timeout':
    case 'bad-response':
      return true;
    case 'error-response':
      return !sameCode(failure.code, 'QUERY_LIMIT_EXCEEDED') && isTransient(failure.code);
    default:
      return false;
  }
}
