import {
  Arg,
  Field,
  ID,
  InterfaceType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  createUnionType,
  registerEnumType,
} from 'type-graphql';
import { BITRIX24_ACTION, type ServerEnv } from './server-env';

// The same types as the gateway's schema, written the way the type-graphql docs show.
export enum LikeAction {
  PLUS = 'PLUS',
  MINUS = 'MINUS',
  AUTO = 'AUTO',
}
registerEnumType(LikeAction, { name: 'LikeAction' });

@ObjectType()
export class Message {
  @Field(() => String)
  portal!: string;

  @Field(() => ID)
  id!: string;
}

@InterfaceType()
export abstract class Bitrix24Error {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  description!: string;
}

@ObjectType()
export class LikeMessageSuccess {
  @Field(() => Message)
  message!: Message;

  @Field(() => LikeAction)
  action!: LikeAction;

  @Field(() => Boolean, { nullable: true })
  liked!: boolean | null;
}

@ObjectType({ implements: Bitrix24Error })
export class MessageIdError extends Bitrix24Error {}

@ObjectType({ implements: Bitrix24Error })
export class LikeUnchangedError extends Bitrix24Error {
  @Field(() => Message)
  message!: Message;

  @Field(() => LikeAction)
  action!: LikeAction;
}

export const LikeMessageResult = createUnionType({
  name: 'LikeMessageResult',
  types: () => [LikeMessageSuccess, MessageIdError, LikeUnchangedError] as const,
});

export function likeMessageResolver(env: ServerEnv) {
  @Resolver()
  class LikeMessageResolver {
    @Query(() => String)
    ping(): string {
      return 'pong';
    }

    @Mutation(() => LikeMessageResult)
    async likeMessage(
      @Arg('messageId', () => ID) messageId: string,
      @Arg('action', () => LikeAction, { defaultValue: LikeAction.AUTO }) action: LikeAction,
    ): Promise<typeof LikeMessageResult> {
      const response = await fetch(`${env.upstream}${env.likePath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ MESSAGE_ID: messageId, ACTION: BITRIX24_ACTION[action] }),
      });
      const envelope = (await response.json()) as { result?: unknown };
      if (envelope.result !== true) throw new Error('Bitrix24 did not apply the like');
      return Object.assign(new LikeMessageSuccess(), {
        message: Object.assign(new Message(), { portal: env.portal, id: messageId }),
        action,
        liked: action === LikeAction.AUTO ? null : action === LikeAction.PLUS,
      });
    }
  }
  return LikeMessageResolver;
}
