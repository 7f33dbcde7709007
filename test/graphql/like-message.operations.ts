/** The operation a client writes: every outcome of the union in one selection. */
export const LIKE_MESSAGE = /* GraphQL */ `
  mutation LikeMessage($id: ID!, $action: LikeAction) {
    likeMessage(messageId: $id, action: $action) {
      __typename
      ... on LikeMessageSuccess {
        liked
        action
        message {
          portal
          id
        }
      }
      ... on LikeUnchangedError {
        action
        message {
          portal
          id
        }
      }
      ... on Bitrix24Error {
        code
        description
      }
    }
  }
`;
