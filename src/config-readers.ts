import {
  parsePortalEntry,
  parseWebhookUrl,
  type PortalEntry,
  type WebhookCredentials,
} from './bitrix24/portal';
import type { ResilienceSettings } from './bitrix24/resilience-settings';
import { ConfigError } from './config-error';
import { Secret } from './secret';

/** Readers for the variables whose values need more than a schema: each error names its variable. */

export type Env = Readonly<Record<string, string | undefined>>;

// A mutation in flight may take its whole Bitrix24 deadline: a shorter grace would cut it off unanswered.
export function readGrace(graceMs: number | undefined, timeoutMs: number): number {
  if (graceMs === undefined) return timeoutMs + 5_000;
  if (graceMs <= timeoutMs) {
    throw new ConfigError(
      'SHUTDOWN_GRACE_MS: must be longer than BITRIX24_TIMEOUT_MS, so in-flight calls can end',
    );
  }
  return graceMs;
}

export function readWebhook(value: string): WebhookCredentials {
  return readSetting('BITRIX24_WEBHOOK_URL', () => parseWebhookUrl(new Secret(value)));
}

/** Runs a reader, turning its error into a ConfigError that names the variable (or already does). */
export function readSetting<T>(variable: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const message = (error as Error).message;
    throw new ConfigError(variable ? `${variable}: ${message}` : message);
  }
}

// A typo in a host would otherwise fall back to the standard limit without a word.
export function checkedLimits(
  settings: ResilienceSettings,
  webhook: WebhookCredentials | null,
  portals: PortalEntry[],
): ResilienceSettings {
  const known = new Set(configuredHosts(webhook, portals));
  const unknown = [...settings.portalLimits.keys()].find((host) => !known.has(host));
  if (unknown) throw new Error(`"${unknown}" is not a host of BITRIX24_PORTALS or BITRIX24_WEBHOOK_URL`);
  return settings;
}

export function readPortals(value: string): PortalEntry[] {
  try {
    const portals = list(value).map(parsePortalEntry);
    const hosts = new Set(portals.map((portal) => portal.host));
    if (hosts.size !== portals.length) throw new Error('lists a portal twice');
    return portals;
  } catch (error) {
    throw new ConfigError(`BITRIX24_PORTALS: ${(error as Error).message}`);
  }
}

// An entry must name a configured host: a typo would otherwise leave an on-premises portal unreachable. An entry
// without a port names every configured portal of that name: `localhost` for `http://localhost:4100`.
export function readPrivateHosts(
  value: string,
  webhook: WebhookCredentials | null,
  portals: PortalEntry[],
): string[] {
  const known = configuredHosts(webhook, portals);
  try {
    return [...new Set(list(value).flatMap((entry) => privateHostsOf(entry, known)))];
  } catch (error) {
    throw new ConfigError(`BITRIX24_PRIVATE_HOSTS: ${(error as Error).message}`);
  }
}

function privateHostsOf(entry: string, known: readonly string[]): string[] {
  const { host } = parsePortalEntry(entry);
  if (known.includes(host)) return [host];
  // An explicit port names one portal; `:443` is gone from `host` once parsed, so ask the entry itself.
  const named = /:\d+\/?$/.test(entry) ? [] : known.filter((other) => hostname(other) === hostname(host));
  if (named.length === 0)
    throw new Error(`"${entry}" is not a host of BITRIX24_PORTALS or BITRIX24_WEBHOOK_URL`);
  return named;
}

/** The host[:port] of every configured portal, the webhook's included. */
function configuredHosts(webhook: WebhookCredentials | null, portals: PortalEntry[]): string[] {
  return [...portals.map((portal) => portal.host), ...(webhook ? [webhook.host] : [])];
}

const hostname = (host: string): string => new URL(`http://${host}`).hostname;

const MIN_API_KEY_LENGTH = 16;

// The message never quotes a key: a malformed key is still a secret.
export function readApiKeys(value: string): Secret[] {
  const keys = list(value);
  if (keys.some((key) => key.length < MIN_API_KEY_LENGTH)) {
    throw new ConfigError(`GATEWAY_API_KEYS: every key must have at least ${MIN_API_KEY_LENGTH} characters`);
  }
  return keys.map((key) => new Secret(key));
}

export function readCorsOrigins(value: string): string[] {
  return list(value).map((entry) => {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== entry.toLowerCase() || !/^https?:/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS: "${entry}" is not an origin such as https://app.example.com`);
    }
    return origin;
  });
}

export function list(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

// An empty variable (`FOO=`) means "not set", as in most deployment tools.
export function withoutBlanks(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret) && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
