import type { Logger } from 'pino';
import type { CallerCredentials } from '../auth/caller-credentials';
import type { TargetResolver } from '../auth/target-resolver';
import { Bitrix24CallError } from '../bitrix24/bitrix24-call-error';
import type { Bitrix24Client } from '../bitrix24/bitrix24-client';
import { mappingFor } from '../errors/bitrix24-error-table';
import { toGatewayError } from '../errors/to-gateway-error';
import { BITRIX24_LIKE_ACTION, LikeAction } from './like-action.enum';
import { isCanonicalMessageId } from './message-id';
import { Message } from './message.entity';
import {
  LikeMessageSuccess,
  LikeUnchangedError,
  MessageIdError,
  type LikeMessageResult,
} from './like-message.result';

const LIKED_AFTER: Record<LikeAction, boolean | null> = {
  [LikeAction.PLUS]: true,
  [LikeAction.MINUS]: false,
  [LikeAction.AUTO]: null,
};

export class LikeMessageService {
  constructor(
    private readonly targets: TargetResolver,
    private readonly bitrix24: Bitrix24Client,
    private readonly timeoutMs: number,
  ) {}

  async likeMessage(
    caller: CallerCredentials,
    messageId: string,
    action: LikeAction,
    log: Logger,
  ): Promise<LikeMessageResult> {
    const target = this.targets.resolve(caller);
    if (!isCanonicalMessageId(messageId)) {
      return messageIdError(
        'messageId must be a positive decimal integer of at most 18 digits, sent as a string',
      );
    }
    const message = Message.of(target.portal, messageId);
    try {
      await this.bitrix24.likeMessage(target, messageId, BITRIX24_LIKE_ACTION[action], {
        deadline: Date.now() + this.timeoutMs,
        log,
      });
      return Object.assign(new LikeMessageSuccess(), { message, action, liked: LIKED_AFTER[action] });
    } catch (error) {
      if (!(error instanceof Bitrix24CallError)) throw error;
      return this.resultFor(error, message, action);
    }
  }

  private resultFor(error: Bitrix24CallError, message: Message, action: LikeAction): LikeMessageResult {
    const mapping = mappingFor(error.failure);
    if ('error' in mapping) throw toGatewayError(mapping, error);
    if (mapping.result === 'MESSAGE_ID_ERROR') return messageIdError('Bitrix24 rejected the message id');
    return Object.assign(new LikeUnchangedError(), {
      code: 'WITHOUT_CHANGES',
      description:
        'Nothing changed: the like was already in that state, or the message does not exist or is not visible ' +
        'to the caller (Bitrix24 does not say which)',
      message,
      action,
    });
  }
}

function messageIdError(description: string): MessageIdError {
  return Object.assign(new MessageIdError(), { code: 'MESSAGE_ID_ERROR', description });
}
