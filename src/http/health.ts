import type { FastifyInstance } from 'fastify';

/** Readiness turns false when shutdown begins, so load balancers stop routing before connections close. */
export class Readiness {
  #ready = true;

  get ready(): boolean {
    return this.#ready;
  }

  drain(): void {
    this.#ready = false;
  }
}

/** With REDIS_URL: whether this replica takes its Bitrix24 slots from the shared buckets right now. */
export interface LimiterSharing {
  readonly shared: boolean;
}

export function registerHealthRoutes(
  app: FastifyInstance,
  readiness: Readiness,
  sharing?: LimiterSharing,
): void {
  // Liveness stays cheap and independent of Bitrix24: a slow portal must not get the process restarted.
  app.get('/healthz', async () => ({ status: 'ok' }));
  // Redis down never makes a replica unready: every replica would turn unready at once, and Redis would take
  // the service down. Each then paces calls with its share of the budget; the body says so.
  const limiter = () => (sharing ? { limiter: sharing.shared ? 'shared' : 'fallback' } : {});
  app.get('/readyz', async (_request, reply) => {
    if (readiness.ready) return { status: 'ready', ...limiter() };
    return reply.code(503).send({ status: 'draining', ...limiter() });
  });
}
