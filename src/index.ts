import 'reflect-metadata';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ConfigError, configSecrets, loadConfig, type GatewayConfig } from './config';
import { startEmbeddedEmulator } from './embedded-emulator';
import { listenAs, type NamedListener } from './http/listen-error';
import { startMetricsServer, type MetricsServer } from './http/metrics-server';
import { createLogger } from './logger';
import { assembleGateway } from './server';
import { listeningText } from './startup/listening-line';
import { checkPrivatePortals } from './startup/private-portals';
import { stopOnSignals } from './startup/shutdown';
import { logStartupWarnings } from './startup/startup-warnings';

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
  logStartupWarnings(config, logger);

  const gateway = await assembleGateway(emulator ? { ...config, bitrix24: emulator.bitrix24 } : config, {
    logger,
  });
  const { port, host } = config.http;
  const listenTextResolver = listeningText(config.bitrix24, '/graphql');
  await listenAs(GRAPHQL_LISTENER, () => gateway.app.listen({ port, host, listenTextResolver }));
  const metrics = await startMetrics(config, gateway.metrics.registry, logger);
  stopOnSignals(gateway, [emulator, metrics], { logger, http: config.http });
}

async function startMetrics(
  { http }: GatewayConfig,
  registry: Registry,
  logger: Logger,
): Promise<MetricsServer | null> {
  const port = http.metricsPort;
  if (port === null) return null;
  const metrics = await listenAs(METRICS_LISTENER, () =>
    startMetricsServer(registry, http.metricsHost, port),
  );
  logger.info({ url: metrics.url }, 'metrics listening');
  return metrics;
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

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
