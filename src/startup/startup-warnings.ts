import type { Logger } from 'pino';
import { isLoopbackHost } from '../bitrix24/portal';
import type { GatewayConfig } from '../config';

/** A setting that works but that an operator would likely not want, said once at start. */
interface StartupWarning {
  readonly portal: string;
  readonly message: string;
}

/** Every warning the configuration deserves, all decided here. */
export function startupWarnings(config: GatewayConfig): StartupWarning[] {
  return [plainHttpWebhook(config), openWebhook(config)].filter((warning) => warning !== null);
}

export function logStartupWarnings(config: GatewayConfig, logger: Pick<Logger, 'warn'>): void {
  for (const { portal, message } of startupWarnings(config)) logger.warn({ portal }, message);
}

function plainHttpWebhook({ bitrix24: { webhook } }: GatewayConfig): StartupWarning | null {
  if (!webhook?.origin.startsWith('http:') || isLoopbackHost(new URL(webhook.origin).hostname)) return null;
  return {
    portal: webhook.host,
    message: 'BITRIX24_WEBHOOK_URL uses plain http: the webhook secret crosses the network unencrypted',
  };
}

/**
 * Webhook mode acts as one Bitrix24 user for every caller. In production, with neither API keys nor a
 * router secret, anyone who can reach the gateway is that user.
 */
function openWebhook({ production, bitrix24: { webhook }, security }: GatewayConfig): StartupWarning | null {
  if (!production || !webhook) return null;
  if (security.apiKeys.length > 0 || security.routerSecret) return null;
  return {
    portal: webhook.host,
    message:
      'BITRIX24_WEBHOOK_URL is set without GATEWAY_API_KEYS or ROUTER_SECRET: every caller that reaches the ' +
      "gateway acts as the webhook's Bitrix24 user",
  };
}
