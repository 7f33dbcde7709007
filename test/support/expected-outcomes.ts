/** The answer to PLUS on message `id` of an emulator (on 127.0.0.1, any port, unless told) not liked before. */
export function likedOnLocalEmulator(
  id: string,
  portal: unknown = expect.stringMatching(/^127\.0\.0\.1:\d+$/),
) {
  return {
    data: {
      likeMessage: {
        __typename: 'LikeMessageSuccess',
        liked: true,
        action: 'PLUS',
        message: { portal, id },
      },
    },
  };
}

/** The LikeUnchangedError a client's selection (schema/operations) reads, written out from the contract. */
export function unchangedLike<Action extends string>(portal: string, id: string, action: Action) {
  return {
    __typename: 'LikeUnchangedError' as const,
    action,
    message: { portal, id },
    code: 'WITHOUT_CHANGES',
    description:
      'Nothing changed: the like was already in that state, the caller has another reaction on the message, ' +
      'or the message does not exist or is not visible to the caller (Bitrix24 does not say which)',
  };
}

/** The whole result of the likeMessage operation (schema/operations) when the field fails with one error. */
export function likeMessageError(message: string, extensions: object) {
  return {
    data: null,
    errors: [{ message, locations: [{ line: 2, column: 3 }], path: ['likeMessage'], extensions }],
  };
}
