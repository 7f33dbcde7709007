import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "portal id")')
@ObjectType({
  description:
    'A Bitrix24 chat message. Message ids are unique only within a portal, so the portal is part of its key.',
})
export class Message {
  @Field(() => String, { description: 'Host of the portal the message lives on, e.g. "acme.bitrix24.com".' })
  portal!: string;

  @Field(() => ID, { description: 'The Bitrix24 message id, as given by the caller (decimal digits).' })
  id!: string;

  static of(portal: string, id: string): Message {
    return Object.assign(new Message(), { portal, id });
  }
}
