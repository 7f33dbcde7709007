import type { Logger } from 'pino';
import type { Counter, Histogram } from 'prom-client';
import type { GatewayMetrics } from '../observability/metrics';
import type { AttemptOutcome } from './attempt-outcome';
import { KNOWN_BITRIX24_CODES } from './bitrix24-codes';
import type { FailureMeaning } from './failure-meaning';

const KNOWN = new Set(KNOWN_BITRIX24_CODES);

export interface AttemptRecord {
  readonly portal: string;
  readonly method: string;
  readonly attempt: number;
  readonly durationMs: number;
  readonly outcome: AttemptOutcome;
  /** The failure's meaning; absent for a success. */
  readonly meaning?: FailureMeaning;
  /** The method's own codes, known too. */
  readonly refusals?: ReadonlySet<string>;
}

/**
 * One log line and the metrics for every request sent to Bitrix24. Metric children are looked up once per
 * label set: prom-client would otherwise hash the labels on every call.
 */
export class CallObserver {
  readonly #calls = new Map<string, Counter.Internal>();
  readonly #durations = new Map<string, Histogram.Internal<string>>();

  constructor(private readonly metrics: GatewayMetrics | undefined) {}

  record(log: Logger, record: AttemptRecord): void {
    const { portal, method, attempt, durationMs, outcome, meaning } = record;
    const result = outcome.ok ? 'APPLIED' : (meaning?.outcome ?? 'UNKNOWN');
    const code = outcome.ok ? 'OK' : failureCode(outcome.failure, record.refusals);
    if (this.metrics) {
      this.calls(portal, method, code, result).inc();
      this.duration(portal, method).observe(durationMs / 1000);
    }
    if (outcome.ok)
      log.info({ portal, method, attempt, outcome: result, code, durationMs }, 'bitrix24 call succeeded');
    else
      log.warn(
        { portal, method, attempt, outcome: result, code, durationMs, failure: outcome.failure },
        'bitrix24 call failed',
      );
  }

  private calls(portal: string, method: string, code: string, outcome: string): Counter.Internal {
    const key = `${portal} ${method} ${code} ${outcome}`;
    let child = this.#calls.get(key);
    if (!child) {
      child = (this.metrics as GatewayMetrics).bitrix24Calls.labels({ portal, method, code, outcome });
      this.#calls.set(key, child);
    }
    return child;
  }

  private duration(portal: string, method: string): Histogram.Internal<string> {
    const key = `${portal} ${method}`;
    let child = this.#durations.get(key);
    if (!child) {
      child = (this.metrics as GatewayMetrics).bitrix24Duration.labels({ portal, method });
      this.#durations.set(key, child);
    }
    return child;
  }
}

// An unknown code could be anything a misbehaving server sends: keep metric labels to a closed set.
function failureCode(
  failure: Extract<AttemptOutcome, { ok: false }>['failure'],
  refusals?: ReadonlySet<string>,
) {
  if (failure.kind !== 'error-response') return failure.kind;
  return KNOWN.has(failure.code) || refusals?.has(failure.code) ? failure.code : 'OTHER';
}
