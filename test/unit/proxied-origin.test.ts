import { Secret } from '../../src/secret';
import { reachedThroughProxy } from '../../src/startup/proxied-origin';

const PROXY = new Secret('http://proxy.example:3128');

describe('reachedThroughProxy, by the rules of undici 7 EnvHttpProxyAgent', () => {
  it.each([
    ['https://acme.bitrix24.com', { httpsProxy: PROXY }, true],
    ['https://acme.bitrix24.com', { httpProxy: PROXY }, true],
    ['http://acme.bitrix24.com', { httpsProxy: PROXY }, false],
    ['http://acme.bitrix24.com', { httpProxy: PROXY }, true],
    ['https://acme.bitrix24.com', {}, false],
    ['https://acme.bitrix24.com', { httpsProxy: PROXY, noProxy: '*' }, false],
    ['https://acme.bitrix24.com', { httpsProxy: PROXY, noProxy: 'acme.bitrix24.com' }, false],
    ['https://acme.bitrix24.com', { httpsProxy: PROXY, noProxy: 'other.com, .bitrix24.com' }, false],
    ['https://acme.bitrix24.com', { httpsProxy: PROXY, noProxy: '*.bitrix24.com' }, false],
    ['https://acme.bitrix24.com', { httpsProxy: PROXY, noProxy: 'bitrix24.com' }, false],
    ['https://acme.bitrix24.com', { httpsProxy: PROXY, noProxy: 'me.bitrix24.com' }, true],
    ['https://acme.bitrix24.com', { httpsProxy: PROXY, noProxy: 'acme.bitrix24.com:443' }, false],
    ['https://acme.bitrix24.com', { httpsProxy: PROXY, noProxy: 'acme.bitrix24.com:8443' }, true],
    ['http://localhost:4100', { httpProxy: PROXY, noProxy: 'localhost:4100' }, false],
    ['http://localhost:4100', { httpProxy: PROXY, noProxy: 'LOCALHOST' }, false],
    ['http://[::1]:4100', { httpProxy: PROXY, noProxy: '[::1]' }, false],
  ])('%s with %p: %p', (origin, proxy, expected) => {
    expect(reachedThroughProxy(origin, proxy)).toBe(expected);
  });
});
