import { z } from 'zod';
import { flag, integer, port } from './values';

/** Where the gateway listens, what it shows browsers, and how it stops. */
export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  /** Port for /metrics, kept off the public listener; null when switched off. */
  readonly metricsPort: number | null;
  readonly metricsHost: string;
  /** How long shutdown waits for in-flight requests before closing their connections. */
  readonly shutdownGraceMs: number;
  /** How long /readyz answers 503 before the listener closes, so load balancers stop sending first. */
  readonly shutdownDelayMs: number;
  /** GraphiQL on `GET /graphql` for browsers: on unless in production. */
  readonly playground: boolean;
  /** Schema introspection: on unless in production. */
  readonly introspection: boolean;
}

/** The listeners and shutdown; the defaults that depend on other settings are filled in by the gateway schema. */
export const httpSchema = z
  .object({
    port: port.default(4000),
    host: z.string().min(1).default('0.0.0.0'),
    metricsPort: port.nullable().default(9464),
    /** The GraphQL listener's host when absent. */
    metricsHost: z.string().min(1).optional(),
    /** BITRIX24_TIMEOUT_MS plus 5 s when absent; must be longer, so in-flight calls can end. */
    shutdownGraceMs: integer(0, 600_000).optional(),
    shutdownDelayMs: integer(0, 600_000).default(0),
    playground: flag.optional(),
    introspection: flag.optional(),
  })
  .strict()
  .prefault({});
