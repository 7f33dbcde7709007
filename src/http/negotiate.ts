import fresh from 'fresh';
import Negotiator from 'negotiator';

// negotiator 1.x lets the server's order break ties in quality (`preferred`); its @types still describe 0.6.
type EncodingNegotiator = Negotiator & {
  encoding(available: readonly string[], options: { preferred: readonly string[] }): string | undefined;
};

const HTML = 'text/html';
const OFFERED_TYPES = ['application/graphql-response+json', 'application/json', HTML];

/**
 * True when the client would rather have an HTML page than a GraphQL response: browsers ask for `text/html`
 * first; API clients send JSON types or `*` / `*`. At equal quality the more specific range wins, and a
 * tie that only the header's order would break goes to GraphQL.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  // negotiator breaks the last tie by the header's order, so the page must win read both ways. A comma
  // inside a quoted parameter splits wrongly here, which can only turn the answer to GraphQL.
  const reversed = accept.split(',').reverse().join(',');
  return [accept, reversed].every(
    (header) => new Negotiator({ headers: { accept: header } }).mediaType(OFFERED_TYPES) === HTML,
  );
}

/** The first of `offered` (best first) the client accepts; `identity` is acceptable unless refused. */
export function pickEncoding<T extends string>(acceptEncoding: string | undefined, offered: readonly T[]): T {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as EncodingNegotiator;
  const best = negotiator.encoding(offered, { preferred: offered }) as T | undefined;
  // When every coding is refused, the uncompressed page is still the most useful answer (RFC 9110, 12.5.3).
  return best ?? offered.find((coding) => coding === 'identity') ?? (offered[0] as T);
}

/** Whether an If-None-Match header names `etag`, compared weakly as RFC 9110 (13.1.2) asks. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return fresh({ 'if-none-match': ifNoneMatch }, { etag });
}
