import type { RateLimit } from './leaky-bucket';

/** Settings of the standalone emulator program, read once from the environment. */
export interface EmulatorConfig {
  /** EMULATOR_HOST, default 127.0.0.1. */
  readonly host: string;
  /** EMULATOR_PORT, default 4100; 0 picks a free port. */
  readonly port: number;
  /** EMULATOR_RATE_PER_SEC (default 2) and EMULATOR_BURST (default 50); EMULATOR_RATE_LIMIT=off disables. */
  readonly rateLimit: Readonly<RateLimit> | false;
}

/** A setting is unusable; the message names the variable. */
export class EmulatorConfigError extends Error {
  override name = 'EmulatorConfigError';
}

type Env = Record<string, string | undefined>;

export function readEmulatorConfig(env: Env = process.env): EmulatorConfig {
  return Object.freeze({
    host: readHost(env),
    port: readNumber(env, 'EMULATOR_PORT', 4100, (n) => Number.isInteger(n) && n >= 0 && n <= 65535),
    rateLimit: readRateLimit(env),
  });
}

function readHost(env: Env): string {
  const host = env.EMULATOR_HOST ?? '127.0.0.1';
  if (host.trim() === '') throw new EmulatorConfigError('EMULATOR_HOST must not be empty');
  return host;
}

function readRateLimit(env: Env): Readonly<RateLimit> | false {
  const mode = (env.EMULATOR_RATE_LIMIT ?? 'on').toLowerCase();
  if (mode !== 'on' && mode !== 'off') {
    throw new EmulatorConfigError(
      `EMULATOR_RATE_LIMIT must be "on" or "off", got "${env.EMULATOR_RATE_LIMIT}"`,
    );
  }
  const perSecond = readNumber(env, 'EMULATOR_RATE_PER_SEC', 2, (n) => n > 0);
  const burst = readNumber(env, 'EMULATOR_BURST', 50, (n) => Number.isInteger(n) && n > 0);
  return mode === 'off' ? false : Object.freeze({ perSecond, burst });
}

function readNumber(env: Env, name: string, fallback: number, valid: (n: number) => boolean): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || !valid(value)) {
    throw new EmulatorConfigError(`${name} has an invalid value "${raw}"`);
  }
  return value;
}
