import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context';
import { LikeInput } from './like-input';
import { LikeMessageArgs } from './like-message.args';
import { LikeMessageResult } from './like-message.result';
import type { LikeMessageService } from './like-message.service';
import { roundedItemIds, roundedMessageId } from './rounded-ids';

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
    @Info() info: GraphQLResolveInfo,
  ): Promise<LikeMessageResult> {
    const rounded = roundedMessageId(info.fieldNodes[0] as FieldNode, context.sentVariables ?? {});
    return this.likes.likeMessage(context.caller, { messageId, action, rounded }, context.log);
  }

  // An item that fails the way likeMessage would fail is returned as its error (not thrown): graphql-js makes it
  // a null item with its own located error, and the answers of the other likes are kept.
  @Mutation(() => [LikeMessageResult], {
    nullable: 'items',
    description:
      'Several likes at once, answered in input order; they reach Bitrix24 together, 50 per batch request. An item ' +
      'whose like fails as likeMessage would fail with a top-level error is null, with that error at its path.',
  })
  likeMessages(
    @Arg('likes', () => [LikeInput]) likes: LikeInput[],
    @Ctx() context: GatewayContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Array<LikeMessageResult | Error>> {
    const rounded = roundedItemIds(info.fieldNodes[0] as FieldNode, context.sentVariables ?? {});
    const requests = likes.map(({ messageId, action }, index) => ({
      messageId,
      action,
      rounded: rounded[index],
    }));
    return this.likes.likeMessages(context.caller, requests, context.log);
  }
}
