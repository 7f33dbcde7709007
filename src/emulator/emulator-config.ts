import type { RateLimit } from './leaky-bucket';

/** Settings of the standalone emulator program, read once from the environment. */
export interface EmulatorConfig {
  /** EMULATOR_HOST, default 127.0.0.1. */
  readonly host: string;
  /** EMULATOR_PORT, default 4100; 0 picks a free port. */
  readonly port: number;
  /** EMULATOR_RATE_PER_SEC (default 2) and EMULATOR_BURST (default 50); EMULATOR_RATE_LIMIT=off disables. */
  readonly rateLimit: Readonly<RateLimit> | false;
  /** EMULATOR_HTTPS_PORT (0 picks a free port) also serves HTTPS; off when unset. */
  readonly https: Readonly<HttpsConfig> | false;
}

/** HTTPS beside HTTP, on one portal: a self-signed certificate made at start unless both paths are given. */
export interface HttpsConfig {
  readonly port: number;
  /** EMULATOR_TLS_CERT and EMULATOR_TLS_KEY: PEM files, both or neither. */
  readonly files?: { readonly certPath: string; readonly keyPath: string };
}

/** A setting is unusable; the message names the variable. */
export class EmulatorConfigError extends Error {
  override name = 'EmulatorConfigError';
}

type Env = Record<string, string | undefined>;

export function readEmulatorConfig(env: Env = process.env): EmulatorConfig {
  return Object.freeze({
    host: readHost(env),
    port: readNumber(env, 'EMULATOR_PORT', 4100, isPort),
    rateLimit: readRateLimit(env),
    https: readHttps(env),
  });
}

function readHttps(env: Env): Readonly<HttpsConfig> | false {
  const certPath = env.EMULATOR_TLS_CERT || undefined;
  const keyPath = env.EMULATOR_TLS_KEY || undefined;
  if ((certPath === undefined) !== (keyPath === undefined)) {
    throw new EmulatorConfigError('EMULATOR_TLS_CERT and EMULATOR_TLS_KEY must be set together');
  }
  if (!env.EMULATOR_HTTPS_PORT) {
    if (certPath)
      throw new EmulatorConfigError('EMULATOR_TLS_CERT and EMULATOR_TLS_KEY need EMULATOR_HTTPS_PORT');
    return false;
  }
  const port = readNumber(env, 'EMULATOR_HTTPS_PORT', 0, isPort);
  return Object.freeze(certPath && keyPath ? { port, files: { certPath, keyPath } } : { port });
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 65535;
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
