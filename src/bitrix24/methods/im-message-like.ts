import type { Bitrix24Command, Bitrix24Method } from '../method';

export type LikeMessageAction = 'plus' | 'minus' | 'auto';

export interface LikeMessageParams {
  /** A canonical positive decimal integer, as text: Bitrix24 runs it through PHP's intval. */
  readonly MESSAGE_ID: string;
  readonly ACTION: LikeMessageAction;
}

/** `im.message.like`: sets (plus), removes (minus) or toggles (auto) the caller's like; answers `true`. */
export const IM_MESSAGE_LIKE: Bitrix24Method<LikeMessageParams> = {
  name: 'im.message.like',
  // A toggle sent twice undoes itself.
  idempotent: (params) => params.ACTION !== 'auto',
  acceptsResult: (result) => result === true,
  // PARAMS_ERROR is what older im module builds answer instead of MESSAGE_ID_ERROR.
  refusals: new Set(['WITHOUT_CHANGES', 'MESSAGE_ID_ERROR', 'PARAMS_ERROR']),
};

export function likeMessageCommand(
  messageId: string,
  action: LikeMessageAction,
): Bitrix24Command<LikeMessageParams> {
  return { method: IM_MESSAGE_LIKE, params: { MESSAGE_ID: messageId, ACTION: action } };
}
