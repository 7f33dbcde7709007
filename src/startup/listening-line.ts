import type { Bitrix24Config } from '../config';

/**
 * The line Fastify logs for each address it listens on (one per interface for 0.0.0.0), made to say what to
 * open and how the gateway reaches Bitrix24: `GraphQL API listening at http://127.0.0.1:4000/graphql (embedded
 * Bitrix24 emulator)`. Host names only: the webhook's path is a secret.
 */
export function listeningText(bitrix24: Bitrix24Config, path: string): (address: string) => string {
  const mode = modeOf(bitrix24);
  return (address) => `GraphQL API listening at ${address}${path} (${mode})`;
}

function modeOf({ useEmulator, webhook, portals }: Bitrix24Config): string {
  if (useEmulator) return 'embedded Bitrix24 emulator';
  const modes = [
    webhook ? `webhook of ${webhook.host}` : undefined,
    portals.length > 0 ? `per-user portals ${portals.map((portal) => portal.host).join(', ')}` : undefined,
  ];
  return modes.filter((mode) => mode !== undefined).join('; ');
}
