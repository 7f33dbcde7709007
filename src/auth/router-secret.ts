import { RouterUnauthenticatedError } from '../errors/gateway-errors';
import type { Secret } from '../secret';
import { SecretMatcher } from './secret-matcher';

/** The header a router sends with ROUTER_SECRET as its value. */
export const ROUTER_AUTHORIZATION = 'router-authorization';

/** Lets through only requests that carry ROUTER_SECRET, so a subgraph behind a router is not reachable around it. */
export class RouterSecret {
  readonly #matcher: SecretMatcher;

  constructor(secret: Secret) {
    this.#matcher = new SecretMatcher([secret]);
  }

  /** Throws UNAUTHENTICATED unless the header is exactly the secret; a repeated header never matches. */
  assertSentBy(header: string | string[] | undefined): void {
    if (!this.#matcher.matches(header)) throw new RouterUnauthenticatedError();
  }
}
