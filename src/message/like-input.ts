import { Field, ID, InputType } from 'type-graphql';
import { LikeAction } from './like-action.enum';

@InputType({ description: 'One like of likeMessages.' })
export class LikeInput {
  @Field(() => ID, {
    description: 'The Bitrix24 message id in decimal digits (1 to 18 of them), sent as a string.',
  })
  messageId!: string;

  @Field(() => LikeAction, { description: 'What to do; AUTO (the default) toggles.' })
  action: LikeAction = LikeAction.AUTO;
}
