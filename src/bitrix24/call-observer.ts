import type { Logger } from 'pino';
import type { Counter, Histogram } from 'prom-client';
import type { GatewayMetrics } from '../observability/metrics';
import { KNOWN_BITRIX24_CODES } from './bitrix24-codes';
import type { Call, Judged } from './call';
import type { Bitrix24Failure } from './failure';

const KNOWN = new Set(KNOWN_BITRIX24_CODES);

/**
 * One log line and the metrics for every command sent to Bitrix24, under its own method, and one more line for
 * each batch request. Metric children are looked up once per label set: prom-client would otherwise hash the
 * labels on every call.
 */
export class CallObserver {
  readonly #calls = new Map<string, Counter.Internal>();
  readonly #durations = new Map<string, Histogram.Internal<string>>();
  readonly #waits = new Map<string, Histogram.Internal<string>>();

  constructor(private readonly metrics: GatewayMetrics | undefined) {}

  record(
    log: Logger,
    { target, method, attempts }: Call,
    { outcome, meaning }: Judged,
    durationMs: number,
  ): void {
    const { portal } = target;
    const result = outcome.ok ? 'APPLIED' : (meaning?.outcome ?? 'UNKNOWN');
    const code = outcome.ok ? 'OK' : failureCode(outcome.failure, method.refusals);
    if (this.metrics) {
      this.calls(portal, method.name, code, result).inc();
      this.duration(portal, method.name).observe(durationMs / 1000);
    }
    const line = { portal, method: method.name, attempt: attempts, outcome: result, code, durationMs };
    if (outcome.ok) log.info(line, 'bitrix24 call succeeded');
    // A method's own refusal (WITHOUT_CHANGES, say) is a normal answer, not trouble for an operator.
    else if (meaning?.category === 'refused')
      log.info({ ...line, failure: outcome.failure }, 'bitrix24 call changed nothing');
    else log.warn({ ...line, failure: outcome.failure }, 'bitrix24 call failed');
  }

  /** How long a call waited for a rate-limiter slot (0 when one was free). */
  waited(portal: string, seconds: number): void {
    if (!this.metrics) return;
    const { limiterWait } = this.metrics;
    childOf(this.#waits, portal, () => limiterWait.labels({ portal })).observe(seconds);
  }

  /** The batch request itself: how many commands it carried and how the request as a whole ended. */
  recordBatch(log: Logger, portal: string, commands: number, { outcome }: Judged, durationMs: number): void {
    const line = {
      portal,
      method: 'batch',
      commands,
      code: outcome.ok ? 'OK' : failureCode(outcome.failure),
      durationMs,
    };
    if (outcome.ok) log.info(line, 'bitrix24 batch answered');
    else log.warn({ ...line, failure: outcome.failure }, 'bitrix24 batch failed');
  }

  private calls(portal: string, method: string, code: string, outcome: string): Counter.Internal {
    const { bitrix24Calls } = this.metrics as GatewayMetrics;
    return childOf(this.#calls, `${portal} ${method} ${code} ${outcome}`, () =>
      bitrix24Calls.labels({ portal, method, code, outcome }),
    );
  }

  private duration(portal: string, method: string): Histogram.Internal<string> {
    const { bitrix24Duration } = this.metrics as GatewayMetrics;
    return childOf(this.#durations, `${portal} ${method}`, () => bitrix24Duration.labels({ portal, method }));
  }
}

function childOf<Child>(children: Map<string, Child>, key: string, create: () => Child): Child {
  let child = children.get(key);
  if (!child) {
    child = create();
    children.set(key, child);
  }
  return child;
}

// An unknown code could be anything a misbehaving server sends: keep metric labels to a closed set.
function failureCode(failure: Bitrix24Failure, refusals?: ReadonlySet<string>): string {
  if (failure.kind !== 'error-response') return failure.kind;
  return KNOWN.has(failure.code) || refusals?.has(failure.code) ? failure.code : 'OTHER';
}
