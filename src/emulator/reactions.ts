import type { EmulatorState } from './emulator-state';

/** The reaction im.message.like records (ReactionItem::LIKE). */
export const LIKE_REACTION = 'like';

/**
 * ReactionService::addReaction: a user keeps one reaction per message, so a new one replaces the old,
 * and the user joins the message's params.LIKE (its legacy list of users with any reaction).
 */
export function addReaction(state: EmulatorState, messageId: bigint, userId: number, reaction: string): void {
  state.setReaction(messageId, userId, reaction);
  state.setLike(messageId, userId, true);
}

/** ReactionService::deleteReaction: with no reaction left, the user leaves params.LIKE too. */
export function removeReaction(state: EmulatorState, messageId: bigint, userId: number): void {
  state.setReaction(messageId, userId, undefined);
  state.setLike(messageId, userId, false);
}
