import { readEmulatorConfig, EmulatorConfigError } from './emulator-config';
import type { EmulatorConfig } from './emulator-config';
import { startEmulator } from './emulator-server';

/**
 * Standalone emulator: `node dist/emulator/main.js`. Stdout carries exactly one JSON line for the
 * process that spawned it; everything meant for people goes to stderr. Webhook codes and tokens are
 * never printed, since copies of this output end up in CI logs.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const emulator = await startEmulator({ host: config.host, port: config.port, rateLimit: config.rateLimit });
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  // Ready for signals before announcing: whoever reads the line may stop us at once.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${JSON.stringify({ event: 'listening', origin: emulator.origin })}\n`);
  process.stderr.write(hints(emulator.origin, config));
}

function loadConfig(): EmulatorConfig {
  try {
    return readEmulatorConfig();
  } catch (error) {
    if (!(error instanceof EmulatorConfigError)) throw error;
    return fail(`bitrix24 emulator: ${error.message}`);
  }
}

function hints(origin: string, config: EmulatorConfig): string {
  const limit = config.rateLimit ? `${config.rateLimit.perSecond}/s, burst ${config.rateLimit.burst}` : 'off';
  return [
    `Bitrix24 REST emulator listening on ${origin} (rate limit ${limit})`,
    `  OAuth calls:   ${origin}/rest/im.message.like with a demo token (see src/emulator/demo-seed.ts)`,
    `  Webhook URL:   POST ${origin}/_emulator/webhooks {"userId":1}`,
    `  Control API:   ${origin}/_emulator/{reset,setup,likes/:id,reactions[/:id],calls,options,faults}`,
    '',
  ].join('\n');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => fail(`bitrix24 emulator failed to start: ${String(error)}`));
