import type { IncomingHttpHeaders } from 'node:http';
import type { AttemptOutcome } from './attempt-outcome';
import type { Bitrix24Failure } from './failure';

/** `time` block of a Bitrix24 success envelope (only the fields the gateway reads). */
export interface Bitrix24Time {
  readonly operating?: number;
  readonly operating_reset_at?: number;
}

export interface Bitrix24Success {
  readonly result: unknown;
  readonly time?: Bitrix24Time;
}

/**
 * Reads a Bitrix24 answer. The `error` code in the body decides over the HTTP status, because Bitrix24
 * builds disagree on statuses; the status decides only when the body has no code.
 */
export function readEnvelope(status: number, headers: IncomingHttpHeaders, text: string): AttemptOutcome {
  if (status >= 300 && status < 400) return fail({ kind: 'redirect', status });
  const body = parseJson(text);
  if (isObject(body) && typeof body.error === 'string' && body.error !== '') {
    return fail({
      kind: 'error-response',
      status,
      code: body.error,
      description: typeof body.error_description === 'string' ? body.error_description : '',
      ...retryAfter(headers),
    });
  }
  if (status >= 200 && status < 300 && isObject(body) && 'result' in body) {
    return { ok: true, success: { result: body.result, time: isObject(body.time) ? body.time : undefined } };
  }
  return fail({ kind: 'bad-response', status, reason: describeBadBody(text, body) });
}

function describeBadBody(text: string, body: unknown): string {
  if (text.trim() === '') return 'empty answer';
  if (body === undefined) return 'answer is not JSON';
  return 'answer is not a Bitrix24 envelope';
}

function retryAfter(headers: IncomingHttpHeaders): { retryAfterSec?: number } {
  const value = Number(headers['retry-after']);
  return Number.isInteger(value) && value > 0 ? { retryAfterSec: value } : {};
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(failure: Bitrix24Failure): AttemptOutcome {
  return { ok: false, failure };
}
