import type { Logger } from 'pino';
import { KNOWN_BITRIX24_CODES, outcomeOf } from '../errors/bitrix24-error-table';
import type { GatewayMetrics } from '../observability/metrics';
import type { AttemptOutcome } from './attempt-outcome';

const KNOWN = new Set(KNOWN_BITRIX24_CODES);

export interface AttemptRecord {
  readonly portal: string;
  readonly method: string;
  readonly attempt: number;
  readonly durationMs: number;
  readonly outcome: AttemptOutcome;
}

/** One log line and the metrics for every request sent to Bitrix24. */
export function recordAttempt(log: Logger, metrics: GatewayMetrics | undefined, record: AttemptRecord): void {
  const { portal, method, attempt, durationMs, outcome } = record;
  const result = outcome.ok ? 'APPLIED' : outcomeOf(outcome.failure);
  const code = outcome.ok ? 'OK' : failureCode(outcome);
  metrics?.bitrix24Calls.inc({ portal, method, code, outcome: result });
  metrics?.bitrix24Duration.observe({ portal, method }, durationMs / 1000);
  const line = { portal, method, attempt, outcome: result, code, durationMs };
  if (outcome.ok) log.info(line, 'bitrix24 call succeeded');
  else log.warn({ ...line, failure: outcome.failure }, 'bitrix24 call failed');
}

// An unknown code could be anything a misbehaving server sends: keep metric labels to a closed set.
function failureCode(outcome: Extract<AttemptOutcome, { ok: false }>): string {
  const { failure } = outcome;
  if (failure.kind !== 'error-response') return failure.kind;
  return KNOWN.has(failure.code) ? failure.code : 'OTHER';
}
