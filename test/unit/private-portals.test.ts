import { ConfigError, loadConfig } from '../../src/config';
import { checkPrivatePortals, type ResolveAll } from '../../src/startup/private-portals';

/** A DNS of fixed answers that records what it was asked; a name it does not know fails as ENOTFOUND. */
function fakeDns(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve: ResolveAll = async (hostname) => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address }));
  };
  return { asked, resolve };
}

function check(env: Record<string, string>, resolve: ResolveAll, warn = jest.fn()) {
  const config = loadConfig(env);
  return checkPrivatePortals(config.bitrix24, config.proxy, { logger: { warn }, resolve });
}

async function refusal(promise: Promise<void>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).message;
}

describe('checkPrivatePortals', () => {
  it('refuses localhost without asking DNS, naming the variable and the value to set', async () => {
    const dns = fakeDns({});
    const message = await refusal(
      check({ BITRIX24_WEBHOOK_URL: 'http://localhost:4100/rest/1/c0de/' }, dns.resolve),
    );
    expect(message).toBe(
      'BITRIX24_PRIVATE_HOSTS: the portal localhost:4100 resolves to a loopback address, which the gateway ' +
        'contacts only for hosts listed in BITRIX24_PRIVATE_HOSTS; if that is meant (a local or on-premises ' +
        'Bitrix24), set BITRIX24_PRIVATE_HOSTS=localhost:4100',
    );
    expect(dns.asked).toEqual([]);
  });

  it('names every such portal, and keeps the hosts already listed in the value to set', async () => {
    const dns = fakeDns({
      'b24.corp.example': ['93.184.215.14', '10.0.0.5'],
      'acme.bitrix24.com': ['8.8.8.8'],
    });
    const env = {
      BITRIX24_PORTALS:
        'acme.bitrix24.com,https://b24.corp.example:8443,http://app.localhost,http://db.internal',
      BITRIX24_PRIVATE_HOSTS: 'db.internal',
    };
    expect(await refusal(check(env, dns.resolve))).toBe(
      'BITRIX24_PRIVATE_HOSTS: the portal b24.corp.example:8443 resolves to a private address (10.0.0.5), the ' +
        'portal app.localhost resolves to a loopback address, which the gateway contacts only for hosts listed ' +
        'in BITRIX24_PRIVATE_HOSTS; if that is meant (a local or on-premises Bitrix24), set ' +
        'BITRIX24_PRIVATE_HOSTS=db.internal,b24.corp.example:8443,app.localhost',
    );
    expect(dns.asked.sort()).toEqual(['acme.bitrix24.com', 'b24.corp.example']);
  });

  it('passes public names, listed hosts and IP literals, asking DNS only about the public names', async () => {
    const dns = fakeDns({ 'acme.bitrix24.com': ['8.8.8.8', '2a00:1450:4001:80b::200e'] });
    const env = {
      BITRIX24_WEBHOOK_URL: 'http://localhost:4100/rest/1/c0de/',
      BITRIX24_PORTALS: 'acme.bitrix24.com,http://127.0.0.1:8080,http://[::1]:8081,http://localhost:4100',
      BITRIX24_PRIVATE_HOSTS: 'localhost',
    };
    await expect(check(env, dns.resolve)).resolves.toBeUndefined();
    expect(dns.asked).toEqual(['acme.bitrix24.com']);
  });

  it('leaves names reached through the proxy to the proxy, and checks those NO_PROXY sends direct', async () => {
    const dns = fakeDns({ 'b24.corp.example': ['10.0.0.5'] });
    const proxied = {
      BITRIX24_PORTALS: 'https://b24.corp.example,http://localhost:4100',
      HTTP_PROXY: 'http://proxy.example:3128',
    };
    await expect(check(proxied, dns.resolve)).resolves.toBeUndefined();
    expect(dns.asked).toEqual([]);
    const direct = { ...proxied, NO_PROXY: '.corp.example' };
    expect(await refusal(check(direct, dns.resolve))).toMatch(
      /^BITRIX24_PRIVATE_HOSTS: the portal b24.corp.example resolves to a private address \(10.0.0.5\), which/,
    );
  });

  it('only warns when a name does not resolve: every connection checks it again', async () => {
    const warn = jest.fn();
    await expect(
      check({ BITRIX24_PORTALS: 'b24.down.example' }, fakeDns({}).resolve, warn),
    ).resolves.toBeUndefined();
    expect(warn.mock.calls).toEqual([
      [
        { portal: 'b24.down.example', err: expect.objectContaining({ code: 'ENOTFOUND' }) },
        'the portal name did not resolve at start; its addresses are checked on every connection instead',
      ],
    ]);
  });

  it('gives up on a name that takes longer than its deadline, with a warning', async () => {
    jest.useFakeTimers();
    try {
      const warn = jest.fn();
      const config = loadConfig({ BITRIX24_PORTALS: 'b24.slow.example' });
      const never: ResolveAll = () => new Promise(() => undefined);
      const checked = checkPrivatePortals(config.bitrix24, config.proxy, {
        logger: { warn },
        resolve: never,
        timeoutMs: 5_000,
      });
      await jest.advanceTimersByTimeAsync(5_000);
      await expect(checked).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith(
        { portal: 'b24.slow.example', err: new Error('no answer within 5000 ms') },
        expect.any(String),
      );
    } finally {
      jest.useRealTimers();
    }
  });
});
