import type { Logger } from 'pino';
import type { HttpConfig } from '../config';
import type { Gateway } from '../server';

interface Closable {
  close(): Promise<void>;
}

/**
 * On SIGTERM or SIGINT: /readyz turns 503, the listener stays open for the shutdown delay (so load balancers
 * stop sending first), in-flight requests get the grace period, then the rest closes and the process exits.
 */
export function stopOnSignals(
  gateway: Gateway,
  others: ReadonlyArray<Closable | null>,
  { logger, http }: { readonly logger: Logger; readonly http: HttpConfig },
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: http.shutdownGraceMs }, 'shutting down: finishing in-flight requests');
    gateway.readiness.drain();
    await new Promise((resolve) => setTimeout(resolve, http.shutdownDelayMs));
    // The gateway cuts connections after the grace period; this only guards against a close that hangs.
    setTimeout(() => {
      logger.error('shutdown did not complete; exiting');
      process.exit(1);
    }, http.shutdownGraceMs + 5_000).unref();
    await gateway.close();
    await Promise.all(others.map((other) => other?.close()));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
