import { parsePortalEntry, parseWebhookUrl } from '../../src/bitrix24/portal';
import { exampleHeaders } from '../../src/http/playground-example';
import { Secret } from '../../src/secret';

const webhook = parseWebhookUrl(new Secret('http://127.0.0.1:4100/rest/1/c0de/'));
const portals = ['http://127.0.0.1:4100', 'b24.example.com'].map(parsePortalEntry);

describe('the playground headers example', () => {
  it('names the embedded emulator, its demo token and its portal', () => {
    const bitrix24 = { webhook, portals: portals.slice(0, 1), useEmulator: true };
    expect(exampleHeaders({ bitrix24, production: false })).toBe(`{
  // To act as a Bitrix24 user, uncomment:
  // "Authorization": "Bearer demo-token-user-2",
  // "X-Bitrix24-Domain": "127.0.0.1:4100"
  // None needed: without them, the gateway calls
  // Bitrix24 through its webhook.
  // Authorization: the user's OAuth access token (an
  // app's AUTH_ID); the emulator takes demo-token-user-1..3.
  // X-Bitrix24-Domain: the user's portal (an app's DOMAIN)
  // as host[:port], optional when only one is allowed.
  // Allowed: 127.0.0.1:4100
}
`);
  });

  it('lists every allowed portal, and uses the first in the example', () => {
    const bitrix24 = { webhook: null, portals, useEmulator: false };
    expect(exampleHeaders({ bitrix24, production: false })).toBe(`{
  // To act as a Bitrix24 user, uncomment:
  // "Authorization": "Bearer <access token>",
  // "X-Bitrix24-Domain": "127.0.0.1:4100"
  // Authorization: the user's OAuth access token (an
  // app's AUTH_ID).
  // X-Bitrix24-Domain: the user's portal (an app's DOMAIN)
  // as host[:port], optional when only one is allowed.
  // Allowed: 127.0.0.1:4100, b24.example.com
}
`);
  });

  it('names no portal in production, where the page needs no API key', () => {
    const bitrix24 = { webhook: null, portals, useEmulator: false };
    expect(exampleHeaders({ bitrix24, production: true })).not.toMatch(/127\.0\.0\.1|b24\.example\.com/);
    expect(exampleHeaders({ bitrix24, production: true })).toContain(
      '// "X-Bitrix24-Domain": "<portal host>"',
    );
  });

  it('says what per-user calls need when only a webhook is configured', () => {
    const bitrix24 = { webhook, portals: [], useEmulator: false };
    expect(exampleHeaders({ bitrix24, production: false })).toBe(`{
  // None needed: without them, the gateway calls
  // Bitrix24 through its webhook.
  // Per-user calls (a bearer token) need BITRIX24_PORTALS.
}
`);
  });
});
