import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: unknown;
}

export interface SendInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Give up waiting for an answer after this many ms (undici's default is minutes). */
  headersTimeout?: number;
}

export async function send(url: string, init: SendInit = {}): Promise<HttpAnswer> {
  const response = await request(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.headers,
    body: init.body,
    headersTimeout: init.headersTimeout,
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text, body: parseOrUndefined(text) };
}

export function postJson(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return send(url, {
    body: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams(form).toString();
  return send(url, { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

/** The success envelope of im.message.like; only the clock-dependent values are loose. */
export const LIKE_SUCCESS = {
  result: true,
  time: {
    start: expect.any(Number),
    finish: expect.any(Number),
    duration: expect.any(Number),
    processing: expect.any(Number),
    date_start: expect.stringMatching(ISO_WITH_OFFSET),
    date_finish: expect.stringMatching(ISO_WITH_OFFSET),
    operating_reset_at: expect.any(Number),
    operating: 0,
  },
};

/**
 * The exact time block of a call made at `sec` (unix seconds) on a manual clock: nothing takes any
 * time, so start equals finish. Only the dates, which depend on the machine's time zone, are loose.
 */
export function timeAt(sec: number, operating = 0, resetAt = Math.floor(sec) + 600) {
  return {
    start: sec,
    finish: sec,
    duration: 0,
    processing: 0,
    date_start: expect.stringMatching(ISO_WITH_OFFSET),
    date_finish: expect.stringMatching(ISO_WITH_OFFSET),
    operating_reset_at: resetAt,
    operating,
  };
}

/** Exact error envelopes, spelled out here so the emulator's table is checked, not trusted. */
export const ERRORS = {
  MESSAGE_ID_ERROR: { error: 'MESSAGE_ID_ERROR', error_description: "Message ID can't be empty" },
  WITHOUT_CHANGES: { error: 'WITHOUT_CHANGES', error_description: 'Action completed without changes' },
  PARAMS_ERROR: { error: 'PARAMS_ERROR', error_description: 'Incorrect params.' },
  QUERY_LIMIT_EXCEEDED: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
  NO_AUTH_FOUND: { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' },
  expired_token: { error: 'expired_token', error_description: 'The access token provided has expired' },
  invalid_token: { error: 'invalid_token', error_description: 'The access token provided is invalid.' },
  INVALID_CREDENTIALS: { error: 'INVALID_CREDENTIALS', error_description: 'Invalid request credentials' },
  ERROR_METHOD_NOT_FOUND: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' },
  OPERATION_TIME_LIMIT: {
    error: 'OPERATION_TIME_LIMIT',
    error_description: 'Method is blocked due to operation time limit.',
  },
  ERROR_BATCH_LENGTH_EXCEEDED: {
    error: 'ERROR_BATCH_LENGTH_EXCEEDED',
    error_description: 'Max batch length exceeded',
  },
  ERROR_BATCH_METHOD_NOT_ALLOWED: {
    error: 'ERROR_BATCH_METHOD_NOT_ALLOWED',
    error_description: 'Method is not allowed for batch usage',
  },
} as const;

export const JSON_TYPE = 'application/json; charset=utf-8';
