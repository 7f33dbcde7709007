/**
 * Every answer to `likeMessage`, as an app decides on it: the three members of the result union, and a
 * top-level error read by its `extensions.code` and `extensions.outcome`.
 */
export type LikeResult =
  /** Bitrix24 applied it; `liked` is the new state, or null after AUTO (Bitrix24 does not report it). */
  | { readonly kind: 'applied'; readonly liked: boolean | null }
  /** Nothing changed: already in that state, or the message does not exist or is not visible. */
  | { readonly kind: 'unchanged' }
  /** The id is not one Bitrix24 can have: fix the input, do not retry. */
  | { readonly kind: 'invalid-id'; readonly description: string }
  | LikeFailure;

/** A top-level GraphQL error, or no answer at all. */
export interface LikeFailure {
  readonly kind: 'failed';
  /** `extensions.code`, e.g. RATE_LIMITED or UNAUTHENTICATED; NETWORK_ERROR when no answer came. */
  readonly code: string;
  /**
   * NOT_APPLIED: safe to send again (after `retryAfter` seconds, when given). UNKNOWN: it may have been
   * applied, so read the state before sending again. Null for errors raised before Bitrix24 was called.
   */
  readonly outcome: 'NOT_APPLIED' | 'UNKNOWN' | null;
  readonly retryAfter: number | null;
  readonly message: string;
}
