import type { Bitrix24Config } from '../config';

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

/** What the headers example may say of the gateway's set-up. */
export interface HeadersExampleSetup {
  readonly bitrix24: Pick<Bitrix24Config, 'webhook' | 'portals' | 'useEmulator'>;
  /** In production the page (served without an API key) names no portal, as the FORBIDDEN message does not. */
  readonly production: boolean;
}

/**
 * The Headers tab: how to act as a Bitrix24 user, with a portal this gateway allows, so that uncommenting the
 * example works. GraphiQL reads the editor as JSON with comments, so the explanation can live right there.
 */
export function exampleHeaders({ bitrix24, production }: HeadersExampleSetup): string {
  const hosts = bitrix24.portals.map((portal) => portal.host);
  // The lines to uncomment come first: the editor shows only its first few lines until scrolled.
  const lines = [
    ...(hosts.length === 0 ? [] : userExample(hosts, bitrix24.useEmulator, production)),
    ...(bitrix24.webhook
      ? ['// None needed: without them, the gateway calls', '// Bitrix24 through its webhook.']
      : []),
    ...(hosts.length === 0
      ? ['// Per-user calls (a bearer token) need BITRIX24_PORTALS.']
      : userExplanation(hosts, bitrix24.useEmulator, production)),
  ];
  return `{\n${lines.map((line) => `  ${line}\n`).join('')}}\n`;
}

function userExample(hosts: readonly string[], emulator: boolean, production: boolean): string[] {
  return [
    '// To act as a Bitrix24 user, uncomment:',
    `// "Authorization": "Bearer ${emulator ? 'demo-token-user-2' : '<access token>'}",`,
    `// "X-Bitrix24-Domain": "${production ? '<portal host>' : hosts[0]}"`,
  ];
}

function userExplanation(hosts: readonly string[], emulator: boolean, production: boolean): string[] {
  return [
    "// Authorization: the user's OAuth access token (an",
    emulator ? "// app's AUTH_ID); the emulator takes demo-token-user-1..3." : "// app's AUTH_ID).",
    "// X-Bitrix24-Domain: the user's portal (an app's DOMAIN)",
    '// as host[:port], optional when only one is allowed.',
    ...(production ? [] : [`// Allowed: ${hosts.join(', ')}`]),
  ];
}
