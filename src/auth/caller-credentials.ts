/** What a request says about who is calling, read from its headers once per request. */
export interface CallerCredentials {
  /** The raw Authorization header, if any. */
  readonly authorization?: string;
  /** The X-Bitrix24-Domain header: the portal a bearer token belongs to. */
  readonly portal?: string;
}

type HeaderValue = string | string[] | undefined;

export function readCallerCredentials(headers: Record<string, HeaderValue>): CallerCredentials {
  return { authorization: single(headers.authorization), portal: single(headers['x-bitrix24-domain']) };
}

// A repeated header is ambiguous; take neither value rather than guess.
function single(value: HeaderValue): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
