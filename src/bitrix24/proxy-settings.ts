import { Secret } from '../secret';

/** Outbound proxy, as operators set it: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case). */
export interface ProxySettings {
  /** Proxy URLs may carry a user name and password, so they are kept secret. */
  readonly httpProxy?: Secret;
  readonly httpsProxy?: Secret;
  readonly noProxy?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the proxy variables; a malformed proxy URL throws naming the variable, never quoting the value. */
export function readProxySettings(env: Env): ProxySettings {
  const httpProxy = proxyUrl(env, 'HTTP_PROXY');
  const httpsProxy = proxyUrl(env, 'HTTPS_PROXY');
  const noProxy = env.NO_PROXY || env.no_proxy;
  return {
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}

function proxyUrl(env: Env, name: 'HTTP_PROXY' | 'HTTPS_PROXY'): Secret | undefined {
  const value = env[name] || env[name.toLowerCase()];
  if (!value) return undefined;
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw new Error(`${name}: is not a valid URL`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`${name}: must be an http or https URL`);
  return new Secret(value);
}
