import type { Logger } from 'pino';
import type { CallerCredentials } from './auth/caller-credentials';

/** Per-request GraphQL context: only what the request itself says, read once from its headers. */
export interface GatewayContext {
  readonly caller: CallerCredentials;
  /** The request's logger: every line it writes carries the request id. */
  readonly log: Logger;
  /**
   * The variables as the request body sent them, before GraphQL coerced them: only they show that an id was a
   * JSON number too large to be exact. Mutations come only by POST, so the parsed body is enough.
   */
  readonly sentVariables?: Readonly<Record<string, unknown>>;
}
