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

export function registerHealthRoutes(app: FastifyInstance, readiness: Readiness): void {
  // Liveness stays cheap and independent of Bitrix24: a slow portal must not get the process restarted.
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (readiness.ready) return { status: 'ready' };
    return reply.code(503).send({ status: 'draining' });
  });
}
