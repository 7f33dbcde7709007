import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { nonPublicRange } from '../bitrix24/address-guard';
import type { ProxySettings } from '../bitrix24/proxy-settings';
import { ConfigError, type Bitrix24Config } from '../config';
import { reachedThroughProxy } from './proxied-origin';

/** Every address a name resolves to, as `dns.promises.lookup(name, { all: true })` gives them. */
export type ResolveAll = (hostname: string) => Promise<ReadonlyArray<{ readonly address: string }>>;

export interface PrivatePortalCheckOptions {
  readonly logger: Pick<Logger, 'warn'>;
  readonly resolve?: ResolveAll;
  /** How long one name may take to resolve before the check gives up on it (a warning, not a failure). */
  readonly timeoutMs?: number;
}

/** A configured portal whose name resolves to a non-public address. */
interface PrivatePortal {
  readonly host: string;
  readonly range: string;
  readonly address?: string;
}

const systemResolve: ResolveAll = (hostname) => lookup(hostname, { all: true });

/**
 * Refuses to start when a portal's name resolves to a non-public address and BITRIX24_PRIVATE_HOSTS does not
 * list it: every call to it would be refused (see address-guard.ts), so the operator learns it now, with the
 * value to set, rather than from each request. A name that does not resolve now is only a warning: DNS may
 * be late at start, and every connection checks its addresses anyway. Skipped: IP literals (named, not
 * resolved), listed hosts, and hosts reached through the proxy, which resolves them itself.
 */
export async function checkPrivatePortals(
  bitrix24: Pick<Bitrix24Config, 'webhook' | 'portals' | 'privateHosts'>,
  proxy: ProxySettings,
  options: PrivatePortalCheckOptions,
): Promise<void> {
  const origins = new Map(
    [...bitrix24.portals, ...(bitrix24.webhook ? [bitrix24.webhook] : [])].map((portal) => [
      portal.host,
      portal.origin,
    ]),
  );
  const checked = [...origins]
    .filter(([host, origin]) => !bitrix24.privateHosts.includes(host) && !reachedThroughProxy(origin, proxy))
    .map(([host, origin]) => privateAddressOf(host, new URL(origin).hostname, options));
  const found = (await Promise.all(checked)).filter((portal) => portal !== null);
  if (found.length > 0) throw new ConfigError(refusal(found, bitrix24.privateHosts));
}

async function privateAddressOf(
  host: string,
  hostname: string,
  { logger, resolve = systemResolve, timeoutMs = 5_000 }: PrivatePortalCheckOptions,
): Promise<PrivatePortal | null> {
  if (isIP(hostname.replace(/^\[(.*)\]$/, '$1'))) return null;
  // Reserved for loopback (RFC 6761): no need to ask DNS, which may not even answer for *.localhost.
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return { host, range: 'loopback' };
  try {
    const addresses = await withDeadline(resolve(hostname), timeoutMs);
    const refused = addresses.map(({ address }) => ({ address, range: nonPublicRange(address) }));
    const first = refused.find((entry) => entry.range !== null);
    return first ? { host, range: first.range as string, address: first.address } : null;
  } catch (error) {
    logger.warn(
      { portal: host, err: error },
      'the portal name did not resolve at start; its addresses are checked on every connection instead',
    );
    return null;
  }
}

function refusal(found: readonly PrivatePortal[], listed: readonly string[]): string {
  const portals = found.map(
    ({ host, range, address }) => `${host} resolves to a ${range} address${address ? ` (${address})` : ''}`,
  );
  const value = [...listed, ...found.map(({ host }) => host)].join(',');
  return (
    `BITRIX24_PRIVATE_HOSTS: the portal ${portals.join(', the portal ')}, which the gateway contacts only ` +
    `for hosts listed in BITRIX24_PRIVATE_HOSTS; if that is meant (a local or on-premises Bitrix24), set ` +
    `BITRIX24_PRIVATE_HOSTS=${value}`
  );
}

function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
