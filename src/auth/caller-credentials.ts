/** What a request says about who is calling, read from its headers once per request. */
export interface CallerCredentials {
  /** The raw Authorization header, if any. */
  readonly authorization?: string;
  /** The X-Bitrix24-Domain header: the portal a bearer token belongs to. */
  readonly portal?: string;
}

/** The header with the caller's Bitrix24 access token, as `Bearer <token>`. */
export const AUTHORIZATION_HEADER = 'authorization';
/** The header that names the portal a bearer token belongs to. */
export const PORTAL_HEADER = 'x-bitrix24-domain';

type HeaderValue = string | string[] | undefined;

export function readCallerCredentials(headers: Record<string, HeaderValue>): CallerCredentials {
  return {
    authorization: single(headers[AUTHORIZATION_HEADER]),
    portal: single(headers[PORTAL_HEADER]),
  };
}

// A repeated header is ambiguous; take neither value rather than guess.
function single(value: HeaderValue): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
