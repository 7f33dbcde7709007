import { Pool, type Dispatcher } from 'undici';
import { guardedConnectOptions } from './address-guard';

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
    const closing = [...this.#dispatchers.values()].map((dispatcher) => dispatcher.close());
    this.#dispatchers.clear();
    await Promise.allSettled(closing);
  }
}
