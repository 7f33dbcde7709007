import { registerEnumType } from 'type-graphql';

export enum LikeAction {
  PLUS = 'PLUS',
  MINUS = 'MINUS',
  AUTO = 'AUTO',
}

registerEnumType(LikeAction, {
  name: 'LikeAction',
  description: 'What to do with the caller\'s "like" on a message.',
  valuesConfig: {
    PLUS: { description: 'Set the like. Idempotent: safe to retry, and the result tells the new state.' },
    MINUS: { description: 'Remove the like. Idempotent: safe to retry, and the result tells the new state.' },
    AUTO: {
      description:
        "Toggle the like (Bitrix24's default). Not idempotent: sending it twice undoes it, and the resulting " +
        'state is not reported. Prefer PLUS or MINUS.',
    },
  },
});

/** The ACTION value Bitrix24 expects; nothing else is ever sent, since Bitrix24 treats unknown values as a toggle. */
export const BITRIX24_LIKE_ACTION = {
  [LikeAction.PLUS]: 'plus',
  [LikeAction.MINUS]: 'minus',
  [LikeAction.AUTO]: 'auto',
} as const;
