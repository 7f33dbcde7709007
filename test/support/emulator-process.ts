import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { EmulatorControl } from './emulator-control';

/** The emulator running as its own process, the way end-to-end tests and people run it. */
export interface EmulatorProcess {
  origin: string;
  control: EmulatorControl;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

const MAIN = resolve(__dirname, '../../dist/emulator/main.js');
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

/** Starts `dist/emulator/main.js` (run `npm run build` first) on a free port. */
export async function spawnEmulator(env: Record<string, string> = {}): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, EMULATOR_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  try {
    const origin = await waitForListening(child, () => stderr);
    return { origin, control: new EmulatorControl(origin), stop: () => stop(child) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function waitForListening(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const fail = (reason: string): void => {
      cleanup();
      reject(new Error(`Emulator did not start: ${reason}\n--- emulator stderr ---\n${stderr()}`));
    };
    const timer = setTimeout(() => fail(`no listening line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`exited early (code ${code}, signal ${signal})`);
    const cleanup = (): void => {
      clearTimeout(timer);
      lines.close();
      child.stdout?.resume(); // keep draining so a chatty child never blocks on a full pipe
      child.off('exit', onExit);
    };
    child.once('exit', onExit);
    lines.on('line', (line) => {
      const origin = listeningOrigin(line);
      if (origin === undefined) return;
      cleanup();
      resolvePromise(origin);
    });
  });
}

function listeningOrigin(line: string): string | undefined {
  try {
    const message = JSON.parse(line) as { event?: unknown; origin?: unknown };
    return message.event === 'listening' && typeof message.origin === 'string' ? message.origin : undefined;
  } catch {
    return undefined;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
