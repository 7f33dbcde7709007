import { phpIntval } from '../php-intval';
import { LIKE_REACTION } from '../reactions';
import type { MethodCall, MethodResult } from './method-types';
import { failure } from './method-types';

type LikeAction = 'plus' | 'minus' | 'auto';

/**
 * im.message.like as the im module implements it: `ID` is an alias of MESSAGE_ID, the id goes
 * through intval, an unknown ACTION silently becomes a toggle, and every refusal after validation
 * (no such message, not a chat member, already in that state) is the same WITHOUT_CHANGES.
 *
 * CIMMessenger::Like decides on params.LIKE, which lists users with ANY reaction: a caller with, say,
 * `redHeart` counts as liking, so PLUS changes nothing and MINUS or AUTO take them off the list while
 * their `redHeart` stays (ReactionService::deleteReaction('like') finds no like to delete).
 */
export function imMessageLike({ userId, params, state, options }: MethodCall): MethodResult {
  const messageId = phpIntval(params.MESSAGE_ID ?? params.ID);
  if (messageId <= 0n) return failure(options.legacyParamsError ? 'PARAMS_ERROR' : 'MESSAGE_ID_ERROR');
  if (!state.isMemberOfMessageChat(messageId, userId)) return failure('WITHOUT_CHANGES');
  const listed = state.isLiked(messageId, userId);
  const wanted = targetState(readAction(params.ACTION), listed);
  if (wanted === listed) return failure('WITHOUT_CHANGES');
  state.setLike(messageId, userId, wanted);
  if (wanted) state.setReaction(messageId, userId, LIKE_REACTION);
  else if (state.reactionOf(messageId, userId) === LIKE_REACTION)
    state.setReaction(messageId, userId, undefined);
  return { ok: true, result: true, applied: true };
}

function readAction(value: unknown): LikeAction {
  const action = typeof value === 'string' ? value.toLowerCase() : '';
  return action === 'plus' || action === 'minus' ? action : 'auto';
}

function targetState(action: LikeAction, liked: boolean): boolean {
  if (action === 'plus') return true;
  if (action === 'minus') return false;
  return !liked;
}
