import type { CommandFailed } from '../bitrix24/command-outcome';
import { IM_MESSAGE_LIKE } from '../bitrix24/methods/im-message-like';
import type { LikeAction } from './like-action.enum';
import { LikeUnchangedError, MessageIdError, type LikeMessageResult } from './like-message.result';
import type { Message } from './message.entity';

type Refusal = (message: Message, action: LikeAction) => LikeMessageResult;

const UNCHANGED =
  'Nothing changed: the like was already in that state, the caller has another reaction on the message, ' +
  'or the message does not exist or is not visible ' +
  'to the caller (Bitrix24 does not say which)';

const rejectedId: Refusal = () => messageIdError('Bitrix24 rejected the message id');

/** The answers of im.message.like's own refusal codes: members of the result union, not errors. */
const LIKE_REFUSALS: Readonly<Record<string, Refusal>> = {
  WITHOUT_CHANGES: (message, action) =>
    Object.assign(new LikeUnchangedError(), {
      code: 'WITHOUT_CHANGES',
      description: UNCHANGED,
      message,
      action,
    }),
  MESSAGE_ID_ERROR: rejectedId,
  PARAMS_ERROR: rejectedId,
};

/** By method, what each refusal answers; a method's feature declares its own. */
const REFUSALS_BY_METHOD: ReadonlyMap<string, Readonly<Record<string, Refusal>>> = new Map([
  [IM_MESSAGE_LIKE.name, LIKE_REFUSALS],
]);

/** The union member a refused like answers, or undefined when the failure is not a refusal of the like. */
export function likeRefusal(
  failed: CommandFailed,
  message: Message,
  action: LikeAction,
): LikeMessageResult | undefined {
  if (failed.category !== 'refused' || failed.failure.kind !== 'error-response') return undefined;
  return REFUSALS_BY_METHOD.get(failed.method)?.[failed.failure.code.toUpperCase()]?.(message, action);
}

export function messageIdError(description: string): MessageIdError {
  return Object.assign(new MessageIdError(), { code: 'MESSAGE_ID_ERROR', description });
}
