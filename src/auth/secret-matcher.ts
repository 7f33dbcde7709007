import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../secret';

/**
 * Tells whether a presented value is one of some secrets, in constant time: digests give every value one
 * length, and every secret is compared, so the time taken reveals neither a secret, its length, nor which.
 */
export class SecretMatcher {
  readonly #digests: readonly Buffer[];

  constructor(secrets: readonly Secret[]) {
    this.#digests = secrets.map((secret) => sha256(secret.reveal()));
  }

  /** A repeated header (an array) never matches. */
  matches(presented: string | string[] | undefined): boolean {
    if (typeof presented !== 'string') return false;
    const digest = sha256(presented);
    let found = false;
    for (const candidate of this.#digests) found = timingSafeEqual(digest, candidate) || found;
    return found;
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
