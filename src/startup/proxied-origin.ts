import type { ProxySettings } from '../bitrix24/proxy-settings';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/**
 * Whether the gateway reaches `origin` through the outbound proxy, so that the proxy, not this process, resolves
 * its name. The rules are undici's EnvHttpProxyAgent's (7.x), as src/bitrix24/dispatchers.ts configures it: an
 * https origin takes HTTPS_PROXY, else HTTP_PROXY; an http origin takes HTTP_PROXY; NO_PROXY entries match a
 * host name and its subdomains, on any port unless the entry names one, and `*` alone matches everything.
 */
export function reachedThroughProxy(origin: string, proxy: ProxySettings): boolean {
  const url = new URL(origin);
  const proxyUrl = url.protocol === 'https:' ? (proxy.httpsProxy ?? proxy.httpProxy) : proxy.httpProxy;
  return proxyUrl !== undefined && !bypassesProxy(url, proxy.noProxy ?? '');
}

function bypassesProxy(url: URL, noProxy: string): boolean {
  const entries = noProxy.split(/[,\s]/).filter(Boolean);
  if (entries.length === 0) return false;
  if (noProxy === '*') return true;
  // undici strips the port from `host` rather than reading `hostname`, so an IPv6 literal keeps its brackets.
  const hostname = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
  return entries.some((entry) => {
    const [, name = entry, entryPort] = /^(.+):(\d+)$/.exec(entry) ?? [];
    const suffix = name.replace(/^\*?\./, '').toLowerCase();
    const wantedPort = entryPort === undefined ? 0 : Number.parseInt(entryPort, 10);
    if (wantedPort && wantedPort !== port) return false;
    return hostname === suffix || hostname.endsWith(`.${suffix}`);
  });
}
