import { emulatorSchema, type EmulatorConfig } from './emulator-schema';
import { readEnvironment } from './read-settings';
import { EMULATOR_VARIABLES, type Env } from './variables';

/** The standalone emulator's settings from the environment, frozen; apart, so the emulator loads no gateway. */
export function loadEmulatorConfig(env: Env): EmulatorConfig {
  return readEnvironment(emulatorSchema, EMULATOR_VARIABLES, env);
}
