import type { Bitrix24Failure } from './bitrix24-call-error';

// Failures while connecting: the request was never written, so Bitrix24 provably did nothing.
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const RESPONSE_TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Turns what undici threw into a failure kind; only the error code is kept, never the message. */
export function classifyThrown(error: unknown, deadlinePassed: boolean): Bitrix24Failure {
  const code = errorCode(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { kind: 'timeout', phase: 'connect' };
  if (deadlinePassed || RESPONSE_TIMEOUT_CODES.has(code)) return { kind: 'timeout', phase: 'response' };
  if (CONNECT_PHASE_CODES.has(code)) return { kind: 'connect', reason: code };
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')
    return { kind: 'bad-response', status: 200, reason: 'answer too large' };
  return { kind: 'network', reason: code };
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const causeCode = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof causeCode === 'string' ? causeCode : 'UNKNOWN';
}
