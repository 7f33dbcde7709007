import { createUnionType, Field, ObjectType } from 'type-graphql';
import { Bitrix24Error } from './bitrix24-error.interface';
import { LikeAction } from './like-action.enum';
import { Message } from './message.entity';

@ObjectType({ description: 'Bitrix24 applied the action.' })
export class LikeMessageSuccess {
  @Field(() => Message, { description: 'The message the action was applied to.' })
  message!: Message;

  @Field(() => LikeAction, { description: 'The action that was applied.' })
  action!: LikeAction;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the caller now likes the message: true after PLUS, false after MINUS, null after AUTO ' +
      '(Bitrix24 does not report the state a toggle produced).',
  })
  liked!: boolean | null;
}

@ObjectType({
  implements: Bitrix24Error,
  description:
    'The message id is not a positive decimal integer (at most 18 digits). Code MESSAGE_ID_ERROR; nothing was sent ' +
    'to Bitrix24 when the gateway caught it itself.',
})
export class MessageIdError extends Bitrix24Error {}

@ObjectType({
  implements: Bitrix24Error,
  description:
    'Bitrix24 changed nothing (code WITHOUT_CHANGES): the like was already in the requested state, the caller has ' +
    'another reaction on the message (Bitrix24 counts any reaction as a like, so PLUS adds none), or the message ' +
    'does not exist or is not visible to the caller. Bitrix24 does not tell these cases apart.',
})
export class LikeUnchangedError extends Bitrix24Error {
  @Field(() => Message, { description: 'The message the action was aimed at.' })
  message!: Message;

  @Field(() => LikeAction, { description: 'The action that changed nothing.' })
  action!: LikeAction;
}

export const LikeMessageResult = createUnionType({
  name: 'LikeMessageResult',
  description: 'The outcome of likeMessage: success, or an error Bitrix24 reported about this message.',
  types: () => [LikeMessageSuccess, MessageIdError, LikeUnchangedError] as const,
});

export type LikeMessageResult = LikeMessageSuccess | MessageIdError | LikeUnchangedError;
