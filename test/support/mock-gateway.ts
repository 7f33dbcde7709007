import type { Logger } from 'pino';
import { MockAgent } from 'undici';
import type { CallerCredentials } from '../../src/auth/caller-credentials';
import type { ClientOptions } from '../../src/bitrix24/create-client';
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
 * Retries are off unless asked for, so that one intercepted answer is one outcome; `client` can hand the client
 * a sleep and a clock, so that retries and cooldowns run without real waits.
 */
export async function mockGateway(
  bitrix24: Bitrix24Settings = ACME_CONFIG,
  resilience: ResilienceSettings = testResilience({ retries: 0 }),
  client: Pick<ClientOptions, 'sleep' | 'clock'> = {},
): Promise<{ gateway: Gateway; agent: MockAgent }> {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const gateway = await buildGateway({
    ...client,
    bitrix24,
    logger: silentLogger,
    dispatcherFactory: () => agent,
    resilience,
  });
  return { gateway, agent };
}

/** Runs one operation through the gateway's Apollo Server and returns its single result. */
export async function executeSingle(
  gateway: Gateway,
  request: { query: string; variables?: Record<string, unknown> },
  caller: CallerCredentials = {},
  log: Logger = silentLogger,
) {
  const response = await gateway.apollo.executeOperation(request, { contextValue: { caller, log } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}
