import type { OperatingStatus } from './operating-time';
import type { RestErrorCode } from './rest-errors';
import { REST_ERRORS } from './rest-errors';

/** Bitrix24's `time` block. Seconds are unix time with fractions; dates carry the server's offset. */
export interface TimeBlock {
  start: number;
  finish: number;
  duration: number;
  processing: number;
  date_start: string;
  date_finish: string;
  operating_reset_at: number;
  operating: number;
}

export interface ErrorEnvelope {
  error: string;
  error_description: string;
}

/** Operating-time accounting resets every 10 minutes on the portal. */
const OPERATING_WINDOW_SEC = 600;

/** Times in unix seconds; a method that counts no operating time (batch itself) reports 0. */
export function timeBlock(
  start: number,
  processingStart: number,
  finish: number,
  operating: OperatingStatus = { operating: 0, resetAt: undefined },
): TimeBlock {
  return {
    start,
    finish,
    duration: finish - start,
    processing: finish - processingStart,
    date_start: isoWithOffset(start),
    date_finish: isoWithOffset(finish),
    operating_reset_at: operating.resetAt ?? Math.floor(start) + OPERATING_WINDOW_SEC,
    operating: operating.operating,
  };
}

export function successEnvelope(result: unknown, time: TimeBlock): { result: unknown; time: TimeBlock } {
  return { result, time };
}

export function errorEnvelope(code: RestErrorCode): ErrorEnvelope {
  return { error: code, error_description: REST_ERRORS[code].description };
}

/** "2026-11-27T10:00:00+03:00": local time, whole seconds, numeric offset, like PHP's DATE_ATOM. */
function isoWithOffset(unixSec: number): string {
  const date = new Date(Math.floor(unixSec) * 1000);
  const offsetMin = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offsetMin * 60_000).toISOString().slice(0, 19);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
