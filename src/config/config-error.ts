/** Raised for any bad setting; the message names the variable, never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
