import type { GatewayMetrics } from '../observability/metrics';
import { Bitrix24Client } from './bitrix24-client';
import { DispatcherRegistry, egressDispatchers, type DispatcherFactory } from './dispatchers';
import { LeakyBucketLimiter } from './limiter/leaky-bucket-limiter';
import type { RateLimiter } from './limiter/rate-limiter';
import type { ProxySettings } from './proxy-settings';
import { DEFAULT_RESILIENCE, rateLimitFor, type ResilienceSettings } from './resilience-settings';
import type { SharedBudget } from './shared/shared-budget';
import { UndiciTransport } from './transport';

export interface ClientOptions {
  readonly resilience?: ResilienceSettings;
  readonly proxy?: ProxySettings;
  readonly metrics?: GatewayMetrics;
  /** Transport per portal origin; the default is a keep-alive undici Pool (or the proxy agent). */
  readonly dispatcherFactory?: DispatcherFactory;
  /** The default mirrors Bitrix24's bucket in this process, or in Redis when `shared` is given. */
  readonly limiter?: RateLimiter;
  /** Replicas sharing one budget and what Bitrix24 blocked, through Redis (REDIS_URL). */
  readonly shared?: SharedBudget;
  /** Hosts allowed to resolve to non-public addresses (BITRIX24_PRIVATE_HOSTS). */
  readonly privateHosts?: readonly string[];
  /** Waits between retries; tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Time for the breakers and the operating-time windows; tests drive it. */
  readonly clock?: () => number;
}

/** Assembles the Bitrix24 client from its parts, and lets the metrics watch its live state. */
export function createBitrix24Client(options: ClientOptions): Bitrix24Client {
  const settings = options.resilience ?? DEFAULT_RESILIENCE;
  const factory =
    options.dispatcherFactory ??
    egressDispatchers(settings.connectTimeoutMs, options.proxy ?? {}, options.privateHosts);
  const { shared } = options;
  const limitFor = (portal: string) => rateLimitFor(settings, portal);
  const limiter =
    options.limiter ??
    shared?.limiter(limitFor, settings.queueMax) ??
    new LeakyBucketLimiter(limitFor, settings.queueMax);
  const client = new Bitrix24Client({
    transport: new UndiciTransport(new DispatcherRegistry(factory)),
    limiter,
    settings,
    metrics: options.metrics,
    sleep: options.sleep,
    clock: options.clock,
  });
  void shared?.shareBlocks(client.operatingTime);
  options.metrics?.watch({
    queueDepths: () => limiter.queueDepths(),
    breakerStates: () => client.breakers.states(),
    operatingSeconds: () => client.operatingTime.operatingSeconds(),
    ...(shared ? { limiterShared: () => shared.shared } : {}),
  });
  return client;
}
