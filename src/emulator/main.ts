import { ConfigError } from '../config/config-error';
import { loadEmulatorConfig } from '../config/emulator-config';
import type { EmulatorConfig, HttpsConfig } from '../config/emulator-schema';
import type { RunningEmulator } from './emulator-server';
import { startEmulator } from './emulator-server';
import type { TlsMaterial } from './tls';
import { selfSignedTls, tlsFromFiles } from './tls';

/**
 * Standalone emulator: `node dist/emulator/main.js`. Stdout carries exactly one JSON line for the
 * process that spawned it; everything meant for people goes to stderr. Webhook codes and tokens are
 * never printed, since copies of this output end up in CI logs.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const tls = config.https ? await loadTls(config.https, config.host) : undefined;
  const https = config.https && tls ? { port: config.https.port, key: tls.key, cert: tls.cert } : undefined;
  const emulator = await startEmulator({ ...config, https });
  const stop = (): void => {
    void emulator
      .close()
      .then(() => tls?.dispose())
      .then(() => process.exit(0));
  };
  // Ready for signals before announcing: whoever reads the line may stop us at once.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${JSON.stringify(listening(emulator, tls))}\n`);
  process.stderr.write(hints(emulator, config, tls));
}

function loadConfig(): EmulatorConfig {
  try {
    return loadEmulatorConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return fail(`bitrix24 emulator: ${error.message}`);
  }
}

function loadTls(https: HttpsConfig, host: string): Promise<TlsMaterial> {
  return https.files ? tlsFromFiles(https.files.certPath, https.files.keyPath) : selfSignedTls(host);
}

/** With HTTPS, also where it listens and the certificate file a client must trust. */
function listening(emulator: RunningEmulator, tls: TlsMaterial | undefined): object {
  const https = tls && { httpsOrigin: emulator.httpsOrigin, caCertPath: tls.certPath };
  return { event: 'listening', origin: emulator.origin, ...https };
}

function hints(emulator: RunningEmulator, config: EmulatorConfig, tls: TlsMaterial | undefined): string {
  const { origin, httpsOrigin } = emulator;
  const limit = config.rateLimit ? `${config.rateLimit.perSecond}/s, burst ${config.rateLimit.burst}` : 'off';
  return [
    `Bitrix24 REST emulator listening on ${origin} (rate limit ${limit})`,
    `  OAuth calls:   ${origin}/rest/im.message.like with a demo token (see src/emulator/demo-seed.ts)`,
    `  Webhook URL:   POST ${origin}/_emulator/webhooks {"userId":1}`,
    `  Control API:   ${origin}/_emulator/{reset,setup,likes/:id,reactions[/:id],calls,options,faults}`,
    ...(httpsOrigin && tls ? httpsHints(httpsOrigin, tls) : []),
    '',
  ].join('\n');
}

function httpsHints(httpsOrigin: string, tls: TlsMaterial): string[] {
  return [
    `  HTTPS:         ${httpsOrigin}, the same portal; its webhook URL: POST ${httpsOrigin}/_emulator/webhooks`,
    `  Trust it:      NODE_EXTRA_CA_CERTS=${tls.certPath} (the certificate in PEM)`,
    `  Official SDK:  B24Hook.fromWebhookUrl('${httpsOrigin}/rest/1/<code>/') from @bitrix24/b24jssdk`,
  ];
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => fail(`bitrix24 emulator failed to start: ${String(error)}`));
