import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { AddressRefusedError, nonPublicRange, publicOnlyLookup } from '../../src/bitrix24/address-guard';

describe('nonPublicRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b:1::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['ff02::1', 'multicast'],
    ['not-an-address', 'invalid'],
  ])('refuses %s (%s)', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2a00:1450:4001:80b::200e', '64:ff9b::808:808'])(
    'accepts the public address %s',
    (address) => {
      expect(nonPublicRange(address)).toBeNull();
    },
  );
});

/** A resolver that answers from a table, the way dns.lookup answers with and without `all`. */
function fakeDns(table: Record<string, string[]>): LookupFunction {
  return (hostname, options, callback) => {
    const addresses = table[hostname];
    if (!addresses) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return callback(error, '', 0);
    }
    const entries: LookupAddress[] = addresses.map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
    if (options.all) return callback(null, entries);
    callback(null, entries[0]!.address, entries[0]!.family);
  };
}

function lookup(resolve: LookupFunction, hostname: string, options: LookupOptions) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((done) =>
    publicOnlyLookup(resolve)(hostname, options, (error, address, family) =>
      done({ error, address, family }),
    ),
  );
}

describe('publicOnlyLookup', () => {
  const dns = fakeDns({
    'portal.example': ['8.8.8.8', '2a00:1450:4001:80b::200e'],
    'rebound.example': ['8.8.8.8', '127.0.0.1'],
    'metadata.example': ['169.254.169.254'],
    'mapped.example': ['::ffff:10.0.0.1'],
  });

  it('passes public answers through unchanged, in both lookup forms', async () => {
    expect(await lookup(dns, 'portal.example', { all: true })).toEqual({
      error: null,
      address: [
        { address: '8.8.8.8', family: 4 },
        { address: '2a00:1450:4001:80b::200e', family: 6 },
      ],
      family: undefined,
    });
    expect(await lookup(dns, 'portal.example', {})).toEqual({ error: null, address: '8.8.8.8', family: 4 });
  });

  it.each([
    ['rebound.example', 'loopback'],
    ['metadata.example', 'linkLocal'],
    ['mapped.example', 'ipv4Mapped'],
  ])('refuses %s when any address it resolves to is not public (%s)', async (hostname, range) => {
    const { error, address } = await lookup(dns, hostname, { all: true });
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error).toMatchObject({ code: 'ERR_ADDRESS_REFUSED', range });
    expect(address).toBe('');
  });

  it('passes resolver errors through', async () => {
    const { error } = await lookup(dns, 'missing.example', { all: true });
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
