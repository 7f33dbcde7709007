import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Live state the metrics read at scrape time. */
export interface MetricSources {
  queueDepths(): ReadonlyMap<string, number>;
  breakerStates(): ReadonlyMap<string, number>;
  operatingSeconds(): ReadonlyMap<string, number>;
  /** With REDIS_URL: whether the replica takes its slots from the shared buckets right now. */
  limiterShared?(): boolean;
}

/**
 * The gateway's Prometheus metrics (prom-client), in a registry of its own so that several gateways in one
 * process do not collide. Labels are bounded: portal hosts come from configuration, codes from a closed list;
 * nothing carries a token, a webhook code or a message id.
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  readonly operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations answered, by operation type and outcome (ok or the first error code).',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly bitrix24Calls = new Counter({
    name: 'bitrix24_calls_total',
    help: 'Requests sent to Bitrix24 (each attempt), by portal, method, Bitrix24 code and outcome.',
    labelNames: ['portal', 'method', 'code', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly bitrix24Duration = new Histogram({
    name: 'bitrix24_call_duration_seconds',
    help: 'Time from sending a request to Bitrix24 to reading its whole answer.',
    labelNames: ['portal', 'method'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly limiterWait = new Histogram({
    name: 'bitrix24_limiter_wait_seconds',
    help: 'Time calls waited in the per-portal rate limiter before being sent.',
    labelNames: ['portal'] as const,
    buckets: [0.001, 0.01, 0.1, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Gauges computed at scrape time from the client's live state. */
  watch(sources: MetricSources): void {
    this.gauge('bitrix24_limiter_queue_depth', 'Calls waiting for a rate-limiter slot.', ['portal'], () =>
      [...sources.queueDepths()].map(([portal, value]) => [{ portal }, value]),
    );
    this.gauge(
      'bitrix24_breaker_state',
      'Circuit breaker per portal: 0 closed, 1 open, 2 half-open.',
      ['portal'],
      () => [...sources.breakerStates()].map(([portal, value]) => [{ portal }, value]),
    );
    this.gauge(
      'bitrix24_operating_seconds',
      "Bitrix24's reported execution time of a method in its current window (limit about 480 s).",
      ['portal', 'method'],
      () =>
        [...sources.operatingSeconds()].map(([name, value]) => {
          const [portal = '', method = ''] = name.split(' ');
          return [{ portal, method }, value];
        }),
    );
    const { limiterShared } = sources;
    if (limiterShared) {
      this.gauge(
        'bitrix24_limiter_shared',
        '1 while calls take their slots from the buckets shared in Redis, 0 while Redis is unreachable and ' +
          'this replica paces calls with its share of the budget.',
        [],
        () => [[{}, limiterShared() ? 1 : 0]],
      );
    }
  }

  private gauge(
    name: string,
    help: string,
    labelNames: string[],
    read: () => Array<[Record<string, string>, number]>,
  ): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [labels, value] of read()) this.set(labels, value);
      },
    });
  }
}
