import { Secret } from '../secret';

/** Outbound proxy, as operators set it: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case). */
export interface ProxySettings {
  /** Proxy URLs may carry a user name and password, so they are kept secret. */
  readonly httpProxy?: Secret;
  readonly httpsProxy?: Secret;
  readonly noProxy?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function readProxySettings(env: Env): ProxySettings {
  const httpProxy = env.HTTP_PROXY || env.http_proxy;
  const httpsProxy = env.HTTPS_PROXY || env.https_proxy;
  const noProxy = env.NO_PROXY || env.no_proxy;
  return {
    ...(httpProxy ? { httpProxy: new Secret(httpProxy) } : {}),
    ...(httpsProxy ? { httpsProxy: new Secret(httpsProxy) } : {}),
    ...(noProxy ? { noProxy } : {}),
  };
}
