import { MockAgent } from 'undici';
import { buildGateway, type Gateway } from '../../src/server';
import type { ResilienceSettings } from '../../src/bitrix24/resilience-settings';
import { testResilience } from './resilience';
import type { Bitrix24Settings } from './running-gateway';
import { silentLogger } from './silent-logger';
import { PORTAL_ORIGIN, WEBHOOK_PATH } from './targets';

/** Bitrix24 settings for acme.bitrix24.com in both credential modes. */
export const ACME_CONFIG: Bitrix24Settings = {
  webhook: `${PORTAL_ORIGIN}${WEBHOOK_PATH}`,
  portals: ['acme.bitrix24.com'],
  timeoutMs: 2_000,
};

/**
 * A whole gateway whose Bitrix24 transport is an undici MockAgent that refuses real connections.
 * Retries are off unless asked for, so that one intercepted answer is one outcome.
 */
export async function mockGateway(
  bitrix24: Bitrix24Settings = ACME_CONFIG,
  resilience: ResilienceSettings = testResilience({ retries: 0 }),
): Promise<{ gateway: Gateway; agent: MockAgent }> {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const gateway = await buildGateway({
    bitrix24,
    logger: silentLogger,
    dispatcherFactory: () => agent,
    resilience,
  });
  return { gateway, agent };
}
