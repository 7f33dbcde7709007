import type { Secret } from '../secret';

/** Outbound proxy, as operators set it: HTTPS_PROXY, HTTP_PROXY and NO_PROXY (either case). */
export interface ProxySettings {
  /** Proxy URLs may carry a user name and password, so they are kept secret. */
  readonly httpProxy?: Secret;
  readonly httpsProxy?: Secret;
  readonly noProxy?: string;
}
