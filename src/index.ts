import 'reflect-metadata';
import { warnAboutOpenWebhook } from './auth/open-webhook-warning';
import { ConfigError, configSecrets, loadConfig, type GatewayConfig } from './config';
import { startEmbeddedEmulator } from './embedded-emulator';
import { createLogger } from './logger';
import { buildGateway } from './server';
import { isLoopbackHost } from './bitrix24/portal';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel, undefined, configSecrets(config));
  const emulator = config.bitrix24.useEmulator ? await startEmbeddedEmulator(config.bitrix24, logger) : null;
  const bitrix24 = emulator?.bitrix24 ?? config.bitrix24;
  warnAboutPlainHttp(config, logger);
  warnAboutOpenWebhook(config, logger);

  const gateway = await buildGateway({
    bitrix24,
    logger,
    production: config.production,
    security: config.security,
  });
  await gateway.app.listen({ port: config.port, host: config.host });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await gateway.close();
    await emulator?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function readConfigOrExit(): GatewayConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
}

function warnAboutPlainHttp(config: GatewayConfig, logger: ReturnType<typeof createLogger>): void {
  const webhook = config.bitrix24.webhook;
  if (webhook && webhook.origin.startsWith('http:') && !isLoopbackHost(new URL(webhook.origin).hostname)) {
    logger.warn(
      { portal: webhook.host },
      'BITRIX24_WEBHOOK_URL uses plain http: the webhook secret crosses the network unencrypted',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
