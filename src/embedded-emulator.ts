import type { Logger } from 'pino';
import { parsePortalEntry, parseWebhookUrl } from './bitrix24/portal';
import type { Bitrix24Config } from './config';
import { startEmulator } from './emulator/emulator-server';
import { Secret } from './secret';

export interface EmbeddedEmulator {
  /** The Bitrix24 settings that point at the emulator: webhook of user 1, and the emulator as the one portal. */
  readonly bitrix24: Bitrix24Config;
  close(): Promise<void>;
}

/** Stands in for Bitrix24 when nothing is configured, so a fresh clone runs without any account. */
export async function startEmbeddedEmulator(
  config: Bitrix24Config,
  logger: Logger,
): Promise<EmbeddedEmulator> {
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  logger.info(
    { emulator: emulator.origin },
    'No BITRIX24_WEBHOOK_URL or BITRIX24_PORTALS set: using the embedded Bitrix24 emulator; requests without ' +
      'credentials act as emulator user 1 (the README lists its demo access tokens)',
  );
  return {
    bitrix24: {
      ...config,
      webhook: parseWebhookUrl(new Secret(emulator.webhookUrl(1))),
      portals: [parsePortalEntry(emulator.origin)],
    },
    close: () => emulator.close(),
  };
}
