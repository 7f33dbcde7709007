import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { buildConnector } from 'undici';

/**
 * The connection to a portal was refused because its name resolved to an address that is not public
 * (loopback, private, link-local, CGNAT, unique-local, IPv4-mapped, ...). No packet was sent to it.
 */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  readonly code = 'ERR_ADDRESS_REFUSED';

  constructor(
    hostname: string,
    /** The ipaddr.js range name of the first refused address, e.g. `loopback` or `private`. */
    readonly range: string,
  ) {
    super(`${hostname} resolved to a ${range} address, which the gateway does not contact`);
  }
}

const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/** The range of a non-public address, or null for a public unicast one. Anything unparsable is refused. */
export function nonPublicRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  const parsed = ipaddr.parse(address);
  // DNS64 synthesises 64:ff9b::a.b.c.d for IPv4-only names on IPv6-only networks: judge the IPv4 inside.
  if (parsed.kind() === 'ipv6' && parsed.match(NAT64_WELL_KNOWN)) {
    return nonPublicRange(ipaddr.fromByteArray(parsed.toByteArray().slice(12)).toString());
  }
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/**
 * A DNS lookup for sockets that fails unless every address the name resolves to is public. The socket
 * connects to exactly the addresses checked here, so a name that resolves differently a moment later
 * (DNS rebinding) changes nothing. Sockets skip the lookup for IP literals: an address the operator wrote
 * is taken as meant.
 */
export function publicOnlyLookup(resolve: LookupFunction = systemLookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = typeof address === 'string' ? [address] : address.map((entry) => entry.address);
      const refused = addresses.map(nonPublicRange).find((range) => range !== null);
      if (refused) return callback(new AddressRefusedError(hostname, refused), '', 0);
      callback(null, address, family);
    });
  };
}

/**
 * undici connect options for one portal origin: the public-address check, unless the operator listed the
 * host in BITRIX24_PRIVATE_HOSTS (an on-premises Bitrix24 on a private network).
 */
export function guardedConnectOptions(
  origin: string,
  timeoutMs: number,
  privateHosts: ReadonlySet<string>,
): buildConnector.BuildOptions {
  if (privateHosts.has(new URL(origin).host)) return { timeout: timeoutMs };
  return { timeout: timeoutMs, lookup: publicOnlyLookup() };
}

/**
 * The same check for a connection shared by several portals (the proxy agent's direct connections, for
 * NO_PROXY hosts): decided per host name, since one agent serves every origin.
 */
export function guardedLookupByName(privateHosts: readonly string[]): LookupFunction {
  const exempt = new Set(privateHosts.map((host) => new URL(`http://${host}`).hostname));
  const guarded = publicOnlyLookup();
  return (hostname, options, callback) =>
    (exempt.has(hostname) ? (systemLookup as LookupFunction) : guarded)(hostname, options, callback);
}
