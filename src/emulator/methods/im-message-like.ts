import { phpIntval } from '../php-intval';
import type { MethodCall, MethodResult } from './method-types';
import { failure } from './method-types';

type LikeAction = 'plus' | 'minus' | 'auto';

/**
 * im.message.like as the im module implements it: `ID` is an alias of MESSAGE_ID, the id goes
 * through intval, an unknown ACTION silently becomes a toggle, and every refusal after validation
 * (no such message, not a chat member, already in that state) is the same WITHOUT_CHANGES.
 */
export function imMessageLike({ userId, params, state, options }: MethodCall): MethodResult {
  const messageId = phpIntval(params.MESSAGE_ID ?? params.ID);
  if (messageId <= 0n) return failure(options.legacyParamsError ? 'PARAMS_ERROR' : 'MESSAGE_ID_ERROR');
  if (!state.isMemberOfMessageChat(messageId, userId)) return failure('WITHOUT_CHANGES');
  const liked = state.isLiked(messageId, userId);
  const wanted = targetState(readAction(params.ACTION), liked);
  if (wanted === liked) return failure('WITHOUT_CHANGES');
  state.setLike(messageId, userId, wanted);
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
