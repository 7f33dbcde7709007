import type { Logger } from 'pino';
import type { CallerCredentials } from '../auth/caller-credentials';
import type { TargetResolver } from '../auth/target-resolver';
import type { Bitrix24Client } from '../bitrix24/bitrix24-client';
import { likeMessageCommand } from '../bitrix24/methods/im-message-like';
import { upstreamError } from '../errors/upstream-error';
import { BITRIX24_LIKE_ACTION, LikeAction } from './like-action.enum';
import { likeRefusal, messageIdError } from './like-message.refusals';
import { LikeMessageSuccess, type LikeMessageResult } from './like-message.result';
import { isCanonicalMessageId } from './message-id';
import { Message } from './message.entity';

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

  /** The like's answer; a failure that is not about this message is thrown as a client-facing error. */
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
    const outcome = await this.bitrix24.run(
      target,
      likeMessageCommand(messageId, BITRIX24_LIKE_ACTION[action]),
      {
        deadline: Date.now() + this.timeoutMs,
        log,
      },
    );
    if (outcome.ok)
      return Object.assign(new LikeMessageSuccess(), { message, action, liked: LIKED_AFTER[action] });
    const refusal = likeRefusal(outcome, message, action);
    if (refusal) return refusal;
    throw upstreamError(outcome);
  }
}
