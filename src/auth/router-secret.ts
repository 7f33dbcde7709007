import { createHash, timingSafeEqual } from 'node:crypto';
import { RouterUnauthenticatedError } from '../errors/gateway-errors';
import type { Secret } from '../secret';

/** The header a router sends with ROUTER_SECRET as its value. */
export const ROUTER_AUTHORIZATION = 'router-authorization';

/** Lets through only requests that carry ROUTER_SECRET, so a subgraph behind a router is not reachable around it. */
export class RouterSecret {
  readonly #digest: Buffer;

  constructor(secret: Secret) {
    this.#digest = sha256(secret.reveal());
  }

  /** Throws UNAUTHENTICATED unless the header is exactly the secret; a repeated header never matches. */
  assertSentBy(header: string | string[] | undefined): void {
    // Comparing digests gives both sides one length, so the time taken reveals neither the secret nor its length.
    if (typeof header !== 'string' || !timingSafeEqual(sha256(header), this.#digest)) {
      throw new RouterUnauthenticatedError();
    }
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
