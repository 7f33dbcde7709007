import { ArgsType, Field, ID } from 'type-graphql';
import { LikeAction } from './like-action.enum';

@ArgsType()
export class LikeMessageArgs {
  @Field(() => ID, {
    description:
      'The Bitrix24 message id in decimal digits (1 to 18 of them). Send it as a string: large ids do not fit a JSON number.',
  })
  messageId!: string;

  @Field(() => LikeAction, { description: 'What to do; AUTO (the default) toggles.' })
  action: LikeAction = LikeAction.AUTO;
}
