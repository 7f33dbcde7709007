import { EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import { guardedConnectOptions, guardedLookupByName } from './address-guard';
import type { ProxySettings } from './proxy-settings';

/** Makes the transport for one portal origin; tests pass a factory returning an undici MockAgent. */
export type DispatcherFactory = (origin: string) => Dispatcher;

/** `privateHosts`: hosts (host[:port]) allowed to resolve to non-public addresses; see address-guard.ts. */
export function keepAlivePool(
  connectTimeoutMs: number,
  privateHosts: readonly string[] = [],
): DispatcherFactory {
  const mayBePrivate = new Set(privateHosts);
  return (origin) =>
    new Pool(origin, {
      connect: guardedConnectOptions(origin, connectTimeoutMs, mayBePrivate),
      keepAliveTimeout: 30_000,
      // Bitrix24 answers are small; a larger one means something other than Bitrix24 is answering.
      maxResponseSize: MAX_ANSWER_BYTES,
    });
}

export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * With HTTPS_PROXY/HTTP_PROXY set, portals are reached through undici's EnvHttpProxyAgent, which honours
 * NO_PROXY; otherwise each portal gets its own keep-alive pool. Direct connections (NO_PROXY hosts, or a
 * scheme without a proxy) keep the public-address guard. Through the proxy it is the proxy that resolves
 * portal names and connects, so egress is policed there (README, SECURITY.md).
 */
export function egressDispatchers(
  connectTimeoutMs: number,
  proxy: ProxySettings,
  privateHosts: readonly string[] = [],
): DispatcherFactory {
  if (!proxy.httpProxy && !proxy.httpsProxy) return keepAlivePool(connectTimeoutMs, privateHosts);
  // Empty strings, not undefined: undici would otherwise read the proxy settings from the environment itself.
  const agent = new EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy?.reveal() ?? '',
    httpsProxy: proxy.httpsProxy?.reveal() ?? '',
    noProxy: proxy.noProxy ?? '',
    // `connect` applies to the direct connections only; the proxy's own connection is built from `proxyTls`.
    connect: { timeout: connectTimeoutMs, lookup: guardedLookupByName(privateHosts) },
    proxyTls: { timeout: connectTimeoutMs },
    keepAliveTimeout: 30_000,
    maxResponseSize: MAX_ANSWER_BYTES,
  });
  return () => agent;
}

/** One keep-alive dispatcher per portal origin, created on first use. */
export class DispatcherRegistry {
  readonly #dispatchers = new Map<string, Dispatcher>();

  constructor(private readonly factory: DispatcherFactory) {}

  get(origin: string): Dispatcher {
    let dispatcher = this.#dispatchers.get(origin);
    if (!dispatcher) {
      dispatcher = this.factory(origin);
      this.#dispatchers.set(origin, dispatcher);
    }
    return dispatcher;
  }

  async close(): Promise<void> {
    const closing = [...new Set(this.#dispatchers.values())].map((dispatcher) => dispatcher.close());
    this.#dispatchers.clear();
    await Promise.allSettled(closing);
  }
}
