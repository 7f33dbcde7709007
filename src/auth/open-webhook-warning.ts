import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';

/**
 * Webhook mode acts as one Bitrix24 user for every caller. In production, with neither API keys nor a
 * router secret, anyone who can reach the gateway is that user: worth saying at start.
 */
export function warnAboutOpenWebhook(config: GatewayConfig, logger: Logger): void {
  if (!config.production || !config.bitrix24.webhook) return;
  if (config.security.apiKeys.length > 0 || config.routerSecret) return;
  logger.warn(
    { portal: config.bitrix24.webhook.host },
    'BITRIX24_WEBHOOK_URL is set without GATEWAY_API_KEYS or ROUTER_SECRET: every caller that reaches the ' +
      "gateway acts as the webhook's Bitrix24 user",
  );
}
