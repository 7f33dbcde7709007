import type { Logger } from 'pino';
import type { CallerCredentials } from './auth/caller-credentials';

/** Per-request GraphQL context: only what the request itself says, read once from its headers. */
export interface GatewayContext {
  readonly caller: CallerCredentials;
  /** The request's logger: every line it writes carries the request id. */
  readonly log: Logger;
}
