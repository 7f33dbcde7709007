/** The operation the playground opens with: it runs as is, and its selection covers every outcome. */
export const EXAMPLE_OPERATION = `# Sets (PLUS), removes (MINUS) or toggles (AUTO) your
# like on a chat message. Press the run button (Ctrl-Enter).
#
# Without credentials the gateway calls Bitrix24 through
# its webhook: on the embedded emulator as user 1, whose
# chat holds messages 1 to 10. To act as another user,
# fill in the Headers tab. Docs (top left) explains it all.
mutation LikeMessage($id: ID!, $action: LikeAction = PLUS) {
  likeMessage(messageId: $id, action: $action) {
    __typename
    ... on LikeMessageSuccess {
      liked
      message {
        portal
        id
      }
    }
    ... on LikeUnchangedError {
      message {
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

// Ids travel as strings: 18-digit Bitrix24 ids do not survive a JSON number.
export const EXAMPLE_VARIABLES = `{
  "id": "1",
  "action": "PLUS"
}
`;

// GraphiQL reads the headers editor as JSON with comments, so the explanation can live right there.
export const EXAMPLE_HEADERS = `{
  // None needed with a webhook or on the embedded emulator.
  // To act as a Bitrix24 user (BITRIX24_PORTALS):
  // Authorization: the user's OAuth access token (an
  // app's AUTH_ID); the emulator takes demo-token-user-1..3.
  // X-Bitrix24-Domain: the user's portal (an app's DOMAIN),
  // optional when only one portal is allowed.
  // "Authorization": "Bearer demo-token-user-2",
  // "X-Bitrix24-Domain": "acme.bitrix24.com"
}
`;
