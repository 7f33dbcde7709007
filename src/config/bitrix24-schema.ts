import { z } from 'zod';
import {
  parsePortalEntry,
  parseWebhookUrl,
  type PortalEntry,
  type WebhookCredentials,
} from '../bitrix24/portal';
import { Secret } from '../secret';
import { flag, integer, readAt, textOr } from './values';

/** How the gateway reaches Bitrix24. */
export interface Bitrix24Config {
  /** Inbound webhook used for calls that carry no bearer token; every such caller acts as its user. */
  readonly webhook: WebhookCredentials | null;
  /** Portals a bearer token may be used against (per-user OAuth calls). */
  readonly portals: readonly PortalEntry[];
  /**
   * Hosts (host[:port]) of the portals or the webhook that may resolve to private, loopback or other
   * non-public addresses; any other host name that does is refused. IP literals are always allowed.
   */
  readonly privateHosts: readonly string[];
  /** Deadline for all the Bitrix24 work of one mutation. */
  readonly timeoutMs: number;
  /** True when nothing is configured and the embedded emulator stands in for Bitrix24. */
  readonly useEmulator: boolean;
}

const isPortalEntry = (value: unknown): value is PortalEntry =>
  typeof (value as PortalEntry | null)?.host === 'string' &&
  typeof (value as PortalEntry | null)?.origin === 'string';

const isWebhook = (value: unknown): value is WebhookCredentials =>
  isPortalEntry(value) && (value as WebhookCredentials).basePath instanceof Secret;

const portals = z
  .array(textOr(parsePortalEntry, isPortalEntry))
  .refine(
    (entries) => new Set(entries.map((entry) => entry.host)).size === entries.length,
    'lists a portal twice',
  );

/** BITRIX24_*: the webhook, the portals and the deadline; given as text (a URL, hosts) or already read. */
export const bitrix24Schema = z
  .object({
    webhook: textOr((url) => parseWebhookUrl(new Secret(url)), isWebhook)
      .nullable()
      .default(null),
    portals: portals.default([]),
    privateHosts: z.array(z.string()).default([]),
    timeoutMs: integer(100, 600_000).default(10_000),
    /** Allows the embedded emulator in production, where nothing configured is otherwise refused. */
    useEmulator: flag.optional(),
  })
  .strict()
  .prefault({})
  .transform((settings, context): Bitrix24Config & { readonly emulatorAllowed: boolean } => {
    const { webhook, portals: entries } = settings;
    const privateHosts = readAt(context, ['privateHosts'], () =>
      resolvePrivateHosts(settings.privateHosts, webhook, entries),
    );
    return {
      webhook,
      portals: entries,
      privateHosts,
      timeoutMs: settings.timeoutMs,
      useEmulator: webhook === null && entries.length === 0,
      // Read by the production rule in gateway-schema.ts, which drops it.
      emulatorAllowed: settings.useEmulator === true,
    };
  });

// An entry must name a configured host: a typo would otherwise leave an on-premises portal unreachable. An entry
// without a port names every configured portal of that name: `localhost` for `http://localhost:4100`.
function resolvePrivateHosts(
  entries: readonly string[],
  webhook: WebhookCredentials | null,
  portalEntries: readonly PortalEntry[],
): string[] {
  const known = configuredHosts(webhook, portalEntries);
  return [...new Set(entries.flatMap((entry) => privateHostsOf(entry, known)))];
}

function privateHostsOf(entry: string, known: readonly string[]): string[] {
  const { host } = parsePortalEntry(entry);
  if (known.includes(host)) return [host];
  // An explicit port names one portal; `:443` is gone from `host` once parsed, so ask the entry itself.
  const named = /:\d+\/?$/.test(entry) ? [] : known.filter((other) => hostname(other) === hostname(host));
  if (named.length === 0)
    throw new Error(`"${entry}" is not a host of {bitrix24.portals} or {bitrix24.webhook}`);
  return named;
}

/** The host[:port] of every configured portal, the webhook's included. */
export function configuredHosts(
  webhook: WebhookCredentials | null,
  portalEntries: readonly PortalEntry[],
): string[] {
  return [...portalEntries.map((portal) => portal.host), ...(webhook ? [webhook.host] : [])];
}

const hostname = (host: string): string => new URL(`http://${host}`).hostname;
