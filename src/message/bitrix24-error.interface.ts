import { Field, InterfaceType } from 'type-graphql';

@InterfaceType('Bitrix24Error', {
  description:
    'An error Bitrix24 reported for the operation, returned as data so clients can handle it by type.',
})
export abstract class Bitrix24Error {
  @Field(() => String, { description: 'The error code, as Bitrix24 names it.' })
  code!: string;

  @Field(() => String, { description: 'What happened, in readable English.' })
  description!: string;
}
