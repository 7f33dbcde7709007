import type { z } from 'zod';
import { gatewaySchema, type GatewayConfig, type GatewaySettings } from './gateway-schema';
import { readEnvironment, readOptions } from './read-settings';
import { GATEWAY_VARIABLES, type Env } from './variables';

/**
 * All configuration: one schema per program (the gateway, the standalone emulator), read once at start from the
 * environment, or from an embedder's options through the same schema. A bad setting throws a ConfigError whose
 * message names the variable or the option, never its value.
 */

/** The gateway's settings from the environment, frozen. */
export function loadConfig(env: Env): GatewayConfig {
  return readEnvironment(gatewaySchema, GATEWAY_VARIABLES, env);
}

/** The gateway's settings from an embedder's options, defaults filled in. */
export function gatewayConfigOf(options: GatewaySettings = {}): GatewayConfig {
  // The schema copies what it reads, so a frozen input is read as it is.
  return readOptions(gatewaySchema, options as z.input<typeof gatewaySchema>);
}

export { loadEmulatorConfig } from './emulator-config';
export { ConfigError } from './config-error';
export { configSecrets } from './config-secrets';
export type { Bitrix24Config } from './bitrix24-schema';
export type { EmulatorConfig, HttpsConfig } from './emulator-schema';
export type { GatewayConfig, GatewaySettings } from './gateway-schema';
export type { HttpConfig } from './http-schema';
export type { SecurityConfig } from './security-schema';
export { EMULATOR_VARIABLES, GATEWAY_VARIABLES, type Env, type Variable } from './variables';
