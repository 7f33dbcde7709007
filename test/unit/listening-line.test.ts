import { gatewayConfigOf } from '../../src/config';
import { listeningText } from '../../src/startup/listening-line';
import { emulatorConfig as settings } from '../support/running-gateway';

const emulatorConfig = (webhook: string | null, portals: string[]) =>
  gatewayConfigOf({ bitrix24: settings(webhook, portals) }).bitrix24;

const EMULATOR = 'http://127.0.0.1:4100';
const WEBHOOK = `${EMULATOR}/rest/1/c0de/`;

describe('the listening line', () => {
  it.each([
    [emulatorConfig(null, []), 'embedded Bitrix24 emulator'],
    [emulatorConfig(WEBHOOK, []), 'webhook of 127.0.0.1:4100'],
    [
      emulatorConfig(null, [EMULATOR, 'acme.bitrix24.com']),
      'per-user portals 127.0.0.1:4100, acme.bitrix24.com',
    ],
    [emulatorConfig(WEBHOOK, [EMULATOR]), 'webhook of 127.0.0.1:4100; per-user portals 127.0.0.1:4100'],
  ])('names the GraphQL URL and the mode (%#)', (bitrix24, mode) => {
    expect(listeningText(bitrix24, '/graphql')('http://127.0.0.1:4000')).toBe(
      `GraphQL API listening at http://127.0.0.1:4000/graphql (${mode})`,
    );
  });

  it('never shows the webhook path, which holds its secret code', () => {
    expect(listeningText(emulatorConfig(WEBHOOK, []), '/graphql')('http://0.0.0.0:4000')).not.toContain(
      'c0de',
    );
  });
});
