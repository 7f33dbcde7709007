import { AddressRefusedError } from './address-guard';
import type { Bitrix24Failure } from './failure';

// Socket errors that prove nothing was sent only when the failing system call was the connect itself: on
// a reused keep-alive socket the kernel can report the same codes from a read, after the request left.
const CONNECT_SYSCALL_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

// Failures that can only happen before the request is written: name resolution and the TLS handshake.
const CONNECT_PHASE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
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
  if (error instanceof AddressRefusedError) return { kind: 'address-refused', range: error.range };
  const code = errorCode(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { kind: 'timeout', phase: 'connect' };
  if (deadlinePassed || RESPONSE_TIMEOUT_CODES.has(code)) return { kind: 'timeout', phase: 'response' };
  if (CONNECT_PHASE_CODES.has(code)) return { kind: 'connect', reason: code };
  if (CONNECT_SYSCALL_CODES.has(code) && errorField(error, 'syscall') === 'connect') {
    return { kind: 'connect', reason: code };
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')
    return { kind: 'bad-response', status: 200, reason: 'answer too large' };
  return { kind: 'network', reason: code };
}

function errorCode(error: unknown): string {
  return errorField(error, 'code') ?? 'UNKNOWN';
}

// undici sometimes wraps the socket's error: look at the error, then at its cause.
function errorField(error: unknown, field: 'code' | 'syscall'): string | undefined {
  const own = (error as Record<string, unknown> | null)?.[field];
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: Record<string, unknown> } | null)?.cause?.[field];
  return typeof cause === 'string' ? cause : undefined;
}
