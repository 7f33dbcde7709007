import type { Logger } from 'pino';
import type { CallerCredentials } from '../auth/caller-credentials';
import type { TargetResolver } from '../auth/target-resolver';
import type { Bitrix24Client } from '../bitrix24/bitrix24-client';
import type { CommandOutcome } from '../bitrix24/command-outcome';
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

/** One like as the caller asked for it. */
export interface LikeRequest {
  readonly messageId: string;
  readonly action: LikeAction;
  /** The id came as a JSON number too large to be exact: JSON parsing already turned it into another id. */
  readonly rounded?: boolean;
}

const NOT_CANONICAL = 'messageId must be a positive decimal integer of at most 18 digits, sent as a string';
const ROUNDED =
  'messageId was sent as a JSON number too large to be exact, so it no longer names the message meant: ' +
  'send it as a string';

/** Why an id is never sent to Bitrix24, or undefined when it may be. */
function idProblem({ messageId, rounded }: LikeRequest): string | undefined {
  if (rounded) return ROUNDED;
  return isCanonicalMessageId(messageId) ? undefined : NOT_CANONICAL;
}

export class LikeMessageService {
  constructor(
    private readonly targets: TargetResolver,
    private readonly bitrix24: Bitrix24Client,
    private readonly timeoutMs: number,
  ) {}

  /** The like's answer; a failure that is not about this message is thrown as a client-facing error. */
  async likeMessage(caller: CallerCredentials, like: LikeRequest, log: Logger): Promise<LikeMessageResult> {
    const target = this.targets.resolve(caller);
    const problem = idProblem(like);
    if (problem) return messageIdError(problem);
    const outcome = await this.bitrix24.run(target, commandOf(like), this.options(log));
    const answer = answerOf(outcome, Message.of(target.portal, like.messageId), like.action);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  /** Every like's answer in input order, the valid ones sent together; an item's error is returned, not thrown. */
  async likeMessages(
    caller: CallerCredentials,
    likes: readonly LikeRequest[],
    log: Logger,
  ): Promise<Array<LikeMessageResult | Error>> {
    const target = this.targets.resolve(caller);
    const valid = likes.filter((like) => idProblem(like) === undefined);
    const outcomes =
      valid.length > 0 ? await this.bitrix24.runAll(target, valid.map(commandOf), this.options(log)) : [];
    return likes.map((like) => {
      const index = valid.indexOf(like);
      if (index < 0) return messageIdError(idProblem(like) as string);
      return answerOf(
        outcomes[index] as CommandOutcome,
        Message.of(target.portal, like.messageId),
        like.action,
      );
    });
  }

  private options(log: Logger) {
    return { deadline: Date.now() + this.timeoutMs, log };
  }
}

const commandOf = ({ messageId, action }: LikeRequest) =>
  likeMessageCommand(messageId, BITRIX24_LIKE_ACTION[action]);

function answerOf(outcome: CommandOutcome, message: Message, action: LikeAction): LikeMessageResult | Error {
  if (outcome.ok)
    return Object.assign(new LikeMessageSuccess(), { message, action, liked: LIKED_AFTER[action] });
  return likeRefusal(outcome, message, action) ?? upstreamError(outcome);
}
