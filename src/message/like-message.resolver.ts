import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context';
import { LikeMessageArgs } from './like-message.args';
import { LikeMessageResult } from './like-message.result';
import type { LikeMessageService } from './like-message.service';

@Resolver()
export class LikeMessageResolver {
  constructor(private readonly likes: LikeMessageService) {}

  @Mutation(() => LikeMessageResult, {
    description:
      "Sets, removes or toggles the caller's like on a message (Bitrix24 im.message.like). Prefer PLUS or MINUS: " +
      'they are idempotent and report the new state.',
  })
  likeMessage(
    @Args(() => LikeMessageArgs) { messageId, action }: LikeMessageArgs,
    @Ctx() context: GatewayContext,
  ): Promise<LikeMessageResult> {
    return this.likes.likeMessage(context.caller, messageId, action, context.log);
  }
}
