import 'reflect-metadata';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { warnAboutOpenWebhook } from './auth/open-webhook-warning';
import { isLoopbackHost } from './bitrix24/portal';
import { ConfigError, configSecrets, loadConfig, type GatewayConfig } from './config';
import { startEmbeddedEmulator } from './embedded-emulator';
import { listenAs, type NamedListener } from './http/listen-error';
import { startMetricsServer, type MetricsServer } from './http/metrics-server';
import { createLogger } from './logger';
import { buildGateway } from './server';
import { listeningText } from './startup/listening-line';
import { checkPrivatePortals } from './startup/private-portals';

const GRAPHQL_LISTENER: NamedListener = { name: 'the GraphQL listener', portVariable: 'PORT' };
const METRICS_LISTENER: NamedListener = {
  name: 'the metrics listener',
  portVariable: 'METRICS_PORT',
  alternative: 'or to off',
};

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger(config.logLevel, undefined, configSecrets(config));
  await checkPrivatePortals(config.bitrix24, config.proxy, { logger }).catch(exitOnConfigError);
  const emulator = config.bitrix24.useEmulator ? await startEmbeddedEmulator(config.bitrix24, logger) : null;
  warnAboutPlainHttp(config, logger);
  warnAboutOpenWebhook(config, logger);

  const gateway = await buildGateway({
    bitrix24: emulator?.bitrix24 ?? config.bitrix24,
    logger,
    resilience: config.resilience,
    proxy: config.proxy,
    playground: config.playground,
    introspection: config.introspection,
    routerSecret: config.routerSecret,
    production: config.production,
    security: config.security,
    shutdownGraceMs: config.shutdownGraceMs,
    sharedBudget: config.sharedBudget,
  });
  const listenTextResolver = listeningText(config.bitrix24, '/graphql');
  await listenAs(GRAPHQL_LISTENER, () =>
    gateway.app.listen({ port: config.port, host: config.host, listenTextResolver }),
  );
  const metrics = await startMetrics(config, gateway.metrics.registry);
  if (metrics) logger.info({ url: metrics.url }, 'metrics listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: finishing in-flight requests');
    gateway.readiness.drain();
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    // The gateway cuts connections after the grace period; this only guards against a close that hangs.
    setTimeout(() => {
      logger.error('shutdown did not complete; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 5_000).unref();
    await gateway.close();
    await Promise.all([emulator?.close(), metrics?.close()]);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function startMetrics(config: GatewayConfig, registry: Registry): Promise<MetricsServer | null> {
  const port = config.metricsPort;
  if (port === null) return Promise.resolve(null);
  return listenAs(METRICS_LISTENER, () => startMetricsServer(registry, config.metricsHost, port));
}

function readConfigOrExit(): GatewayConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    return exitOnConfigError(error);
  }
}

function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Invalid configuration: ${error.message}\n`);
  process.exit(1);
}

function warnAboutPlainHttp(config: GatewayConfig, logger: Logger): void {
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
